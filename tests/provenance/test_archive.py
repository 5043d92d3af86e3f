"""``casebook archive`` against a loopback fake of the Wayback Machine; the edit, the checks, the rate limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook.archive.edit import EditError, add_fields
from casebook.archive.links import LinkChecker
from casebook.archive.ratelimit import FakeClock, RateLimit
from casebook.archive.run import lookup, sources
from casebook.archive.wayback import Wayback, endpoints, parse_available
from casebook.cli import main
from casebook.loading import load_text
from casebook.validation import load_corpus
from tests import archivefake
from tests.archivefake import fake_wayback
from tests.helpers import MINIMAL

COMMENT = "# a contributor's comment that must survive\n"


def corpus_with(tmp_path: Path, memo_url: str, notice_url: str = "https://acme.example/recall") -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("https://acme.example/memo", memo_url).replace("https://acme.example/recall", notice_url)
    (folder / MINIMAL.name).write_text(COMMENT + text, encoding="utf-8")
    return folder


def run_lookup(folder: Path, base: str, **kwargs: object) -> tuple[object, str]:
    available, save = endpoints(base)
    clock = FakeClock()
    wayback = Wayback(available, save, RateLimit(30, clock, clock.sleep), RateLimit(3, clock, clock.sleep), timeout=1.0)
    refs = sources(load_corpus(folder).cases)
    report = lookup(refs, wayback, **kwargs)  # type: ignore[arg-type]
    return report, (folder / MINIMAL.name).read_text(encoding="utf-8")


def test_found_snapshot_is_recorded_in_the_file_text(tmp_path: Path) -> None:
    """A snapshot the archive confirms is added after `accessed:`, comments and the rest untouched."""
    folder = corpus_with(tmp_path, "https://acme.example/found-memo")
    before = (folder / MINIMAL.name).read_text(encoding="utf-8")
    with fake_wayback() as (base, state):
        report, after = run_lookup(folder, base)
    assert [r.source_id for r in report.recorded] == ["memo"]  # type: ignore[attr-defined]
    assert [r.source_id for r in report.not_found] == ["notice"]  # type: ignore[attr-defined]
    snapshot = f"{base}/web/20990320120000/https://acme.example/found-memo"
    expected = before.replace(
        "    accessed: 2099-03-20\n    type: company\n  - id: notice",
        f"    accessed: 2099-03-20\n    archived_url: {snapshot}\n    archived: 2099-03-20\n    type: company\n  - id: notice",
    )
    assert after == expected and after.startswith(COMMENT)
    assert state.lookups == ["https://acme.example/found-memo", "https://acme.example/recall"]
    edited = load_corpus(folder)  # the recorded fields are valid format v2
    assert edited.errors == 0 and edited.cases[0].sources[0].archived_url == snapshot
    assert str(edited.cases[0].sources[0].archived) == "2099-03-20"


@pytest.mark.parametrize(
    ("word", "error"),
    [("broken", "HTTP 500"), ("tofile", "non-http(s)"), ("garbage", "unreadable"), ("slow", "timed out")],
)
def test_failures_edit_nothing(tmp_path: Path, word: str, error: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """500, a redirect to file:, a non-JSON answer and a timeout are errors, and the file is unchanged."""
    monkeypatch.setattr(archivefake, "SLOW", 2.0)
    folder = corpus_with(tmp_path, f"https://acme.example/{word}-memo")
    before = (folder / MINIMAL.name).read_text(encoding="utf-8")
    with fake_wayback() as (base, _):
        report, after = run_lookup(folder, base)
    assert after == before
    errors = report.errors  # type: ignore[attr-defined]
    assert [ref.source_id for ref, _ in errors] == ["memo"]
    assert error in errors[0][1]


def test_save_requests_a_capture_and_records_it_only_once_confirmed(tmp_path: Path) -> None:
    """--save asks for a capture of what the archive lacks, then records what the archive confirms."""
    folder = corpus_with(tmp_path, "https://acme.example/savable-memo")
    with fake_wayback() as (base, state):
        report, after = run_lookup(folder, base, save=True)
    assert state.captures == ["https://acme.example/savable-memo", "https://acme.example/recall"]
    assert [r.source_id for r in report.recorded] == ["memo"]  # type: ignore[attr-defined]
    assert [r.source_id for r in report.not_found] == ["notice"]  # captured but not confirmed: not recorded
    assert "archived_url" in after and after.count("archived_url") == 1


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """--dry-run reports what it would record."""
    folder = corpus_with(tmp_path, "https://acme.example/found-memo")
    before = (folder / MINIMAL.name).read_text(encoding="utf-8")
    with fake_wayback() as (base, _):
        result = CliRunner().invoke(
            main, ["archive", str(folder), "--endpoint", base, "--dry-run", "--format", "json", "--per-minute", "600"]
        )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [f["source"] for f in data["found"]] == ["memo"] and data["recorded"] == []
    assert (folder / MINIMAL.name).read_text(encoding="utf-8") == before


def test_endpoint_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CASEBOOK_WAYBACK_URL points the command at the fake; the edit is made."""
    folder = corpus_with(tmp_path, "https://acme.example/found-memo")
    with fake_wayback() as (base, state):
        monkeypatch.setenv("CASEBOOK_WAYBACK_URL", base)
        result = CliRunner().invoke(main, ["archive", str(folder), "--per-minute", "600"])
    assert result.exit_code == 0, result.output
    assert "1 found (1 recorded)" in result.output
    assert state.lookups and "archived_url:" in (folder / MINIMAL.name).read_text(encoding="utf-8")


