"""Building the site: pages exist, a failed build keeps the last good output, output is stable."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casebook.build import BuildError, build_site
from casebook.build_cache import CACHE_ENV
from casebook.cli import main
from casebook.codes import CODES
from casebook.progress import Progress
from casebook.render import RenderError, svg_slots
from casebook.render import site as site_module
from tests.sites import copy_project
from tests.unit.test_progress import FakeTTY

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "fixtures" / "cases" / "valid"
INVALID_ONE = ROOT / "tests" / "fixtures" / "cases" / "invalid" / "2099-fixture-cycle.yaml"
REAL = ROOT / "tests" / "fixtures" / "cases" / "real"
WARNING_ONLY = ROOT / "tests" / "fixtures" / "cases" / "invalid" / "2099-fixture-home-stage-warning.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of mkdocs.yml and site/ (without generated pages) to build in isolation."""
    return copy_project(tmp_path)


def test_builds_a_page_per_case(project: Path) -> None:
    """Every case gets /cases/<id>/ and the home page exists."""
    out, rendered = build_site(project / "mkdocs.yml", VALID, project / "out")
    assert (out / "index.html").is_file()
    assert (out / "cases" / "2099-acme-minimal" / "index.html").is_file()
    page = (out / "cases" / "2099-acme-minimal" / "index.html").read_text(encoding="utf-8")
    assert 'id="event-defect"' in page
    assert "fonts.googleapis.com" not in page
    assert "cases/2099-acme-minimal.md" in rendered.generated


def test_failed_build_keeps_last_good_output(project: Path, tmp_path: Path) -> None:
    """An invalid corpus raises with its diagnostics and leaves the previous site in place."""
    out, _ = build_site(project / "mkdocs.yml", VALID, project / "out")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(INVALID_ONE, broken / INVALID_ONE.name)
    with pytest.raises(RenderError) as caught:
        build_site(project / "mkdocs.yml", broken, project / "out")
    assert [d.code for d in caught.value.diagnostics] == ["D601", "C500"]
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_same_corpus_builds_identical_case_pages(project: Path) -> None:
    """Two builds of the same corpus give byte-identical case pages."""
    first, _ = build_site(project / "mkdocs.yml", VALID, project / "one")
    second, _ = build_site(project / "mkdocs.yml", VALID, project / "two")
    page = Path("cases") / "2099-acme-minimal" / "index.html"
    assert (first / page).read_bytes() == (second / page).read_bytes()


def test_stale_pages_in_the_shared_docs_folder_never_reach_the_site(project: Path) -> None:
    """The build renders into its own docs folder: a leftover generated page in site/docs is not
    published, and site/docs itself is left as it was (#12: builds used to share it)."""
    stale = project / "site" / "docs" / "cases" / "2099-gone-case.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# gone\n", encoding="utf-8")
    out, rendered = build_site(project / "mkdocs.yml", VALID, project / "out")
    assert not (out / "cases" / "2099-gone-case").exists()
    assert "cases/2099-gone-case.md" not in rendered.generated
    assert stale.read_text(encoding="utf-8") == "# gone\n"
    assert sorted(p.name for p in (project / "site" / "docs").iterdir()) == ["about.md", "assets", "cases"]


def test_guides_and_coverage_pages(project: Path) -> None:
    """The contributor guide on the site is CONTRIBUTING.md; the Coverage page lists the figures."""
    out, rendered = build_site(project / "mkdocs.yml", VALID, project / "out", keep_texts=True)
    contributing = rendered.pages["guide/contributing.md"]
    # the one change: the repository's address where the document says "<this repository>" (issue 14)
    source = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").rstrip("\n")
    assert "<this repository>" not in contributing
    assert contributing.startswith(source.replace("<this repository>", "https://github.com/casebook-kb/casebook.git"))
    assert (out / "guide" / "contributing" / "index.html").is_file()
    coverage = (out / "coverage" / "index.html").read_text(encoding="utf-8")
    assert "Stage of the first break" in coverage and "Consumer goods" in coverage


def test_diagnostics_reference_says_what_explain_says(project: Path) -> None:
    """Every code's explanation and fix on the site are the text `casebook explain` prints."""
    out, _ = build_site(project / "mkdocs.yml", VALID, project / "out")
    page = html.unescape(
        re.sub(r"<[^>]+>", "", (out / "reference" / "diagnostics" / "index.html").read_text(encoding="utf-8"))
    )
    for code in CODES.values():
        explained = CliRunner().invoke(main, ["explain", code.code]).output
        assert code.explanation in explained and code.explanation in page, code.code
        assert code.fix in explained and code.fix in page, code.code


