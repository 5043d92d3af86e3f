"""Hold each page's HTML and lifted SVGs compressed while MkDocs waits to write it (issue 15).

``mkdocs build`` converts every page's Markdown before it writes any (``_populate_page`` for all
pages, then ``_build_page`` for each), so the HTML of the whole site is in memory at once, and so
are the SVGs the hook lifts out of the Markdown until their page is written
(``casebook.render.svg_slots``). At 1,000 synthetic cases that was 277 MB (115 MB of HTML, 162 MB
of SVG), growing with the corpus: a str with a single character beyond Latin-1 (an arrow) takes two
bytes a character. Held here as zlib-compressed UTF-8 (``casebook.render.texts``) they take about a fifth of that.

The hook hands a page's HTML over when its conversion is done (``on_page_content``, last of all
handlers: MkDocs then holds an empty string) and takes it back just before the page's template is
rendered (``on_page_context``, first of all handlers), so every handler and template that reads
``page.content`` reads the whole page, and the page written is byte for byte what it was. Pages
that another plugin fills in between (Material's tags plugin writes its listings into the tag
index's HTML in ``on_env``) are never taken (``keep``).
"""

from __future__ import annotations

from typing import Any

from casebook.render.texts import pack, unpack

__all__ = ["HeldPages", "pack", "unpack"]


class HeldPages:
    """The compressed HTML and SVGs of the pages of one build that are not written yet, by source path."""

    def __init__(self) -> None:
        self._html: dict[str, bytes] = {}
        self._svgs: dict[str, list[bytes]] = {}
        self._kept: set[str] = set()

    def clear(self) -> None:
        """Forget everything (a new build starts, or the last one failed)."""
        self._html.clear()
        self._svgs.clear()
        self._kept.clear()

    def keep(self, src: str) -> None:
        """Never take this page's HTML: something changes it after its conversion."""
        self._kept.add(src)

    def hold_svgs(self, src: str, svgs: list[str]) -> None:
        """Hold the SVGs lifted out of this page's Markdown until the page is written."""
        if svgs:
            self._svgs[src] = [pack(svg) for svg in svgs]

    def take_svgs(self, src: str) -> list[str]:
        """The SVGs held for this page (none if it had none), no longer held."""
        return [unpack(svg) for svg in self._svgs.pop(src, [])]

    def hold_html(self, src: str, html: str) -> str:
        """Take the page's converted HTML; return what MkDocs should hold until ``give_back``."""
        if not html or src in self._kept:
            return html
        self._html[src] = pack(html)
        return ""

    def give_back(self, page: Any) -> None:
        """Give the page its HTML again, just before its template is rendered."""
        held = self._html.pop(page.file.src_uri, None)
        if held is not None:
            page.content = unpack(held)
