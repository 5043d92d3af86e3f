"""Rendering: the corpus as generated Markdown pages inside the MkDocs docs folder.

Generated files live in folders the renderer owns (``GENERATED_DIRS``); they are written only
when their content changes (so ``mkdocs serve`` does not loop) and stale files are removed.
"""

from __future__ import annotations

from casebook.render.site import GENERATED_DIRS, RenderError, RenderResult, render_site

__all__ = ["GENERATED_DIRS", "RenderError", "RenderResult", "render_site"]
