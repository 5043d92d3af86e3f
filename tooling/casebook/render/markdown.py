"""Escaping helpers: case text is untrusted and must reach HTML only as text."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~^$-])")


def esc(text: object) -> str:
    """Escape text for HTML and for Markdown, so no field can inject markup or links."""
    escaped = html.escape(str(text), quote=True)
    # Markdown would still act on these characters inside escaped text (emphasis, links, tables).
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def attr(text: object) -> str:
    """Escape text for an HTML attribute value in double quotes."""
    return html.escape(str(text), quote=True)


def safe_url(url: str) -> str | None:
    """Return the URL escaped for an href if it is http(s), else None."""
    return attr(url) if url.startswith(("http://", "https://")) else None
