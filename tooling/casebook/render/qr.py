"""QR codes as inline SVG, so a printed handout leads back to its case page.

Drawn by segno (pure Python, no dependencies, deterministic); nothing is fetched. The code
encodes the case's address only when it is an absolute http(s) URL: a relative path in a QR
code would lead nowhere from paper.
"""

from __future__ import annotations

import segno

from casebook.render.markdown import attr, is_web_url


def qr_svg(url: str, label: str) -> str:
    """An inline ``<svg>`` QR code for ``url`` (error correction M), or "" when it is not http(s)."""
    if not is_web_url(url):
        return ""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    # segno writes only its own path data and the sizes we pass; the label is escaped here.
    svg: str = code.svg_inline(scale=1, border=2, omitsize=False, svgclass="cb-qr", lineclass=None, dark="#000")
    width = code.symbol_size(scale=1, border=2)[0]
    return svg.replace("<svg ", f'<svg viewBox="0 0 {width} {width}" role="img" aria-label="{attr(label)}" ', 1)
