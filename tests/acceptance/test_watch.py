"""`casebook watch` end to end, offline: fixture feeds from disk and from a misbehaving loopback server."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner, Result

from casebook.cli import main
from casebook.feeds import pipeline
from casebook.feeds.state import WatchState
from casebook.validation import validate_paths
from tests.feedserver import Log, serve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
LOCAL = FIXTURES / "sources-local.yaml"
CASES = FIXTURES / "cases"
TODAY = "2099-03-05"


def watch(tmp_path: Path, *args: str, sources: Path = LOCAL, state: str = "state.json", out: str = "out") -> Result:
    """Run the command with the fixture corpus and a fixed date; never raise."""
    argv = ["watch", "--sources", str(sources), "--cases", str(CASES), "--today", TODAY]
    argv += ["--state", str(tmp_path / state), "--out", str(tmp_path / out), *args]
    return CliRunner().invoke(main, argv)


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file the run wrote, by path relative to the output folder."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def server() -> Iterator[tuple[str, Log]]:
    """A misbehaving loopback feed server."""
    with serve() as running:
        yield running


def test_local_run(tmp_path: Path) -> None:
    """The fixture feeds give ranked candidates, matches for existing cases, stubs and warnings; exit 0."""
    result = watch(tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning: Moved Page: F912" in result.stderr
    assert "warning: Missing File: F915" in result.stderr
    candidates = json.loads((tmp_path / "out" / "candidates.json").read_text(encoding="utf-8"))
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert set(candidates[0]) >= {"title", "link", "feed", "published", "score", "reasons", "matched_case"}
    matched = {c["matched_case"]: c["title"] for c in candidates if c["matched_case"]}
    assert set(matched) == {"2010-toyota-recalls", "2010-google-buzz"}
    globex = next(c for c in candidates if c["title"].startswith("Globex Bank outage"))
    assert {m["feed"] for m in globex["also_reported"]} == {"Consumer Desk", "Business Daily"}
    assert all(c["stub"] is None for c in candidates if c["matched_case"])
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert report.index("## Candidates") < report.index("## Already in the casebook") < report.index("## Feed problems")
    assert "- **Missing File**: F915" in report


def test_stubs_are_unfinished_drafts_with_the_entry_as_first_source(tmp_path: Path) -> None:
    """Each stub validates as unfinished: only H803 errors, located, and the entry's real link as source."""
    assert watch(tmp_path).exit_code == 0
    stubs = sorted((tmp_path / "out" / "stubs").glob("*.yaml"))
    assert len(stubs) >= 3
    checked = validate_paths(stubs)
    assert checked.errors > 0
    assert {d.code for d in checked.diagnostics} == {"H803"}
    for stub in stubs:
        located = [d for d in checked.diagnostics if d.path.endswith(stub.name)]
        assert {d.json_path for d in located} >= {
            "$.title",
            "$.summary",
            "$.organization.name",
            "$.sources[0].accessed",
        }
        assert all(d.line > 1 and d.col > 1 for d in located)
        text = stub.read_text(encoding="utf-8")
        assert f'id: "{stub.stem}"' in text
        assert "status: draft" in text
    umbrella = next(s for s in stubs if "umbrella" in s.name).read_text(encoding="utf-8")
    assert 'url: "https://regulator-watch.example/2099/umbrella-fine"' in umbrella
    assert 'type: "regulator"' in umbrella
    assert "published: TODO" in umbrella  # the entry had no date


