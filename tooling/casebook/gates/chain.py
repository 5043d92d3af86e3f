"""Chain gate: the caused_by links form an acyclic graph hung on at least one break."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from casebook.dates import DateError, certainly_before, parse_partial_date
from casebook.diagnostics import Diagnostic, Severity
from casebook.loading import LoadResult
from casebook.vocabulary import home_stage, natural_stages


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Check acyclicity, breaks, connectivity, failure-mode placement and cause dates."""
    chain = loaded.data["chain"]
    index = {event["id"]: i for i, event in enumerate(chain)}
    graph = nx.DiGraph()
    graph.add_nodes_from(index)
    for event in chain:
        for cause in event.get("caused_by", []):
            if cause in index:  # unknown causes are the reference gate's R400
                graph.add_edge(cause, event["id"])

    for i, event in enumerate(chain):
        mode = event.get("failure_mode")
        if mode and event["kind"] not in ("break", "amplifier"):
            yield loaded.diagnostic(
                ("chain", i, "failure_mode"),
                "C504",
                f"a {event['kind']} event carries no failure mode; only breaks and amplifiers do",
            )
        elif mode and event["stage"] not in natural_stages(mode):
            yield loaded.diagnostic(
                ("chain", i, "failure_mode"),
                "C502",
                f"failure mode '{mode}' belongs to stage '{home_stage(mode)}', used here at '{event['stage']}'",
                severity=Severity.WARNING,
            )

    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        cycle = []
    if cycle:
        first = cycle[0][1]
        path = " -> ".join([cycle[0][0], *(edge[1] for edge in cycle)])
        yield loaded.diagnostic(("chain", index[first], "caused_by"), "C500", f"caused_by links form a cycle: {path}")

    breaks = [e["id"] for e in chain if e["kind"] == "break"]
    if not breaks:
        yield loaded.diagnostic(("chain",), "C501", "the chain has no event of kind 'break'")
    else:
        undirected = graph.to_undirected(as_view=True)
        attached: set[str] = set()
        for ident in breaks:
            attached |= nx.node_connected_component(undirected, ident)
        for event in chain:
            dangling = any(cause not in index for cause in event.get("caused_by", []))
            if event["kind"] != "context" and event["id"] not in attached and not dangling:
                yield loaded.diagnostic(
                    ("chain", index[event["id"]], "id"),
                    "C503",
                    f"event '{event['id']}' has no caused_by path to or from any break",
                )

    for i, event in enumerate(chain):
        for j, cause in enumerate(event.get("caused_by", [])):
            if cause not in index:
                continue
            try:
                when = parse_partial_date(event["date"])
                cause_when = parse_partial_date(chain[index[cause]]["date"])
            except DateError:
                continue  # reported by the dates gate
            if certainly_before(when, cause_when):
                yield loaded.diagnostic(
                    ("chain", i, "caused_by", j),
                    "D601",
                    f"event '{event['id']}' ({when}) is dated before its cause '{cause}' ({cause_when})",
                )
