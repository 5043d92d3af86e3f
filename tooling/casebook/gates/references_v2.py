"""Reference gate for the v2 blocks: controls, the reply and perspectives cite real events and sources.

R406 keeps these apart from the chain's own R400-R402 so that a contributor adding a perspective
sees at once which block is wrong. R407 (a reviewed case with no review record) is a requirement
switched on with ``--require reviews`` once the corpus records its reviews (ADR 0007).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casebook.diagnostics import Diagnostic
from casebook.loading import JsonPath, LoadResult
from casebook.suggest import did_you_mean


def v2_source_citations(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    """Yield (path, source id) for every source cited by a control, a statement or a perspective."""
    for i, event in enumerate(data["chain"]):
        for j, ref in enumerate(event.get("could_have_been_stopped_by", {}).get("sources", ())):
            yield ("chain", i, "could_have_been_stopped_by", "sources", j), ref
    for i, statement in enumerate(data.get("reply", {}).get("statements", ())):
        for j, ref in enumerate(statement["sources"]):
            yield ("reply", "statements", i, "sources", j), ref
    for i, perspective in enumerate(data.get("perspectives", ())):
        for j, ref in enumerate(perspective["sources"]):
            yield ("perspectives", i, "sources", j), ref


def _event_citations(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    for i, perspective in enumerate(data.get("perspectives", ())):
        yield ("perspectives", i, "first_break", "event"), perspective["first_break"]["event"]
        for j, weighing in enumerate(perspective.get("weighs", ())):
            yield ("perspectives", i, "weighs", j, "event"), weighing["event"]


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """R406: an unknown event or source in a control, the reply or a perspective."""
    data = loaded.data
    events = [e["id"] for e in data["chain"]]
    sources = [s["id"] for s in data["sources"]]
    for path, ref in v2_source_citations(data):
        if ref not in sources:
            yield loaded.diagnostic(
                path, "R406", f"source '{ref}' is not in this case's sources{did_you_mean(ref, sources)}"
            )
    for path, ref in _event_citations(data):
        if ref not in events:
            yield loaded.diagnostic(path, "R406", f"event '{ref}' is not in the chain{did_you_mean(ref, events)}")


def check_required(loaded: LoadResult) -> Iterator[Diagnostic]:
    """R407: under ``--require reviews``, a reviewed case records at least one review."""
    if loaded.data["status"] == "reviewed" and not loaded.data.get("reviews"):
        yield loaded.diagnostic(
            ("status",),
            "R407",
            "a reviewed case records who reviewed it: add `reviews: [{by, date, scope, claims_checked, corrections}]`",
        )
