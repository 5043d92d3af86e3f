"""The per-case chain graph: one node per event, one edge per ``caused_by`` link.

Everything downstream (analysis, layout, exports) orders events by :func:`chain_order`, so the
rule for "which came first" lives in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from casebook.model import Case, Event


def event_index(case: Case) -> dict[str, Event]:
    """Return the case's events by id, in file order."""
    return {event.id: event for event in case.chain}


def build_chain_graph(case: Case) -> nx.DiGraph:
    """Build the directed graph of a case's chain.

    Nodes are event ids, carrying the event's fields as plain attributes (``title``, ``date``,
    ``precision``, ``stage``, ``kind``, ``layer``, ``failure_mode``, ``description``, ``sources``
    and ``index``, the position in the file). Edges run from cause to effect and carry
    ``crosses_stage``. The graph attribute ``case_id`` names the case.

    Args:
        case: A valid case; its ``caused_by`` links are known to resolve and to be acyclic.

    Returns:
        A new ``networkx.DiGraph``.
    """
    graph = nx.DiGraph(case_id=case.id)
    for index, event in enumerate(case.chain):
        graph.add_node(
            event.id,
            index=index,
            title=event.title,
            date=str(event.date),
            precision=event.date.precision,
            stage=event.stage,
            kind=event.kind,
            layer=event.layer,
            failure_mode=event.failure_mode,
            description=event.description,
            sources=event.sources,
        )
    events = event_index(case)
    for event in case.chain:
        for cause in event.caused_by:
            graph.add_edge(cause, event.id, crosses_stage=events[cause].stage != event.stage)
    return graph


def chain_order(graph: nx.DiGraph) -> list[str]:
    """Order events so that causes come before effects and, otherwise, earlier dates first.

    Among the events whose causes are all placed, the next is the one with the earliest
    possible day (a month-precision date counts from the 1st), then the one listed first in
    the file. Causality wins over dates on purpose: an event dated only "2008" that was caused
    by one on 2008-03-31 cannot have happened in January, whatever its earliest day says.

    Args:
        graph: A graph from :func:`build_chain_graph`.

    Returns:
        Every event id, once.
    """
    nodes: Mapping[str, Mapping[str, object]] = graph.nodes
    return list(nx.lexicographical_topological_sort(graph, key=lambda n: (_earliest(nodes[n]), nodes[n]["index"])))


def _earliest(attrs: Mapping[str, object]) -> str:
    # ISO text of the first day the date may mean; sorts like the date itself.
    date = str(attrs["date"])
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date
