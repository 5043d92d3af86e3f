"""Hand Material's search plugin only the part of a page it will index.

Material's search plugin parses the whole HTML of every page and only then drops the sections
whose heading carries ``data-search-exclude``. On a case page every section after the lead is
excluded (ADR 0006), so parsing them was waste: a quarter of a 1,000-case build. When every
``h2``-``h6`` heading of a page is excluded, ``searched_part`` returns the HTML before the first
one; the hook shows search that part and restores the whole page before the template renders it.

After indexing, Material's search plugin also strips ``data-search-*="..."`` attributes from the
content it was shown (``material/plugins/search/plugin.py``, ``on_page_context``);
``strip_search_attributes`` does the same to the rest of the page. The site comes out byte for byte
as without the trim (tests/site/test_build.py builds it both ways).
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"<h[2-6]\b[^>]*>")
_EXCLUDED = re.compile(r"\sdata-search-exclude(?:[\s=/>])")
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # Material's own pattern


def searched_part(html: str) -> str | None:
    """The HTML before the first sub-heading, when all sub-headings are excluded from search; else None."""
    headings = list(_HEADING.finditer(html))
    if not headings or not all(_EXCLUDED.search(m.group(0)) for m in headings):
        return None
    return html[: headings[0].start()]


def strip_search_attributes(html: str) -> str:
    """Remove ``data-search-*`` attributes with values, exactly as Material's search plugin does."""
    return _SEARCH_ATTRIBUTE.sub("", html)
