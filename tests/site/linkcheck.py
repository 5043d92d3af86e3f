"""A stdlib link checker for a built site: every internal link and anchor must resolve.

Internal means relative, root-absolute, or absolute under the site URL. Root-absolute URLs are
resolved against the site URL's path (404.html uses them, since it is served from any depth).
A directory URL resolves to its index.html; a ``#fragment`` must be an ``id`` (or ``name``) in
the target page.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("use", "href")}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag not in ("meta", "input", "textarea", "select", "button"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS or (tag == "a" and name == "xlink:href"):
                self.links.append(value)


@functools.cache
def parse(path: Path) -> _Collector:
    """Ids and links of one HTML file (cached: every page links to the same few)."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector


def _target(root: Path, page: Path, link: str, site_url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for an external link."""
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "data", "tel", "javascript"):
        raise AssertionError(f"{page}: link with scheme {parts.scheme}: {link}")
    site = urlsplit(site_url)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        path = parts.path
    elif link.startswith("/"):
        path = parts.path
    else:
        page_url = "/" + page.relative_to(root).as_posix()
        path = urlsplit(urljoin(page_url, link)).path if parts.path else page_url
        return _to_file(root, path, "/"), parts.fragment
    return _to_file(root, path, site.path or "/"), parts.fragment


def _to_file(root: Path, path: str, base: str) -> Path:
    relative = unquote(path)
    if relative.startswith(base):
        relative = relative[len(base) :]
    target = root / PurePosixPath(relative.lstrip("/"))
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def check_links(root: Path, site_url: str) -> list[str]:
    """Every broken internal link or anchor in the built site, as ``page: link (why)``."""
    problems = []
    for page in sorted(root.rglob("*.html")):
        for link in parse(page).links:
            found = _target(root, page, link, site_url)
            if found is None:
                continue
            target, fragment = found
            where = f"{page.relative_to(root)}: {link}"
            if not target.is_file():
                problems.append(f"{where} (no file {target.relative_to(root)})")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in parse(target).ids:
                problems.append(f"{where} (no id '{fragment}')")
    return problems
