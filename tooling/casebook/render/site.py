"""Render the whole corpus into the docs folder: write what changed, remove what it wrote before and no longer generates."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from casebook import corpus_cache
from casebook.build_cache import BuildCache
from casebook.datapkg.sqlite_db import PackageError
from casebook.diagnostics import Diagnostic, Severity
from casebook.gcpause import paused_gc
from casebook.graph import analyse_corpus
from casebook.model import Case
from casebook.ownership import OutputRefusedError
from casebook.progress import Progress
from casebook.provenance.releases import ReleaseDataError
from casebook.provenance.state import Provenance, load_provenance
from casebook.render.browse import browse_pages
from casebook.render.case_chain import DERIVED_FIELDS, chain_section, derived
from casebook.render.case_page import case_page
from casebook.render.context import SIMILAR, Corpus, SiteSettings, org_slug
from casebook.render.controls_page import PATH as CONTROLS_PATH
from casebook.render.controls_page import controls_page
from casebook.render.data_dictionary import PATH as DICTIONARY_PATH
from casebook.render.data_dictionary import dictionary_page
from casebook.render.data_package import data_package_pages, sqlite_files
from casebook.render.downloads import CACHE_KIND, draws_pngs, planned_pngs, standalone_svg, svg_path, write_pngs
from casebook.render.exports import CSV_PATH, JSON_PATH, cases_csv, cases_json, data_page
from casebook.render.feed import FEED_PATH, atom_feed
from casebook.render.filter_index import filter_files
from casebook.render.guides import coverage_page, guide_pages
from casebook.render.handout import chain_svg_of
from casebook.render.home import home_page
from casebook.render.manifest import read_fingerprints, read_manifest, write_manifest
from casebook.render.pack import pack_page
from casebook.render.patterns import patterns_page
from casebook.render.record_cache import case_records, json_record, shows
from casebook.render.redirects import redirect_pages
from casebook.render.references import reference_pages
from casebook.render.releases_page import PATH as RELEASES_PATH
from casebook.render.releases_page import releases_page
from casebook.render.tabletop import tabletop_page, tabletop_pages, tabletop_path
from casebook.render.texts import PageTexts
from casebook.render.topics import topic_pages
from casebook.render.write_docs import write_generated
from casebook.validation import load_corpus

GENERATED_DIRS = (
    "cases",
    "browse",
    "filter",
    "patterns",
    "controls",
    "data",
    "reference",
    "guide",
    "coverage",
    "pack",
    "failure-modes",
    "organizations",
)
"""Folders under docs_dir that the renderer writes into; they are git-ignored."""

GENERATED_FILES = ("index.md", FEED_PATH)
"""Single files the renderer owns outside those folders (git-ignored too)."""


class RenderError(Exception):
    """The corpus has errors; nothing was rendered."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(
            f"{sum(d.severity is Severity.ERROR for d in diagnostics)} errors in the cases; fix them and build again"
        )


class ReleaseFilesError(RenderError):
    """A release's committed files (``releases/<tag>/``) cannot be read or built into SQLite."""

    def __init__(self, message: str) -> None:
        self.diagnostics = []
        Exception.__init__(self, message)


@dataclass
class RenderResult:
    """What a render wrote; ``pages`` holds the texts until ``drop_texts``, ``generated`` their paths."""

    pages: Mapping[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)

    def drop_texts(self) -> None:
        """Forget the texts (written by now), keeping their paths in ``generated``: a build holds its
        result while MkDocs runs, and the texts were 40 % of its peak memory at 1,000 cases (#15)."""
        self.pages = {}


def generate(
    cases: list[Case],
    settings: SiteSettings | None = None,
    *,
    progress: Progress | None = None,
    cache: BuildCache | None = None,
    digests: dict[str, str] | None = None,
    provenance: Provenance | None = None,
) -> PageTexts:
    """Return every generated file for these valid cases as ``{docs-relative path: text}``
    (held compressed, ``casebook.render.texts``).

    With a ``cache`` and the cases' ``digests`` (``CheckResult.digests``), chain analyses and case
    pages whose inputs are unchanged come from the cache (``casebook.corpus_cache``).
    """
    progress = progress or Progress(enabled=False)
    with paused_gc():  # every page of the corpus is held here; see casebook.gcpause
        return _generate(cases, settings, progress, cache, digests or {}, provenance)