def test_renders_once_per_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """build_site renders before MkDocs starts; the hook reuses that render instead of redoing it."""
    calls: list[Path] = []
    real = site_module.build_pages

    def counting(cases_dir: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(cases_dir)
        return real(cases_dir, *args, **kwargs)

    monkeypatch.setattr(site_module, "build_pages", counting)
    build_site(project / "mkdocs.yml", VALID, project / "out")
    assert calls == [VALID]


def test_build_holds_no_page_texts_while_mkdocs_runs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated texts are dropped once written, before MkDocs starts (#15: they were 40 % of
    the peak); the result keeps their paths, and the texts only when asked for."""
    import mkdocs.commands.build as mkdocs_build

    from casebook import build as build_module

    seen: list[tuple[int, int]] = []
    real = mkdocs_build.build

    def watching(config: Any, **kwargs: Any) -> None:
        held = build_module.prerendered(Path(config.docs_dir))
        assert held is not None
        seen.append((len(held.pages), len(held.generated)))
        real(config, **kwargs)

    monkeypatch.setattr(mkdocs_build, "build", watching)
    _, rendered = build_site(project / "mkdocs.yml", VALID, project / "out")
    assert seen[0][0] == 0 and seen[0][1] == len(rendered.generated) > 0
    assert rendered.pages == {} and "cases/2099-acme-minimal.md" in rendered.generated
    _, kept = build_site(project / "mkdocs.yml", VALID, project / "again", keep_texts=True)
    assert sorted(kept.pages) == kept.generated == rendered.generated
    assert seen[1][0] == len(kept.generated)


def test_pages_hold_no_markdown_or_html_while_others_are_built(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once every page is converted, MkDocs holds no page's Markdown, nor a case page's HTML (held
    compressed by the hook, casebook.page_hold); once the pages are written, no page's HTML (#15).
    Holding changes no byte of the site."""
    import mkdocs.commands.build as mkdocs_build

    from casebook.page_hold import HeldPages

    monkeypatch.setenv(CACHE_ENV, "off")  # every page converted, none from the page cache
    seen: dict[str, list[tuple[str, str, str]]] = {}
    real = mkdocs_build.build

    class Probe:
        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            self.files = files
            seen["converted"] = self.texts()
            return env

        def on_post_build(self, *, config: Any) -> None:
            seen["written"] = self.texts()

        def texts(self) -> list[tuple[str, str, str]]:
            return [(f.src_uri, f.page.markdown, f.page.content) for f in self.files.documentation_pages()]

    def probing(config: Any, **kwargs: Any) -> None:
        config.plugins["probe"] = Probe()
        real(config, **kwargs)

    monkeypatch.setattr(mkdocs_build, "build", probing)
    held, _ = build_site(project / "mkdocs.yml", REAL, project / "held")
    converted = seen["converted"]
    assert converted and all(markdown == "" for _, markdown, _ in converted)
    cases = [content for src, _, content in converted if src.startswith("cases/") and src != "cases/index.md"]
    assert cases and all(content == "" for content in cases)
    assert all(content == "" for _, _, content in seen["written"])
    with monkeypatch.context() as patch:
        patch.setattr(HeldPages, "hold_html", lambda self, src, html: html)
        plain, _ = build_site(project / "mkdocs.yml", REAL, project / "plain")
    assert any(content for _, _, content in seen["converted"])  # that build held nothing
    files = sorted(p.relative_to(held) for p in held.rglob("*") if p.is_file() and p.name != "sitemap.xml.gz")
    assert files == sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file() and p.name != "sitemap.xml.gz")
    for relative in files:
        assert (held / relative).read_bytes() == (plain / relative).read_bytes(), relative


def test_case_warnings_still_fail_the_strict_build(project: Path, tmp_path: Path) -> None:
    """A warning-only case is reported through MkDocs by the hook, so --strict still fails."""
    corpus = tmp_path / "warned"
    corpus.mkdir()
    shutil.copy(WARNING_ONLY, corpus / WARNING_ONLY.name)
    with pytest.raises(BuildError, match="strict"):
        build_site(project / "mkdocs.yml", corpus, project / "out")


def test_build_shows_progress_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking, rendering and MkDocs' pages are counted on a terminal's stderr, and the line is erased."""
    monkeypatch.delenv("CI", raising=False)
    stream = FakeTTY()
    progress = Progress(stream, enabled=True)
    build_site(project / "mkdocs.yml", VALID, project / "out", progress=progress)
    progress.close()
    text = stream.getvalue()
    for phase in ("checking 1 of 1 files", "rendering 1 of 1 case pages", "building", "pages (100%)"):
        assert phase in text
    assert text.endswith("\r")


def test_svg_lifting_changes_no_byte(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook's speed-up (SVG kept out of the Markdown pass) changes no output."""
    monkeypatch.setenv(CACHE_ENV, "off")  # both builds must do the whole work
    fast, _ = build_site(project / "mkdocs.yml", REAL, project / "fast")
    with monkeypatch.context() as patch:
        never = re.compile(r"(?!)")
        patch.setattr(svg_slots, "_SVG", never)
        plain, _ = build_site(project / "mkdocs.yml", REAL, project / "plain")
    files = sorted(p.relative_to(fast) for p in fast.rglob("*") if p.is_file() and p.name != "sitemap.xml.gz")
    assert files == sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file() and p.name != "sitemap.xml.gz")
    for relative in files:
        assert (fast / relative).read_bytes() == (plain / relative).read_bytes(), relative
