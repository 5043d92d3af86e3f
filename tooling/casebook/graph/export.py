"""Other views of one chain: JSON for machines, DOT for Graphviz users, text for people."""

from __future__ import annotations

from typing import Any

from casebook.graph.analysis import ChainAnalysis, analyse_chain
from casebook.graph.build import build_chain_graph, event_index
from casebook.graph.style import LIGHT
from casebook.model import Case
from casebook.vocabulary import load_vocabulary

# Graphviz shapes chosen to echo the SVG: octagon break, hexagon amplifier, rounded response,
# double-outlined recovery, dashed context.
_DOT_STYLE = {
    "break": 'shape=octagon, style="filled"',
    "amplifier": 'shape=hexagon, style="filled"',
    "response": 'shape=box, style="filled,rounded"',
    "recovery": 'shape=box, style="filled", peripheries=2',
    "context": 'shape=box, style="filled,dashed"',
}


def chain_to_json(case: Case) -> dict[str, Any]:
    """Nodes, edges and the derived analysis of a case's chain, as plain data.

    Args:
        case: A valid case.

    Returns:
        ``{"case", "title", "nodes", "edges", "analysis"}``; nodes and edges in file order.
    """
    graph = build_chain_graph(case)
    nodes = [
        {
            "id": e.id,
            "title": e.title,
            "date": str(e.date),
            "precision": e.date.precision,
            "stage": e.stage,
            "kind": e.kind,
            "layer": e.layer,
            "failure_mode": e.failure_mode,
            "caused_by": list(e.caused_by),
            "sources": list(e.sources),
            "description": e.description,
        }
        for e in case.chain
    ]
    edges = [
        {"from": c, "to": e.id, "crosses_stage": graph.edges[c, e.id]["crosses_stage"]}
        for e in case.chain
        for c in e.caused_by
    ]
    return {
        "case": case.id,
        "title": case.title,
        "nodes": nodes,
        "edges": edges,
        "analysis": analyse_chain(case).to_json(),
    }


def dot_quote(text: str) -> str:
    """Quote a string for DOT: backslashes and quotes escaped, line breaks as ``\\n``."""
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def chain_to_dot(case: Case) -> str:
    """A plain Graphviz DOT description of the chain, one cluster per stage.

    Args:
        case: A valid case.

    Returns:
        DOT text; render it with ``dot -Tsvg`` if you have Graphviz. Casebook's own SVG does
        not depend on it.
    """
    labels = {s: t.label for s, t in load_vocabulary()["stages"].terms.items()}
    stages = [s for s in labels if any(e.stage == s for e in case.chain)]
    lines = [
        f"digraph {dot_quote(case.id)} {{",
        f"  graph [rankdir=LR, label={dot_quote(case.title)}, labelloc=t, fontname=sans];",
        "  node [fontname=sans, fontsize=10];",
    ]
    for stage in stages:
        lines.append(f"  subgraph {dot_quote('cluster_' + stage)} {{")
        lines.append(f"    label={dot_quote(labels[stage])};")
        for e in case.chain:
            if e.stage == stage:
                fill = LIGHT[f"{e.kind}-fill"]
                lines.append(
                    f"    {dot_quote(e.id)} [label={dot_quote(f'{e.title} ({e.date})')}, {_DOT_STYLE[e.kind]}, "
                    f'fillcolor="{fill}", URL={dot_quote("#event-" + e.id)}, tooltip={dot_quote(e.description)}];'
                )
        lines.append("  }")
    lines += [f"  {dot_quote(c)} -> {dot_quote(e.id)};" for e in case.chain for c in e.caused_by]
    lines.append("}")
    return "\n".join(lines) + "\n"


def describe_chain(case: Case, analysis: ChainAnalysis | None = None) -> str:
    """The analysis as readable text, for ``casebook show``.

    Args:
        case: A valid case.
        analysis: Its analysis, computed when not given.

    Returns:
        Several lines of text ending in a newline.
    """
    found = analysis or analyse_chain(case)
    events = event_index(case)
    labels = {s: t.label for s, t in load_vocabulary()["stages"].terms.items()}

    def name(ident: str) -> str:
        event = events[ident]
        return f"{ident} ({labels[event.stage]}, {event.date}): {event.title}"

    def step(ident: str | None, days: object) -> str:
        return "none recorded" if ident is None else f"{name(ident)}; {days} after the first break"

    rows = [
        ("First break", name(found.first_break)),
        ("Root causes", ", ".join(found.root_causes)),
        ("First response", step(found.first_response, found.days_to_first_response)),
        ("First recovery", step(found.first_recovery, found.days_to_first_recovery)),
        ("Break path", " -> ".join(found.break_path) + f" ({len(found.break_path)} failures)"),
        ("Felt by customers", "none recorded" if found.felt is None else name(found.felt)),
        ("Broke at", ", ".join(labels[s] for s in found.break_stages)),
        ("Stages touched", ", ".join(labels[s] for s in found.stages_touched)),
        ("Stage crossings", str(found.stage_crossings)),
        ("Transitions", ", ".join(f"{labels[a]} -> {labels[b]} ({n})" for a, b, n in found.transitions) or "none"),
        ("Latent", ", ".join(found.latent) or "none"),
        ("Active", ", ".join(found.active) or "none"),
    ]
    out = [f"{case.id}: {case.title}", f"{len(case.chain)} events", ""]
    out += [f"{label + ':':<19}{value}" for label, value in rows]
    out += ["", "Chain, in chain order:"]
    width = max(len(labels[e.stage]) for e in case.chain)
    for ident in found.order:
        e = events[ident]
        out.append(f"  {e.date!s:<10}  {labels[e.stage]:<{width}}  {e.kind:<9}  {ident}: {e.title}")
    return "\n".join(out) + "\n"
