"""A case id never dies: each former id in a case's ``aliases`` keeps a page at its old address.

The page is a small standalone HTML file (no theme, so it is cheap and cannot break): a meta
refresh to the new address, a canonical link for search engines, and a plain link for readers
and for browsers that ignore the refresh. Every value is escaped.
"""

from __future__ import annotations

import html

from casebook.model import Case
from casebook.render.context import Corpus


def redirect_html(old: str, case: Case, corpus: Corpus) -> str:
    """The page at ``/cases/<old>/`` that sends readers to ``case``."""
    target = f"../{case.id}/"
    canonical = corpus.settings.page_url(f"cases/{case.id}/")
    title = html.escape(case.title)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>Moved: {title}</title>\n"
        f'<link rel="canonical" href="{html.escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This case has moved: <a href="{html.escape(target)}">{title}</a> '
        f"(case <code>{html.escape(case.id)}</code>, formerly <code>{html.escape(old)}</code>).</p>\n"
        "</body>\n"
        "</html>\n"
    )


def redirect_pages(corpus: Corpus) -> dict[str, str]:
    """A redirect page for every alias of every case, by docs-relative path."""
    pages = {}
    for case in corpus.cases:
        for old in case.aliases:
            pages[f"cases/{old}/index.html"] = redirect_html(old, case, corpus)
    return pages
