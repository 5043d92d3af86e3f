"""``casebook build``: render the pages, build with ``mkdocs build --strict`` beside the old
output, and swap the new output in only when the build succeeds and the output folder is ours.

The MkDocs hook (site/hooks/casebook_hook.py) renders the same pages for ``mkdocs serve``; both
read the cases folder from ``CASEBOOK_CASES`` so they always agree. Within ``build_site`` the
pages are rendered once, before MkDocs starts: the hook finds them in ``prerendered`` and only
reports their warnings (rendering twice cost a third of a 1,000-case build).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from casebook import staging
from casebook.build_cache import open_cache
from casebook.config_urls import check_env, check_mkdocs_config
from casebook.ownership import SITE_MARKER, SITE_MARKER_TEXT, OutputError, check_site_out
from casebook.progress import Progress
from casebook.render import GENERATED_DIRS, GENERATED_FILES, RenderResult, SiteSettings, render_site

CASES_ENV = "CASEBOOK_CASES"


_PRERENDERED: dict[str, RenderResult] = {}


def prerendered(docs_dir: Path) -> RenderResult | None:
    """What ``build_site`` already rendered into ``docs_dir`` for the build now running, if anything."""
    return _PRERENDERED.get(str(docs_dir.resolve()))


class BuildError(Exception):
    """The site could not be built; the previous output is untouched."""


def cases_dir_from_env(default: Path) -> Path:
    """The cases folder the hook and the CLI agree on."""
    return Path(os.environ.get(CASES_ENV) or default)


def settings_from_config(config: Any) -> SiteSettings:
    """The site settings the renderer needs, read from a loaded MkDocs config.

    The repository comes from ``extra.repository`` and ``extra.edit_path`` (see mkdocs.yml for why
    not ``repo_url``), falling back to ``repo_url`` and ``edit_uri`` when a config uses those.
    """
    extra = config.extra or {}
    return SiteSettings(
        site_url=config.site_url or "",
        repo_url=str(extra.get("repository") or config.repo_url or ""),
        edit_uri=str(extra.get("edit_path") or config.edit_uri or ""),
    )


@contextlib.contextmanager
def _cases_env(cases_dir: Path) -> Iterator[None]:
    old = os.environ.get(CASES_ENV)
    os.environ[CASES_ENV] = str(cases_dir.resolve())
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(CASES_ENV, None)
        else:
            os.environ[CASES_ENV] = old


def _progress_events(progress: Progress) -> Any:
    """An object whose ``on_*`` methods MkDocs calls as plugin events, counting pages for progress.

    ``PluginCollection`` registers any object's ``on_*`` methods; no BasePlugin config is needed.
    """

    class _Counter:
        def on_files(self, files: Any, *, config: Any) -> Any:
            progress.start("building", len(files.documentation_pages()), "pages")
            return files

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            progress.advance()
            return output

        def on_post_build(self, *, config: Any) -> None:
            progress.note("finishing the search index and sitemap")

    return _Counter()


# MkDocs names the page in most warnings ("Doc file 'cases/x.md' contains a link ...").
_DOC_FILE = re.compile(r"Doc file '([^']+)'")


class _CountWarnings(logging.Handler):
    """Every MkDocs warning, each prefixed with the page it came from and, for a generated case
    page, the case file: strict mode's own "Aborted with 1 warnings" names neither (issue 12).

    ``page`` is the page MkDocs is building (set by the ``on_pre_page`` event of ``events``); it
    locates warnings that do not name their page.

    Only warnings logged by the thread that made the handler count: builds in other threads
    have their own.
    """

    def __init__(self, docs_dir: Path, cases_dir: Path) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.docs_dir = docs_dir
        self.cases_dir = cases_dir
        self.messages: list[str] = []
        self.page: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = record.getMessage()
        match = _DOC_FILE.search(message)
        source = match.group(1) if match else self.page
        self.messages.append(f"{self._where(source)}{message}" if source else message)

    def _where(self, source: str) -> str:
        where = str(self.docs_dir / source)
        if source.startswith("cases/") and source.endswith(".md"):
            stem = source[len("cases/") : -len(".md")]
            found = [self.cases_dir / f"{stem}{suffix}" for suffix in (".yaml", ".yml")]
            case_file = next((path for path in found if path.is_file()), None)
            if case_file is not None:
                where += f" (generated from {case_file})"
        return f"{where}: "

    def events(self) -> Any:
        """A plugin-events object that tells this handler which page is being built."""
        handler = self

        class _PageTracker:
            def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
                handler.page = page.file.src_uri
                return page

            def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
                handler.page = None
                return output

        return _PageTracker()

    def report(self) -> str:
        """Every warning, one per line, after a count."""
        return f"{len(self.messages)} warnings in strict mode:\n" + "\n".join(f"  {m}" for m in self.messages)


SITE_URL_ENV = "CASEBOOK_SITE_URL"


def loopback_site_url_warning(site_url: str) -> str | None:
    """The warning for a site built with a loopback or no ``site_url`` (CASEBOOK_SITE_URL unset or local), else None."""
    host = urlsplit(site_url).hostname or ""
    if site_url and host not in ("127.0.0.1", "localhost", "::1"):
        return None
    return (
        f"WARNING: the site URL is {site_url or 'not set'} ({SITE_URL_ENV} is unset or names this machine): "
        "the cite boxes, the feed, the sitemap and the QR codes on printed handouts will point at this machine. Set "
        f"{SITE_URL_ENV} to the site's public address (https://.../) before publishing; CI's Pages job does."
    )


def build_site(
    config_file: Path,
    cases_dir: Path,
    out_dir: Path | None = None,
    *,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
    keep_texts: bool = False,
) -> tuple[Path, RenderResult]:
    """Render and build the site; return the output folder and what the render wrote.

    The result keeps the generated texts (``RenderResult.pages``) only with ``keep_texts``; else
    they are dropped once written, before MkDocs starts (``RenderResult.drop_texts``), and only
    their paths (``generated``) are left.

    The build renders into its own work folder's docs (``casebook.staging``), never into the
    configured docs folder, so concurrent builds and ``mkdocs serve`` do not meet. ``progress``
    hears of each phase (checking files, rendering, building pages); the caller closes it.
    ``warn`` hears of a site URL that points at this machine (issue 14: citations and the feed
    carried http://127.0.0.1:8000/ addresses when CASEBOOK_SITE_URL was unset).

    Raises:
        BuildError: MkDocs failed or warned (strict); the old output is left in place.
        RenderError: a case is invalid; nothing was built.
        ConfigURLError: a configured URL (site, repository, social link) is not http(s).
        OutputError: the output folder is not ours to replace (``OutputRefusedError``) or a write
            failed (disk full); the old output is left in place and no staging folder remains.
    """
    # Imported here so that `casebook validate` does not pay for importing MkDocs.
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    check_env(os.environ)
    with _cases_env(cases_dir):
        try:
            config = load_config(config_file=str(config_file), strict=True)
        except MkDocsException as exc:
            raise BuildError(f"cannot load {config_file}: {exc}") from exc
        check_mkdocs_config(config)  # a javascript: repository link would be on every page
        if warn is not None and (message := loopback_site_url_warning(config.site_url or "")):
            warn(message)
        docs_source = Path(config.docs_dir)
        target = Path(out_dir or config.site_dir).resolve()
        check_site_out(target, cases_dir=cases_dir, repository=Path(config_file).resolve().parent, docs_dir=docs_source)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.remove_stale(target)
            with staging.kept(target) as work:
                progress = progress or Progress(enabled=False)
                rendered = _build_in(work, config, cases_dir, docs_source, progress, keep_texts=keep_texts)
                staging.publish(work / "site", target, work)
        except OSError as exc:
            raise OutputError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from exc
    return target, rendered


def _build_in(
    work: Path, config: Any, cases_dir: Path, docs_source: Path, progress: Progress, *, keep_texts: bool
) -> RenderResult:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    docs, site = work / "docs", work / "site"
    staging.copy_docs_sources(docs_source, docs, (*GENERATED_DIRS, *GENERATED_FILES))
    # The work folder's docs are scratch, compared byte for byte on the next build: no fsync per page.
    cache = open_cache(Path(config.config_file_path).parent, "corpus")  # unchanged cases are not redone (issue 15)
    rendered = render_site(cases_dir, docs, settings_from_config(config), progress=progress, durable=False, cache=cache)
    if not keep_texts:
        rendered.drop_texts()  # MkDocs reads the written files; the texts would be held to the end (#15)
    # The umask decides who may read the site, not mkdtemp's 0700 (#12). A kept work folder's site/ is
    # the output the last build replaced: MkDocs brings it up to date (casebook.site_writes).
    site.mkdir(mode=0o777, exist_ok=True)
    config.docs_dir, config.site_dir = str(docs), str(site)
    # Warnings name the configured docs folder: the staging copy is gone when they are read.
    counter = _CountWarnings(docs_source, cases_dir)
    config.plugins["casebook-warnings"] = counter.events()
    logging.getLogger("mkdocs").addHandler(counter)
    docs_key = str(docs.resolve())
    _PRERENDERED[docs_key] = rendered
    if progress.enabled:
        config.plugins["casebook-progress"] = _progress_events(progress)
    progress.note("starting MkDocs")
    try:
        build(config)
        if counter.messages:
            raise BuildError(counter.report())
    except MkDocsException as exc:
        # MkDocs' own strict abort says only how many; say what and where.
        raise BuildError(counter.report() if counter.messages else str(exc)) from exc
    finally:
        _PRERENDERED.pop(docs_key, None)
        logging.getLogger("mkdocs").removeHandler(counter)
    (site / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
    return rendered