def test_markup_from_feeds_never_reaches_the_outputs_as_markup(tmp_path: Path) -> None:
    """No script, no tag and no non-http link survives into any output; the report renders to plain links."""
    assert watch(tmp_path).exit_code == 0
    for name, data in outputs(tmp_path / "out").items():
        text = data.decode("utf-8")
        assert not re.search(r"<\s*(script|img|iframe|style|p\b|b\b|em\b)", text, re.IGNORECASE), name
        assert "onerror" not in text and "document.cookie" not in text, name
    html = markdown.markdown(
        (tmp_path / "out" / "report.md").read_text(encoding="utf-8"), extensions=["tables", "attr_list"]
    )
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {
        "h1",
        "h2",
        "p",
        "strong",
        "ol",
        "ul",
        "li",
        "a",
        "br",
        "code",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
    assert all(href.startswith("https://") for href in re.findall(r'href="([^"]*)"', html))


def test_same_inputs_give_identical_outputs(tmp_path: Path) -> None:
    """Two runs from fresh states write byte-identical candidates.json, report.md and stubs."""
    assert watch(tmp_path, state="a.json", out="a").exit_code == 0
    assert watch(tmp_path, state="b.json", out="b").exit_code == 0
    first, second = outputs(tmp_path / "a"), outputs(tmp_path / "b")
    assert first == second
    assert "report.md" in first and any(name.startswith("stubs/") for name in first)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_second_run_proposes_nothing_new(tmp_path: Path) -> None:
    """The state remembers every entry, so a rerun finds no new entries and writes no stubs."""
    assert watch(tmp_path).exit_code == 0
    again = watch(tmp_path, out="again")
    assert again.exit_code == 0
    assert json.loads((tmp_path / "again" / "candidates.json").read_text(encoding="utf-8")) == []
    assert not (tmp_path / "again" / "stubs").exists()
    assert "0 new entries" in (tmp_path / "again" / "report.md").read_text(encoding="utf-8")


def test_since_skips_older_entries(tmp_path: Path) -> None:
    """--since drops dated entries before the day and keeps undated ones."""
    assert watch(tmp_path, "--since", "2099-03-02").exit_code == 0
    candidates = json.loads((tmp_path / "out" / "candidates.json").read_text(encoding="utf-8"))
    assert all(c["published"] is None or c["published"] >= "2099-03-02" for c in candidates)
    assert any(c["published"] is None for c in candidates)
    assert "published before 2099-03-02 were skipped" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def _http_sources(tmp_path: Path, base: str, routes: dict[str, str]) -> Path:
    lines = ["feeds:"] + [f"  - name: {name}\n    url: {base}{route}" for name, route in routes.items()]
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_http_failures_are_warnings_and_the_run_goes_on(tmp_path: Path, server: tuple[str, Log]) -> None:
    """Slow, oversized, not-a-feed, 404 and refused redirects are listed with their codes; exit 0."""
    base, _ = server
    routes = {
        "Good": "/feed/rss20.xml", "Via redirect": "/to/atom.xml", "Slow": "/slow", "Big": "/big", "Html": "/html",
        "Gone": "/missing", "To file": "/to-file", "Loop": "/loop",
    }  # fmt: skip
    sources = _http_sources(tmp_path, base, routes)
    result = watch(tmp_path, "--timeout", "0.3", "--max-bytes", "20000", sources=sources)
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    expected = {"Slow": "F910", "Big": "F911", "Html": "F912", "Gone": "F913", "To file": "F914", "Loop": "F914"}
    for name, code in expected.items():
        assert f"warning: {name}: {code}" in result.stderr
        assert f"- **{name}**: {code}" in report
    assert "| Good | read | 5 | 5 |" in report
    assert "| Via redirect | read | 3 | 3 |" in report


def test_conditional_get_on_the_second_run(tmp_path: Path, server: tuple[str, Log]) -> None:
    """The second run sends the stored ETag, gets 304 and reports the feed unchanged."""
    base, log = server
    sources = _http_sources(tmp_path, base, {"Good": "/feed/rss20.xml"})
    assert watch(tmp_path, sources=sources).exit_code == 0
    assert watch(tmp_path, sources=sources, out="again").exit_code == 0
    assert log.statuses("/feed/rss20.xml") == [200, 304]
    assert log.requests[1][1] is not None
    assert "| Good | unchanged (304) | 0 | 0 |" in (tmp_path / "again" / "report.md").read_text(encoding="utf-8")


def test_invalid_sources_file_is_exit_1_with_located_diagnostics(tmp_path: Path) -> None:
    """A sources error stops the run before any fetch, with file:line:col and a stable code."""
    sources = tmp_path / "sources.yaml"
    sources.write_text("feeds:\n  - name: A\n    url: gopher://a.example/\n", encoding="utf-8")
    result = watch(tmp_path, sources=sources)
    assert result.exit_code == 1
    assert f"{sources}:3:10: error F903 " in result.stderr
    assert not (tmp_path / "out").exists()
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "yesterday"],
        ["--timeout", "0"],
        ["--max-bytes", "-1"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    """Bad options are usage errors (exit 2), never a traceback."""
    result = watch(tmp_path, *args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)


def test_missing_sources_and_bad_state_exit_2(tmp_path: Path) -> None:
    """A sources file that does not exist, or a state file that is not ours, is exit 2 with a message."""
    assert watch(tmp_path, sources=tmp_path / "nope.yaml").exit_code == 2
    (tmp_path / "state.json").write_text("not json", encoding="utf-8")
    result = watch(tmp_path)
    assert result.exit_code == 2
    assert "not a usable state file" in result.stderr
    assert (tmp_path / "state.json").read_text(encoding="utf-8") == "not json"


def test_progress_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Progress lines go to stderr on a terminal; with CI set or no terminal there are none."""
    quiet = watch(tmp_path, out="quiet", state="quiet.json")
    assert "fetching" not in quiet.stderr
    monkeypatch.setattr("casebook.commands.watch.progress_wanted", lambda: True)
    loud = watch(tmp_path, out="loud", state="loud.json")
    assert "[4/9] Business Daily: 5 entries, 5 new" in loud.stderr
    from casebook.commands import watch as command

    monkeypatch.undo()
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(command.sys.stderr, "isatty", lambda: True, raising=False)
    assert command.progress_wanted() is False


def test_explain_knows_the_feed_codes() -> None:
    """`casebook explain F910` says what a timeout means and what to do."""
    result = CliRunner().invoke(main, ["explain", "F910"])
    assert result.exit_code == 0
    assert result.output.startswith("F910 (feeds, warning): feed timed out")


def test_crash_while_saving_state_keeps_the_previous_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the run dies while writing the state, the old state is whole and no temporary file is left."""
    assert watch(tmp_path).exit_code == 0
    before = (tmp_path / "state.json").read_bytes()
    real_save = pipeline.save_state

    def boom(fd: int) -> None:
        raise OSError("killed mid-write")

    def crashing_save(path: Path, state: WatchState, today: dt.date) -> None:
        monkeypatch.setattr(os, "fsync", boom)  # the bytes are written, the flush to disk fails
        real_save(path, state, today)

    monkeypatch.setattr(pipeline, "save_state", crashing_save)
    result = watch(tmp_path, "--today", "2099-03-06", out="again")
    assert result.exit_code == 2
    assert "cannot write the results: killed mid-write" in result.stderr
    assert (tmp_path / "state.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["state.json"]
    assert (tmp_path / "again" / "report.md").exists()  # outputs come first; the state is last
