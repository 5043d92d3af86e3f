"""``/data/`` as a data package: the corpus as built, the newest release, and every release.

- ``/data/datapackage.json``, ``/data/tables/<table>.csv``, ``/data/casebook.sqlite``: this build's corpus.
- ``/data/latest/``: the newest release (a fixed address whose content changes with each release).
- ``/data/releases/<tag>/``: each release, served from the files its tag committed under
  ``releases/<tag>/`` (never regenerated, so they stay what was released), plus its SQLite file
  built from them; ``/data/releases/`` is the Releases page.
- ``/data/dictionary/``: the data dictionary, generated from the descriptor.

SQLite files are bytes, and the render's pages are text: ``sqlite_files`` builds them from the
rendered descriptors and CSV files, and ``render_site`` writes them beside the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from casebook.build_cache import BuildCache
from casebook.datapkg.package import DESCRIPTOR, package_files, table_path
from casebook.datapkg.sqlite_db import FILE_NAME, FULL_TEXT, build_sqlite
from casebook.datapkg.tables import TABLES, Table
from casebook.provenance.releases import MANIFEST
from casebook.render.context import Corpus

ROOT = "data"
LATEST = "data/latest"
RELEASES = "data/releases"
SQLITE_KIND = "sqlite"


def _release_files(folder: Path) -> dict[str, str]:
    names = [DESCRIPTOR, MANIFEST, *(table_path(t.name) for t in TABLES)]
    files = {}
    for name in names:
        path = folder / name
        if path.is_file():
            # newline="" keeps the CRLF line ends, so the bytes (and the descriptor's hashes) stay.
            with path.open(encoding="utf-8", newline="") as handle:
                files[name] = handle.read()
    return files


def data_package_pages(corpus: Corpus, table_rows: Callable[[Table], str] | None = None) -> dict[str, str]:
    """Every text file of the data package addresses, by docs-relative path.

    ``table_rows`` gives each table's rows of this corpus when already made (``package_files``).
    """
    pages: dict[str, str] = {}
    version = corpus.provenance.latest.tag + "+unreleased" if corpus.provenance.latest else "unreleased"
    current = package_files(
        corpus.cases, version=version, site_url=corpus.settings.site_url, chains=corpus.chains, table_rows=table_rows
    )
    pages.update({f"{ROOT}/{name}": text for name, text in current.items()})
    folder = corpus.provenance.release_dir
    for release in corpus.provenance.releases:
        if folder is None:
            break
        files = _release_files(folder / release.tag)
        pages.update({f"{RELEASES}/{release.tag}/{name}": text for name, text in files.items()})
        if release is corpus.provenance.latest:
            pages.update({f"{LATEST}/{name}": text for name, text in files.items()})
    return pages


def sqlite_files(pages: Mapping[str, str], cache: BuildCache | None = None) -> dict[str, bytes]:
    """A ``casebook.sqlite`` beside every rendered ``datapackage.json`` that has its CSV files.

    With a ``cache``, a file whose package (every file of its folder) is unchanged is not built
    again: its bytes come from the cache, keyed by that package's text (issue 15).
    """
    out = {}
    for path in sorted(p for p in pages if p.startswith(ROOT + "/") and p.endswith("/" + DESCRIPTOR)):
        folder = path.removesuffix(DESCRIPTOR)
        # Only this folder's texts are read: each read of ``pages`` may decompress one (render.texts).
        files = {name.removeprefix(folder): pages[name] for name in pages if name.startswith(folder)}
        if not all(table_path(t.name) in files for t in TABLES):
            continue
        if cache is None:
            out[folder + FILE_NAME] = build_sqlite(files)
            continue
        key = cache.key(SQLITE_KIND, *(part for name in sorted(files) for part in (name, files[name])))
        stored = cache.get_bytes(SQLITE_KIND, key)
        if stored is None:
            stored = build_sqlite(files)
            cache.put_bytes(SQLITE_KIND, key, stored)
        out[folder + FILE_NAME] = stored
    return out


def sqlite_note() -> str:
    """What the SQLite file holds and how to query it (Markdown)."""
    indexes = ", ".join(f"`{t}_fts` ({', '.join(cols)})" for t, cols in FULL_TEXT.items())
    return (
        "The same tables with their primary and foreign keys, and full-text indexes "
        f"{indexes}. Open it with `sqlite3 casebook.sqlite`, `datasette casebook.sqlite` or any SQLite client:\n\n"
        "```sql\nSELECT id, title FROM cases\nWHERE rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH 'recall');\n\n"
        "SELECT c.id, e.title FROM events e JOIN cases c ON c.id = e.case_id WHERE e.kind = 'break';\n```\n"
    )


def _size(text: str) -> str:
    size = len(text.encode("utf-8"))
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def package_section(corpus: Corpus, files: Mapping[str, str]) -> list[str]:
    """The Data page's part on the data package, SQLite file, dictionary and releases (Markdown lines)."""
    tables = ", ".join(
        f"[{t.name}]({table_path(t.name)}) ({_size(files[f'{ROOT}/{table_path(t.name)}'])})" for t in TABLES
    )
    latest = corpus.provenance.latest
    releases = (
        f"[latest/](latest/datapackage.json) is always the newest release ({latest.tag}); every release keeps its "
        "own address under [releases/](releases/index.md)."
        if latest
        else "No release has been cut yet; see [Releases](releases/index.md)."
    )
    return [
        "## Data package { #package }",
        "",
        f"[datapackage.json]({DESCRIPTOR})\n:   A [Frictionless](https://datapackage.org/) Data Package: one Table "
        "Schema per table, with keys, sizes and SHA-256 hashes. Tables, joinable by `case_id`: "
        f"{tables}. UTF-8 with a byte-order mark, so Excel opens them as UTF-8. "
        "The [data dictionary](dictionary.md) describes every column.",
        "",
        f"[{FILE_NAME}]({FILE_NAME})\n:   {sqlite_note().splitlines()[0]}",
        "",
        f"Releases\n:   {releases}",
        "",
    ]
