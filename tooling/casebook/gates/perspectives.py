"""Perspectives gate (P): alternative readings, the organization's reply and review records (issue 18).

A perspective is another analyst's reading of where the chain broke. It earns its place on the
page only by differing from the main analysis in at least one judgement: the first break (its
stage, or which event), the failure mode or layer of an event, or the trust verdict. One that
agrees on all of them is a comment (P100). The other checks catch a reading that says one thing
and points at another (P102), or that carries entries that change nothing (P104).

Unknown events and sources in a perspective or a statement are the reference gate's R406; a
perspective without sources is refused by the schema as P101 (``schema_v2``), so that a stock JSON
Schema tool gives the same verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from casebook.diagnostics import Diagnostic, Severity
from casebook.graph.build import chain_order
from casebook.loading import LoadResult

REPLY_SOURCE_TYPES = frozenset({"company", "court", "legislature"})
"""Where an organization's own words are on record: its own publications, or testimony."""


def main_first_break(chain: list[dict[str, Any]]) -> str | None:
    """The id of the main analysis's first break, by ``casebook.graph.analysis``'s rule.

    None when the chain cannot be ordered (a cycle, reported as C500) or has no break (C501).
    Links to unknown events (R400) are left out, as the chain gate does.
    """
    graph = nx.DiGraph()
    for index, event in enumerate(chain):
        graph.add_node(event["id"], date=str(event["date"]), index=index)
    for event in chain:
        for cause in event.get("caused_by", ()):
            if cause in graph and cause != event["id"]:
                graph.add_edge(cause, event["id"])
    if len(graph) != len(chain) or not nx.is_directed_acyclic_graph(graph):
        return None  # duplicate ids (R404) or a cycle (C500)
    kinds = {event["id"]: event["kind"] for event in chain}
    return next((n for n in chain_order(graph) if kinds[n] == "break"), None)


def _changes(weighing: dict[str, Any], event: dict[str, Any] | None) -> bool:
    """Whether a ``weighs`` entry gives its event a failure mode or layer other than its own."""
    if event is None:
        return False  # an unknown event (R406)
    return any(key in weighing and weighing[key] != event.get(key) for key in ("failure_mode", "layer"))


def _weighs(loaded: LoadResult, i: int, perspective: dict[str, Any], events: dict[str, Any]) -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for j, weighing in enumerate(perspective.get("weighs", ())):
        ident = weighing["event"]
        if ident in seen:
            yield loaded.diagnostic(
                ("perspectives", i, "weighs", j, "event"),
                "P105",
                f"event '{ident}' is already weighed by weighs[{seen[ident]}] of this perspective: "
                "say everything about it in one entry",
            )
            continue
        seen[ident] = j
        event = events.get(ident)
        sets = [key for key in ("failure_mode", "layer") if key in weighing]
        if event is not None and sets and not _changes(weighing, event):
            given = ", ".join(f"{key} '{weighing[key]}'" for key in sets)
            yield loaded.diagnostic(
                ("perspectives", i, "weighs", j, sets[0]),
                "P104",
                f"event '{ident}' already has {given} in the chain: this entry changes nothing; "
                "give the reading's own value, or keep only the note",
                severity=Severity.WARNING,
            )


def _differs(perspective: dict[str, Any], first: str, events: dict[str, Any], verdict: str) -> bool:
    if perspective["first_break"]["event"] != first:
        return True
    if perspective["first_break"]["stage"] != events[first]["stage"]:
        return True
    if perspective.get("verdict", verdict) != verdict:
        return True
    return any(_changes(w, events.get(w["event"])) for w in perspective.get("weighs", ()))


def _perspective(
    loaded: LoadResult, i: int, perspective: dict[str, Any], events: dict[str, Any]
) -> Iterator[Diagnostic]:
    first_break = perspective["first_break"]
    event = events.get(first_break["event"])
    if event is not None and event["stage"] != first_break["stage"]:
        yield loaded.diagnostic(
            ("perspectives", i, "first_break", "stage"),
            "P102",
            f"first_break names event '{first_break['event']}', which sits at stage '{event['stage']}', "
            f"not '{first_break['stage']}': name an event at the stage this reading means, or correct the stage",
        )
    if "affiliation" in perspective and "conflict_of_interest" not in perspective:
        yield loaded.diagnostic(
            ("perspectives", i, "affiliation"),
            "P106",
            f"perspective '{perspective['id']}' names an affiliation but no conflict_of_interest: "
            "say what the interest is, or 'none known'",
            severity=Severity.WARNING,
            key=True,
        )
    yield from _weighs(loaded, i, perspective, events)


def _reply(loaded: LoadResult) -> Iterator[Diagnostic]:
    reply = loaded.data.get("reply")
    if not reply:
        return
    if "statements" in reply and "none_found" in reply:
        yield loaded.diagnostic(
            ("reply", "none_found"),
            "P109",
            "reply has statements and none_found: none_found says that no statement was found; keep one",
            key=True,
        )


def check_own_sources(loaded: LoadResult) -> Iterator[Diagnostic]:
    """P108: under ``--require reply-sources``, each statement cites the organization's own record.

    A requirement, not always on: when it was written, 34 statements in 20 cases cited only news
    reports of what the organization said.
    """
    reply = loaded.data.get("reply") or {}
    types = {s["id"]: s["type"] for s in loaded.data["sources"]}
    for i, statement in enumerate(reply.get("statements", ())):
        cited = [types[ref] for ref in statement["sources"] if ref in types]
        if cited and not REPLY_SOURCE_TYPES.intersection(cited):
            yield loaded.diagnostic(
                ("reply", "statements", i, "sources"),
                "P108",
                f"the statement cites only {', '.join(sorted(set(cited)))} sources: cite the organization's own "
                "publication (type company), or the record of its testimony (court, legislature)",
                severity=Severity.WARNING,
            )


def _reviews(loaded: LoadResult) -> Iterator[Diagnostic]:
    for i, review in enumerate(loaded.data.get("reviews", ())):
        if review["corrections"] > review["claims_checked"]:
            yield loaded.diagnostic(
                ("reviews", i, "corrections"),
                "P107",
                f"{review['corrections']} corrections out of {review['claims_checked']} claims checked: "
                "a correction is a checked claim that was wrong, so there cannot be more of them",
            )


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """P100, P102-P107 and P109 (P101 comes from the schema; P108 is a requirement)."""
    data = loaded.data
    perspectives = data.get("perspectives", ())
    events = {e["id"]: e for e in data["chain"]}
    first = main_first_break(data["chain"]) if perspectives else None
    verdict = data["analysis"]["outcome"]["trust_verdict"]
    seen: dict[str, int] = {}
    for i, perspective in enumerate(perspectives):
        ident = perspective["id"]
        if ident in seen:
            yield loaded.diagnostic(
                ("perspectives", i, "id"),
                "P103",
                f"perspective id '{ident}' is already used by perspectives[{seen[ident]}]",
            )
        seen.setdefault(ident, i)
        yield from _perspective(loaded, i, perspective, events)
        if first is not None and not _differs(perspective, first, events, verdict):
            yield loaded.diagnostic(
                ("perspectives", i, "id"),
                "P100",
                f"perspective '{ident}' agrees with the main analysis on the first break ('{first}', at "
                f"{events[first]['stage']}), every failure mode and layer, and the verdict: it is a comment, "
                "not a perspective; say where this reading differs, or drop it",
            )
    yield from _reply(loaded)
    yield from _reviews(loaded)
