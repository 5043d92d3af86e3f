"""Failure-chain graphs: per-case analysis and swim-lane SVG, corpus patterns, similar cases.

Everything here takes valid ``Case`` objects and is pure: no I/O, deterministic output.
"""

from __future__ import annotations

from casebook.graph.analysis import ChainAnalysis, DayCount, analyse_chain
from casebook.graph.build import build_chain_graph, chain_order
from casebook.graph.chain_svg import render_chain_svg
from casebook.graph.corpus import CorpusAnalysis, Transition, analyse_corpus
from casebook.graph.layout import Layout, layout_chain
from casebook.graph.patterns_svg import render_patterns_svg
from casebook.graph.similarity import similar_cases

__all__ = [
    "ChainAnalysis",
    "CorpusAnalysis",
    "DayCount",
    "Layout",
    "Transition",
    "analyse_chain",
    "analyse_corpus",
    "build_chain_graph",
    "chain_order",
    "layout_chain",
    "render_chain_svg",
    "render_patterns_svg",
    "similar_cases",
]
