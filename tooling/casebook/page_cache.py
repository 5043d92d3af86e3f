"""Skip MkDocs' work for pages whose source has not changed (issue 15, incremental builds).

Converting Markdown and rendering the theme template is most of a build: about 30 ms a case page,
and seconds for the browse and patterns pages of a large corpus. A page's finished HTML depends
only on its own Markdown and front matter, its path, the site configuration (the theme, the hook)
and the navigation, whose titles come from mkdocs.yml or from the first heading of the pages it
lists (``nav_signature``). The hook keys each page's finished HTML by all of those
(``BuildCache``, which adds the code's signature):

- ``on_page_markdown``: on a hit, the page's Markdown shrinks to its first heading, its template
  becomes a blank one (``BLANK``) and its ``render`` converts nothing, only giving the page the
  title its conversion found (``_render_cached``), so MkDocs converts and renders nothing;
- ``on_page_content``: on a hit, the page gets back the anchors it holds and the links it makes to
  other pages' anchors, as its conversion found them, so MkDocs checks links exactly as in a full
  build (other pages link to a case's events; a case page links to browse sections);
- ``on_post_page`` (last of all handlers): on a hit, the stored HTML is the output; on a miss, the
  output is stored for next time, unless MkDocs warned while building that page (a strict build
  fails then, and a cached copy must not let the next build pass silently).

The cached output is the bytes a full build wrote, so a rebuild writes the same site; the site
tests build both ways and compare every byte. The tags index (Material's tags plugin fills it from
every page's tags) is always built.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path
from typing import Any

from casebook.build_cache import BuildCache, digest, open_cache

BLANK = "casebook-cached-page.html"
"""Name of the empty template a cached page is rendered with."""

KIND = "html"
TAGS_MARKER = "<!-- material/tags"
_FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)


def nav_signature(nav: Any) -> str:
    """What the navigation shows of every page in it: its path, its title as configured, and the
    first heading of its source (the title MkDocs gives a page listed without one)."""
    parts: list[str] = []
    for page in nav.pages:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
        heading = _FIRST_HEADING.search(source)
        parts += [page.file.src_uri, str(page.title), heading.group(0) if heading else ""]
    return digest(*parts)


def config_fingerprint(config: Any) -> str:
    """What of the site configuration reaches a case page: mkdocs.yml, the hooks, the resolved URLs."""
    parts: list[bytes | str] = [Path(config.config_file_path).read_bytes()]
    for hook in sorted(str(h) for h in config.hooks):
        parts.append(Path(hook).read_bytes() if Path(hook).is_file() else hook)
    parts += [str(config.site_url), json.dumps(config.extra, sort_keys=True, default=str)]
    # Not the docs folder's path: each `casebook build` renders into a fresh private staging folder
    # (casebook.staging), so a path in the key made every build miss every page (issue #15).
    parts += [json.dumps(config.theme.get("features", []), default=str)]
    return digest(*parts)


def _render_cached(page: Any, title: str | None, config: Any, files: Any) -> None:
    """``Page.render`` for a page whose HTML is cached: no Markdown to convert, only what MkDocs
    reads of a rendered page (its title for the navigation; ``after_render`` adds its anchors).

    Converting even the page's first heading cost about a millisecond a page (a ``Markdown``
    instance with every extension), a second or more per rebuild of a large corpus.
    """
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = title


class _PageWarnings(logging.Handler):
    """Remembers which pages MkDocs warned about while it built them."""

    def __init__(self, config: Any) -> None:
        super().__init__(logging.WARNING)
        self.config = config
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.pages.add(page.file.src_uri)


class PageCache:
    """One build's use of the HTML cache."""

    def __init__(self, cache: BuildCache, config: Any) -> None:
        self.cache = cache
        self.keys: dict[str, str] = {}
        self.nav = ""
        # The HTML of every hit is held from its page's conversion to its writing, as UTF-8 bytes: as
        # a str with one arrow it takes two bytes a character (5.6 GB at 10,000 cases, #15).
        self.hits: dict[str, tuple[dict[str, Any], bytes]] = {}
        self.warned = _PageWarnings(config)
        logging.getLogger("mkdocs").addHandler(self.warned)

    @classmethod
    def open(cls, config: Any) -> PageCache | None:
        """The page cache for this config's project, or None when caching is off."""
        cache = open_cache(Path(config.config_file_path).parent, "pages", extra=config_fingerprint(config))
        return None if cache is None else cls(cache, config)

    def before_markdown(self, markdown: str, page: Any) -> str:
        """The Markdown MkDocs should convert: the page's own, or its first heading when its HTML is cached."""
        src = page.file.src_uri
        if TAGS_MARKER in (page.markdown or "") or TAGS_MARKER in markdown:
            return markdown
        key = self.cache.key(self.nav, src, json.dumps(page.meta, sort_keys=True, default=str), markdown)
        self.keys[src] = key
        stored = self.cache.get_bytes(KIND, key)
        if stored is None:
            return markdown
        head, _, html = stored.partition(b"\n")
        self.hits[src] = (json.loads(head), html)
        page.meta["template"] = BLANK
        page.render = functools.partial(_render_cached, page, self.hits[src][0].get("title"))
        heading = _FIRST_HEADING.search(markdown)
        return heading.group(0) + "\n" if heading else ""

    def after_render(self, page: Any, files: Any) -> None:
        """On a hit, give the (empty) rendered page the anchors and anchor links of the real one."""
        hit = self.hits.get(page.file.src_uri)
        if hit is None:
            return
        links = {}
        for target, anchors in hit[0]["links"].items():
            file = files.get_file_from_path(target)
            if file is not None:
                links[file] = dict(anchors)
        page.present_anchor_ids = set(hit[0]["anchors"])
        page.links_to_anchors = links

    def after_page(self, output: str, page: Any) -> str:
        """The page's final HTML: the stored copy on a hit; on a miss, ``output``, now stored."""
        src = page.file.src_uri
        if src in self.hits:
            return self.hits.pop(src)[1].decode("utf-8")
        key = self.keys.get(src)
        if key is not None and src not in self.warned.pages:
            links = {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
            title = page._title_from_render  # what MkDocs names the page after (its first heading)
            found = {"anchors": sorted(page.present_anchor_ids or ()), "links": links, "title": title}
            head = json.dumps(found, sort_keys=True)
            self.cache.put_bytes(KIND, key, f"{head}\n{output}".encode())
        return output

    def close(self, *, prune: bool) -> None:
        """Stop listening for warnings; with ``prune``, drop the entries this build did not use.

        Pruning only ever costs a later build time: an entry is found by its content, never trusted
        because it is there.
        """
        logging.getLogger("mkdocs").removeHandler(self.warned)
        if prune:
            self.cache.prune((KIND,))