def test_rate_limit_spaces_calls_with_an_injected_clock() -> None:
    """Three a minute means 20 s between calls, counted from when each call was allowed."""
    clock = FakeClock()
    limit = RateLimit(3, clock, clock.sleep)
    assert [limit.wait() for _ in range(3)] == [0.0, 20.0, 20.0]
    clock.advance(50.0)  # time spent elsewhere counts
    assert limit.wait() == 0.0
    clock.advance(5.0)
    assert limit.wait() == pytest.approx(15.0)


def test_saves_are_rate_limited(tmp_path: Path) -> None:
    """Each capture request waits its turn: three a minute by default."""
    folder = corpus_with(tmp_path, "https://acme.example/savable-a", "https://acme.example/savable-b")
    clock, lookups = FakeClock(), FakeClock()
    with fake_wayback() as (base, state):
        available, save = endpoints(base)
        saves = RateLimit(3, clock, clock.sleep)
        wayback = Wayback(available, save, RateLimit(600, lookups, lookups.sleep), saves, timeout=2.0)
        lookup(sources(load_corpus(folder).cases), wayback, save=True, write=False)
    assert len(state.captures) == 2
    assert clock.sleeps == [20.0]  # the second capture waited 20 s; the first did not wait
    assert lookups.sleeps == pytest.approx([0.1, 0.1, 0.1])  # four lookups (two before, two after capture), 0.1 s apart


def test_check_reports_dead_links_and_follows_only_http_redirects() -> None:
    """HEAD then GET, with timeouts; a redirect to file: is dead, 405-to-HEAD is alive."""
    clock = FakeClock()
    checker = LinkChecker(timeout=1.0, clock=clock, sleep=clock.sleep)
    with fake_wayback() as (base, _):
        results = {
            name: checker.check(f"{base}/site/{name}")
            for name in ("ok", "nohead", "moved", "gone", "broken", "tofile", "slow")
        }
    assert {n for n, r in results.items() if r.alive} == {"ok", "nohead", "moved"}
    assert results["gone"].status == 404 and results["broken"].status == 500
    assert "non-http(s)" in results["tofile"].reason
    assert "timed out" in results["slow"].reason
    assert results["moved"].final_url.endswith("/site/ok")
    assert not checker.check("ftp://example.org/x").alive


