"""Render the whole corpus into the docs folder: write what changed, delete what is stale."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.atomic import write_if_changed
from casebook.diagnostics import Diagnostic, Severity
from casebook.render.pages import case_index, case_page
from casebook.validation import load_corpus

GENERATED_DIRS = ("cases",)
"""Folders under docs_dir that the renderer owns; they are git-ignored and pruned of stale files."""


class RenderError(Exception):
    """The corpus has errors; nothing was rendered."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(
            f"{sum(d.severity is Severity.ERROR for d in diagnostics)} errors in the cases; fix them and build again"
        )


@dataclass
class RenderResult:
    """What a render wrote."""

    pages: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def build_pages(cases_dir: Path) -> tuple[dict[str, str], list[Diagnostic]]:
    """Return every generated page as ``{docs-relative path: Markdown}``.

    Raises:
        RenderError: a case has an error; a site is never built from a partly valid corpus.
    """
    result = load_corpus(cases_dir)
    if result.errors:
        raise RenderError(result.diagnostics)
    pages = {f"cases/{case.id}.md": case_page(case) for case in result.cases}
    pages["cases/index.md"] = case_index(result.cases)
    return pages, result.diagnostics


def render_site(cases_dir: Path, docs_dir: Path) -> RenderResult:
    """Write the generated pages under ``docs_dir``; unchanged files are left alone."""
    pages, diagnostics = build_pages(cases_dir)
    out = RenderResult(pages=pages, diagnostics=diagnostics)
    for relative, text in sorted(pages.items()):
        if write_if_changed(docs_dir / relative, text):
            out.written.append(relative)
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in pages:
                path.unlink()
                out.removed.append(relative)
    return out
