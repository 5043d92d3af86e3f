"""Reference gate: every event, source and lesson id that is cited resolves inside the case."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casebook.diagnostics import Diagnostic, Severity
from casebook.gates.references_v2 import v2_source_citations
from casebook.loading import JsonPath, LoadResult
from casebook.suggest import did_you_mean


def _duplicates(loaded: LoadResult, items: list[dict[str, Any]], field: str, what: str) -> Iterator[Diagnostic]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item["id"]
        if ident in seen:
            yield loaded.diagnostic(
                (field, index, "id"), "R404", f"{what} id '{ident}' is already used by {field}[{seen[ident]}]"
            )
        else:
            seen[ident] = index


def source_citations(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    """Yield (path, source id) for every place a case cites a source."""
    for i, event in enumerate(data["chain"]):
        for j, ref in enumerate(event["sources"]):
            yield ("chain", i, "sources", j), ref
    analysis = data["analysis"]
    for part in ("detection", "response", "outcome"):
        for j, ref in enumerate(analysis[part]["sources"]):
            yield ("analysis", part, "sources", j), ref
    for i, figure in enumerate(data["impact"]):
        yield ("impact", i, "source"), figure["source"]


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Check event, source and lesson references."""
    data = loaded.data
    events = [e["id"] for e in data["chain"]]
    sources = [s["id"] for s in data["sources"]]
    yield from _duplicates(loaded, data["chain"], "chain", "event")
    yield from _duplicates(loaded, data["sources"], "sources", "source")
    for i, event in enumerate(data["chain"]):
        for j, cause in enumerate(event.get("caused_by", [])):
            if cause not in events:
                yield loaded.diagnostic(
                    ("chain", i, "caused_by", j),
                    "R400",
                    f"caused_by '{cause}' is not an event in this chain{did_you_mean(cause, events)}",
                )
    cited: set[str] = set()
    for path, ref in source_citations(data):
        cited.add(ref)
        if ref not in sources:
            yield loaded.diagnostic(
                path, "R401", f"source '{ref}' is not in this case's sources{did_you_mean(ref, sources)}"
            )
    for i, lesson in enumerate(data["analysis"]["lessons"]):
        for j, ref in enumerate(lesson["events"]):
            if ref not in events:
                yield loaded.diagnostic(
                    ("analysis", "lessons", i, "events", j),
                    "R402",
                    f"lesson cites event '{ref}', which is not in the chain{did_you_mean(ref, events)}",
                )
    cited.update(ref for _, ref in v2_source_citations(data))
    for i, source in enumerate(data["sources"]):
        if source["id"] not in cited:
            yield loaded.diagnostic(
                ("sources", i, "id"), "R405", f"source '{source['id']}' is never cited", severity=Severity.WARNING
            )
