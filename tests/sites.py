"""Fixture sites for the site and browser tests: each corpus is built once per session.

A site is built from a copy of mkdocs.yml and site/ (so generated pages never land in the
checkout) and served from a loopback ``ThreadingHTTPServer`` on a free port; the build uses
that address as ``site_url`` (through ``CASEBOOK_SITE_URL``), as instant navigation needs.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from casebook.build import build_site
from casebook.model import Case
from casebook.render import GENERATED_DIRS, GENERATED_FILES
from casebook.validation import load_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "fixtures" / "cases"


@dataclass(frozen=True)
class BuiltSite:
    """A built fixture site and where it is served."""

    name: str
    root: Path
    url: str
    docs: Path
    cases: tuple[Case, ...]

    def page(self, path: str) -> str:
        """The text of a built file, e.g. ``cases/x/index.html``."""
        return (self.root / path).read_text(encoding="utf-8")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def copy_project(target: Path) -> Path:
    """Copy mkdocs.yml and site/ without generated files into ``target``; return ``target``."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    skip = shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES, "__pycache__")
    shutil.copytree(ROOT / "site", target / "site", ignore=skip)
    return target


def build_fixture_site(corpus: str, project: Path, url: str, out: Path) -> None:
    """Build ``tests/fixtures/cases/<corpus>`` with ``url`` as the site URL."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_SITE_URL", url)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        build_site(project / "mkdocs.yml", CORPORA / corpus, out)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], BuiltSite]]:
    """Return a function that builds and serves a fixture corpus (once per session) by name."""
    built: dict[str, BuiltSite] = {}
    servers: list[ThreadingHTTPServer] = []

    def get(corpus: str) -> BuiltSite:
        if corpus not in built:
            project = copy_project(tmp_path_factory.mktemp(f"site-{corpus}"))
            out = project / "out"
            server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(out)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            url = f"http://127.0.0.1:{server.server_address[1]}/"
            build_fixture_site(corpus, project, url, out)
            cases = tuple(sorted(load_corpus(CORPORA / corpus).cases, key=lambda c: c.id))
            built[corpus] = BuiltSite(corpus, out, url, project / "site" / "docs", cases)
        return built[corpus]

    yield get
    for server in servers:
        server.shutdown()
        server.server_close()