def _case_page(case: Case, corpus: Corpus) -> str:
    return case_page(case, corpus, chain_section(case, corpus), corpus.similar(case))


def _generate(
    cases: list[Case],
    settings: SiteSettings | None,
    progress: Progress,
    cache: BuildCache | None,
    digests: dict[str, str],
    provenance: Provenance | None = None,
) -> PageTexts:
    progress.note("analysing the corpus")
    cached = cache is not None and all(c.id in digests for c in cases)
    chains = corpus_cache.chains(cases, digests, cache) if cache is not None and cached else None
    records = case_records(cases, chains, settings, cache, digests) if cache is not None and chains else None
    digest = records.digest() if records else None
    find_similar = (
        functools.partial(corpus_cache.suggestions, digests=digests, cache=cache, limit=SIMILAR)
        if cache is not None and cached
        else None
    )
    corpus = Corpus.build(cases, settings, chains=chains, provenance=provenance, digest=digest, similar=find_similar)
    patterns = analyse_corpus(corpus.cases, corpus.chains)
    progress.start("rendering", len(corpus.cases), "case pages")
    pages = PageTexts()  # compressed: the texts of a large corpus were most of a build's peak memory (#15)
    # A case page shows the settings (URLs) and nothing corpus-wide: the corpus version (a digest of
    # every case) stays out of its key, or any edit would re-render every page (issue #15). Whether
    # the corpus is small enough for PNGs decides its download links.
    context = repr((corpus.settings, draws_pngs(len(corpus.cases))))
    for case in corpus.cases:
        if cache is not None and cached:
            similar = corpus.similar(case)
            shown = [corpus.by_id[r.id] for r in case.related] + [corpus.by_id[i] for i, _ in similar]
            # History and release pin come from git and releases/, not the case file: in the key too;
            # the page links to its organization's page when that organization has another case.
            count = corpus.organization_counts[org_slug(case.organization.name)]
            own = repr((corpus.provenance.pin(case), corpus.provenance.history(case), count))
            reasons = {s.id: s.reasons for s in corpus.suggestions.get(case.id, [])}
            explained = [(i, reasons.get(i, ())) for i, _ in similar]
            key = corpus_cache.page_key(cache, digests[case.id], shown, explained, context + own)
            packed, page = corpus_cache.cached_page(cache, key, functools.partial(_case_page, case, corpus))
            pages.put_packed(f"cases/{case.id}.md", packed)
        else:
            page = _case_page(case, corpus)
            pages[f"cases/{case.id}.md"] = page
        pages[svg_path(case)] = standalone_svg(chain_svg_of([page]), case, corpus)
        progress.advance()
    progress.note("rendering browse, filter, patterns and data pages")
    if cache is not None and cached:  # a tabletop page shows its own case alone
        for case in corpus.cases:
            render = functools.partial(tabletop_page, case, corpus)
            key = cache.key("tabletop", digests[case.id])
            pages.put_packed(tabletop_path(case), corpus_cache.cached_packed(cache, "tabletop", key, render)[0])
    else:
        pages.update(tabletop_pages(corpus))
    pages["pack/index.md"] = pack_page(corpus)
    pages.update(topic_pages(corpus))
    pages.update(browse_pages(corpus))
    pages.update(filter_files(corpus))
    pages.update(reference_pages())
    pages.update(guide_pages(corpus.settings))
    pages["coverage/index.md"] = coverage_page(corpus.cases, corpus.chains)
    pages["index.md"] = home_page(corpus, dict(patterns.first_break_stages))
    pages["patterns/index.md"] = patterns_page(corpus, patterns)
    pages[CONTROLS_PATH] = controls_page(corpus)
    encoded = (
        records.json_records(functools.partial(json_record, corpus), functools.partial(shows, corpus))
        if records
        else None
    )
    pages[JSON_PATH] = cases_json(corpus, lambda case: derived(case, corpus), encoded=encoded)
    pages[CSV_PATH] = cases_csv(corpus, rows=records.csv_rows() if records else None)
    pages.update(redirect_pages(corpus))
    pages.update(data_package_pages(corpus, records.table_rows if records else None))
    pages[DICTIONARY_PATH] = dictionary_page(pages["data/datapackage.json"])
    pages[RELEASES_PATH] = releases_page(corpus)
    pages["data/index.md"] = data_page(corpus, DERIVED_FIELDS, pages)
    pages[FEED_PATH] = atom_feed(corpus)
    return pages


