"""Rendering: the corpus as generated Markdown pages and data files inside the MkDocs docs folder.

Generated files live in folders the renderer owns (``GENERATED_DIRS``, ``GENERATED_FILES``); they
are written only when their content changes (so ``mkdocs serve`` does not loop), and a file is
removed only when the previous render listed it in its manifest (``casebook.render.manifest``).
"""

from __future__ import annotations

from casebook.render.context import Corpus, SiteSettings
from casebook.render.site import GENERATED_DIRS, GENERATED_FILES, RenderError, RenderResult, generate, render_site

__all__ = [
    "GENERATED_DIRS",
    "GENERATED_FILES",
    "Corpus",
    "RenderError",
    "RenderResult",
    "SiteSettings",
    "generate",
    "render_site",
]