def test_check_command_reports_markdown_and_exit_1(tmp_path: Path) -> None:
    """--check lists dead links with their archive copies for the weekly issue, and exits 1."""
    with fake_wayback() as (base, _):
        folder = corpus_with(tmp_path, f"{base}/site/gone", f"{base}/site/ok")
        result = CliRunner().invoke(
            main, ["archive", str(folder), "--check", "--format", "markdown", "--timeout", "2", "--per-minute", "600"]
        )
    assert result.exit_code == 1, result.output
    assert "found 1 dead links among 2 source links" in result.output
    assert (
        f"| `2099-acme-minimal` | `memo` | <{base}/site/gone> | HTTP 404 | none recorded, none found |" in result.output
    )


def test_check_suggests_the_archive_copy_of_a_dead_link(tmp_path: Path) -> None:
    """A dead link with no copy recorded gets the archive's copy in the report; the file is not edited."""
    with fake_wayback() as (base, _):
        folder = corpus_with(tmp_path, f"{base}/site/gone?found", f"{base}/site/broken")
        before = (folder / MINIMAL.name).read_text(encoding="utf-8")
        args = ["archive", str(folder), "--check", "--format", "json", "--endpoint", base, "--per-minute", "600"]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    dead = json.loads(result.output)["dead"]
    assert [d["source"] for d in dead] == ["memo", "notice"]
    assert dead[0]["suggested_archive"] == f"{base}/web/20990320120000/{base}/site/gone?found"
    assert dead[1]["suggested_archive"] is None
    assert (folder / MINIMAL.name).read_text(encoding="utf-8") == before


def test_parse_available_accepts_only_confirmed_snapshots() -> None:
    """Unavailable, non-200, non-http and badly stamped snapshots do not count."""
    good = {
        "available": True,
        "status": "200",
        "timestamp": "20130919044612",
        "url": "http://web.archive.org/web/20130919044612/http://example.com/",
    }
    answer = lambda closest: json.dumps({"archived_snapshots": {"closest": closest}}).encode()  # noqa: E731
    assert parse_available(answer(good)).date == "2013-09-19"  # type: ignore[union-attr]
    assert parse_available(json.dumps({"archived_snapshots": {}}).encode()) is None
    for bad in ({"available": False}, {"status": "404"}, {"url": "javascript:alert(1)"}, {"timestamp": "2013"}):
        assert parse_available(answer({**good, **bad})) is None
    with pytest.raises(ValueError):
        parse_available(b"[]")


def test_edit_refuses_what_it_cannot_confirm() -> None:
    """A flow-style source, a missing source and a field already present are refused."""
    text = MINIMAL.read_text(encoding="utf-8")
    with pytest.raises(EditError, match="no source"):
        add_fields(text, "x.yaml", "nope", {"archived_url": "https://a.example/"})
    once = add_fields(text, "x.yaml", "memo", {"archived_url": "https://a.example/"})
    with pytest.raises(EditError, match="already has"):
        add_fields(once, "x.yaml", "memo", {"archived_url": "https://b.example/"})
    flow = text.replace(
        "  - id: memo\n    title: Internal quality memo\n    publisher: Acme Widgets\n    url: https://acme.example/memo\n"
        "    published: 2099-02-01\n    accessed: 2099-03-20\n    type: company\n",
        "  - {id: memo, title: Internal quality memo, publisher: Acme Widgets, url: 'https://acme.example/memo', "
        "published: 2099-02-01, accessed: 2099-03-20, type: company}\n",
    )
    assert load_text(flow, "x.yaml").ok
    with pytest.raises(EditError):
        add_fields(flow, "x.yaml", "memo", {"archived_url": "https://a.example/"})


def test_edit_quotes_values_yaml_would_misread() -> None:
    """A value with ': ' or ' #' is quoted, and loads back exactly."""
    text = MINIMAL.read_text(encoding="utf-8")
    odd = "https://a.example/x #frag: y"
    edited = add_fields(text, "x.yaml", "notice", {"archived_url": odd})
    assert load_text(edited, "x.yaml").data["sources"][1]["archived_url"] == odd