def build_pages(
    cases_dir: Path,
    settings: SiteSettings | None = None,
    *,
    progress: Progress | None = None,
    cache: BuildCache | None = None,
) -> tuple[PageTexts, list[Diagnostic]]:
    """Validate the corpus and return every generated file, with the (warning) diagnostics.

    Raises:
        RenderError: a case has an error; a site is never built from a partly valid corpus.
    """
    result = load_corpus(cases_dir, progress=progress, cache=cache)
    if result.errors:
        raise RenderError(result.diagnostics)
    try:
        provenance = load_provenance(cases_dir, result.cases)
    except ReleaseDataError as exc:
        raise ReleaseFilesError(str(exc)) from exc
    pages = generate(
        result.cases, settings, progress=progress, cache=cache, digests=result.digests, provenance=provenance
    )
    if cache is not None:
        cache.prune()  # entries of files and pages that no longer exist
    return pages, result.diagnostics


def render_site(
    cases_dir: Path,
    docs_dir: Path,
    settings: SiteSettings | None = None,
    *,
    progress: Progress | None = None,
    replace_unlisted: bool = True,
    durable: bool = True,
    cache: BuildCache | None = None,
) -> RenderResult:
    """Write the generated files under ``docs_dir``; unchanged files are left alone.

    Only files listed in the previous run's manifest (``casebook.render.manifest``) are ever
    removed. ``replace_unlisted=False`` (``casebook render --out``) also refuses to overwrite an
    existing file that the manifest does not list, since Casebook did not write it.
    ``durable=False`` skips the fsync per file, for a build's throw-away staging docs folder.
    ``progress`` hears of each phase (checking, analysing, rendering, writing); the caller closes it.
    ``cache`` (``casebook.build_cache``) lets unchanged cases skip their checks and page renders,
    and keeps the chain PNGs already drawn.

    Raises:
        RenderError: a case is invalid; nothing was written.
        OutputRefusedError: the folder holds files of someone else's at generated paths.
        OSError: a write failed; every file written is whole, the manifest covers all of them.
    """
    progress = progress or Progress(enabled=False)
    pages, diagnostics = build_pages(cases_dir, settings, progress=progress, cache=cache)
    try:
        binaries = sqlite_files(pages, cache)  # bytes, so written beside the text pages (render.data_package)
    except PackageError as exc:
        raise ReleaseFilesError(f"cannot build a SQLite file: {exc}") from exc
    files = sorted({*pages, *binaries})
    previous, known = read_manifest(docs_dir), read_fingerprints(docs_dir)
    pngs = planned_pngs(pages)
    if not replace_unlisted:
        clashes = [p for p in sorted({*files, *pngs}) if p not in previous and _occupied(docs_dir / p)]
        if clashes:
            raise OutputRefusedError(
                f"refusing to render into {docs_dir}: {len(clashes)} files Casebook did not write would be "
                f"replaced (first: {clashes[0]}); choose a new or empty folder for --out"
            )
    # Listed before they are written, so an interrupted run can still prune them next time.
    write_manifest(docs_dir, previous | {*files, *pngs})
    out = RenderResult(pages=pages, diagnostics=diagnostics, generated=sorted(pages))
    progress.start("writing", len(files), "files")
    out.written, prints = write_generated(docs_dir, files, pages, binaries, known, fsync=durable, progress=progress)
    # PNGs are drawn from the chain SVGs just written, only where they changed (render.downloads);
    # they are listed in the manifest like every other generated file.
    drawn, _ = write_pngs(docs_dir, pages, cache=cache)
    out.written += drawn
    if cache is not None:
        cache.prune((CACHE_KIND,))  # build_pages pruned the other kinds; PNGs are only known now
    for relative in sorted(previous - {*files, *pngs}):
        path = docs_dir / relative
        if path.is_file() and not path.is_symlink():
            path.unlink()
            out.removed.append(relative)
    write_manifest(docs_dir, {*files, *pngs}, prints)
    return out


def _occupied(path: Path) -> bool:
    return path.exists() or path.is_symlink()
