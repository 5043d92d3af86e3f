"""Keep inline SVG out of MkDocs' Markdown and search passes, and put it back in the final page.

A case page's chain graph is a few hundred SVG elements inside a raw HTML block. Python-Markdown
(with ``md_in_html``) tokenises every one of them, and Material's search plugin parses them all
again, only to leave the figure out of the index (``data-search-exclude``). At 1,000 cases that
was about a third of the MkDocs build. The hook therefore swaps each SVG for an HTML comment before
Markdown runs (``on_page_markdown``) and swaps it back into the finished page (``on_post_page``):
the HTML written is byte for byte what it was, and the generated Markdown itself still holds the
whole SVG, so any other generator reading it sees a complete page.

The placeholder is an HTML comment, which case text can never contain: every field is escaped, so
``<`` never reaches a page from a case.
"""

from __future__ import annotations

import re

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SLOT = "<!--casebook-svg-{}-->"
_SLOTS = re.compile(r"<!--casebook-svg-(\d+)-->")


def lift_svgs(markdown: str) -> tuple[str, list[str]]:
    """Replace every ``<svg>…</svg>`` in ``markdown`` with a numbered comment; return both."""
    lifted: list[str] = []

    def slot(match: re.Match[str]) -> str:
        lifted.append(match.group(0))
        return _SLOT.format(len(lifted) - 1)

    return _SVG.sub(slot, markdown), lifted


def restore_svgs(html: str, lifted: list[str]) -> str:
    """Put the lifted SVGs back where their comments ended up."""
    if not lifted:
        return html
    return _SLOTS.sub(lambda match: lifted[int(match.group(1))], html)
