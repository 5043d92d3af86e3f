"""Every chain graph as a file to download: ``/cases/<id>/chain.svg`` and ``/cases/<id>/chain.png``.

The SVG is the page's graph made standalone: its colours are the light palette written out (other
programs, slide tools among them, do not know CSS custom properties), and its event links point at
the case page. The PNG is drawn from that SVG at build time by resvg (the ``resvg-py`` wheel: a
compiled Rust renderer with no system libraries and no network, deterministic for the same fonts;
cairosvg would need the system's cairo, and a headless browser per graph is far heavier).

Drawing a PNG takes a tenth of a second to half a second, so the file carries the SHA-256 of the
SVG it was drawn from (a PNG ``tEXt`` chunk) and is redrawn only when that SVG changes. Builds
render into a fresh staging folder, so drawn PNGs are kept in the build cache (kind ``png`` of
``casebook.build_cache``), pruned and invalidated with the other entries.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Mapping
from pathlib import Path

from casebook.atomic import write_bytes_atomic
from casebook.build_cache import BuildCache
from casebook.model import Case
from casebook.render.context import Corpus
from casebook.render.markdown import attr

SVG_NAME = "chain.svg"
PNG_NAME = "chain.png"
PNG_ZOOM = 1.0
"""Pixels per drawing unit in the PNG (the drawing is 800 to 2,200 units wide)."""

PNG_FONT = "Liberation Sans"

PNG_CASES = 500
"""Largest corpus whose graphs get PNGs. At about half a second a graph the first build of 500
cases spends four minutes drawing (later builds redraw only changed graphs); a larger corpus
offers the SVG only, which any slide tool can also place."""

CACHE_KIND = "png"
"""The build cache's kind for drawn PNGs."""

_VAR = re.compile(r"var\(--[\w-]+,((?:[^()]|\([^()]*\))*)\)")
_KEY = b"casebook-svg-sha256"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def svg_path(case: Case) -> str:
    """Docs-relative path of a case's standalone SVG."""
    return f"cases/{case.id}/{SVG_NAME}"


def png_path(case: Case) -> str:
    """Docs-relative path of a case's PNG."""
    return f"cases/{case.id}/{PNG_NAME}"


def standalone_svg(svg: str, case: Case, corpus: Corpus) -> str:
    """The graph as a file of its own: custom properties replaced by their light values, links absolute."""
    flat = _VAR.sub(lambda m: m.group(1), svg)
    page = corpus.settings.page_url(f"cases/{case.id}/")
    if page.startswith(("http://", "https://")):
        flat = flat.replace('href="#event-', f'href="{page}#event-')
    flat = flat.replace("<a xlink:href=", "<a href=")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + flat.lstrip("\n")


def svg_digest(svg: str) -> str:
    """The key a PNG carries: SHA-256 of the SVG text it was drawn from and of how it is drawn."""
    how = f"resvg-py {_resvg_version()} zoom {PNG_ZOOM} font {PNG_FONT}\n"
    return hashlib.sha256((how + svg).encode("utf-8")).hexdigest()


def _resvg_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("resvg-py")
    except PackageNotFoundError:
        return "missing"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def with_key(png: bytes, digest: str) -> bytes:
    """The PNG with a ``tEXt`` chunk naming the SVG it came from, right after the header chunk."""
    if not png.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    ihdr_end = 8 + 4 + 4 + 13 + 4  # signature, then IHDR: length, type, 13 bytes of data, CRC
    return png[:ihdr_end] + _chunk(b"tEXt", _KEY + b"\0" + digest.encode("ascii")) + png[ihdr_end:]


def key_of(png: bytes) -> str | None:
    """The SVG digest a PNG written here carries, or None."""
    marker = b"tEXt" + _KEY + b"\0"
    at = png.find(marker, 0, 200)
    if at < 0:
        return None
    start = at + len(marker)
    return png[start : start + 64].decode("ascii", errors="replace")


def draw_png(svg: str) -> bytes:
    """Rasterise a standalone SVG to PNG bytes on a white ground."""
    import resvg_py  # imported here: only a build that writes PNGs needs it

    # The layout measures text for Arial-like faces; Liberation Sans has Arial's metrics (Debian's
    # fonts-liberation, which chromium brings). resvg falls back to another face when it is missing.
    png = resvg_py.svg_to_bytes(
        svg_string=svg, background="#ffffff", zoom=PNG_ZOOM, sans_serif_family=PNG_FONT, font_family=PNG_FONT
    )
    return with_key(bytes(png), svg_digest(svg))


def planned_pngs(pages: Mapping[str, str]) -> set[str]:
    """The PNG paths a render of ``pages`` owns: one beside every ``chain.svg`` (none above ``PNG_CASES``)."""
    svgs = [relative for relative in pages if relative.endswith("/" + SVG_NAME)]
    if not draws_pngs(len(svgs)):
        return set()
    return {relative[: -len(SVG_NAME)] + PNG_NAME for relative in svgs}


def write_pngs(docs_dir: Path, pages: Mapping[str, str], cache: BuildCache | None = None) -> tuple[list[str], set[str]]:
    """Draw ``chain.png`` beside every ``chain.svg`` in ``pages`` whose PNG is missing or stale.

    A PNG already in ``docs_dir`` with the right key is kept; else one from the build ``cache``
    (kind ``CACHE_KIND``, keyed on the SVG's digest) is copied; else it is drawn, and stored there.
    Every key consulted counts as used, so ``cache.prune`` keeps exactly this render's PNGs.

    Returns:
        The docs-relative PNG paths written, and every PNG path that belongs to this render.
    """
    written: list[str] = []
    owned = planned_pngs(pages)
    for target in sorted(owned):
        svg = pages[target[: -len(PNG_NAME)] + SVG_NAME]
        key = svg_digest(svg)
        path = docs_dir / target
        entry = cache.key(CACHE_KIND, key) if cache is not None else ""
        if path.is_file() and key_of(path.read_bytes()) == key:
            if cache is not None:
                cache.keep(CACHE_KIND, entry)
            continue
        kept = cache.get_bytes(CACHE_KIND, entry) if cache is not None else None
        if kept is not None and key_of(kept) == key:
            png = kept
        else:
            png = draw_png(svg)
            if cache is not None:
                cache.put_bytes(CACHE_KIND, entry, png)
        write_bytes_atomic(path, png)
        written.append(target)
    return written, owned


def draws_pngs(cases: int) -> bool:
    """Whether a corpus of this many cases gets PNGs (``PNG_CASES``)."""
    return cases <= PNG_CASES


def download_links(case: Case, corpus: Corpus) -> str:
    """The case page's links to the files (relative to ``/cases/<id>/``)."""
    name = attr(case.id)
    if not draws_pngs(len(corpus.cases)):
        return f'the graph as <a href="{SVG_NAME}" download="{name}-chain.svg">SVG</a>'
    return (
        f'the graph as <a href="{SVG_NAME}" download="{name}-chain.svg">SVG</a> or '
        f'<a href="{PNG_NAME}" download="{name}-chain.png">PNG</a>'
    )
