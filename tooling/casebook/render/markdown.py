"""Escaping helpers: case text is untrusted and must reach every output only as text.

Two contexts matter on a generated page. Markdown text (``esc``) is HTML-escaped and then has
every character Python-Markdown treats as syntax backslash-escaped, so no field can start a link,
emphasis, table cell or attribute list. Raw HTML blocks (``text``/``attr``) are passed through by
Markdown untouched, so there only HTML escaping applies; a backslash would show.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping

# Exactly Python-Markdown's ESCAPED_CHARS with the tables extension, less '>' (HTML-escaped first).
# Escaping other characters (~ ^ $) would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_SPACE = re.compile(r"\s+")


def esc(text: object) -> str:
    """Escape text for Markdown that becomes HTML: no markup, links or structure survive.

    Quotes stay as they are: they are harmless in text, and a numeric entity such as ``&#x27;``
    would have its ``#`` escaped, which the table of contents then shows as ``&amp;#x27;``.
    """
    escaped = html.escape(_SPACE.sub(" ", str(text)).strip(), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def esc_code(value: str) -> str:
    """Like ``esc``, but a part in backticks (trusted repository text) becomes ``<code>``, not literal backticks."""
    parts = value.split("`")
    return "".join(f"<code>{text(part)}</code>" if i % 2 else esc(part) for i, part in enumerate(parts))


def text(value: object) -> str:
    """Escape text for an HTML element inside a raw HTML block (Markdown does not touch it)."""
    return html.escape(_SPACE.sub(" ", str(value)).strip(), quote=False)


def attr(value: object) -> str:
    """Escape text for an HTML attribute value in double quotes, in a raw HTML block."""
    return html.escape(str(value), quote=True)


# Inline HTML inside Markdown (a tag in a paragraph, list item or table cell) is not opaque:
# Python-Markdown runs its link and emphasis patterns before it stashes inline tags, so
# `title="[x](javascript:...)"` would grow a real link. Character references survive it.
_MD_ATTR = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|"}


def md_attr(value: object) -> str:
    """Escape text for an attribute of an inline HTML tag that Markdown will also see."""
    return _SPACE.sub(" ", str(value)).strip().translate(_MD_ATTR)


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) link with no whitespace or control characters."""
    return url.startswith(("http://", "https://")) and not any(c.isspace() or ord(c) < 32 for c in url)


def safe_url(url: str) -> str | None:
    """Return the URL escaped for an href if it is http(s), else None."""
    return attr(url) if is_web_url(url) else None


def link(label_html: str, url: str) -> str:
    """An external link around already-escaped label HTML; plain label when the URL is not http(s)."""
    href = safe_url(url)
    return f'<a href="{href}" rel="noopener">{label_html}</a>' if href else label_html


def front_matter(values: Mapping[str, object]) -> str:
    """YAML front matter; every value is written as JSON, which YAML reads back unchanged."""
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=True, sort_keys=True)}" for key, value in values.items()]
    return "\n".join([*lines, "---", ""])


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table from cells that are already escaped Markdown."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 case``, ``2 cases``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
