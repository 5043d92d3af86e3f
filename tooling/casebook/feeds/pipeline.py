"""One watch run: fetch -> parse -> keep new entries -> score -> match -> cluster -> stubs -> write.

Each step is a function of the previous step's output. Each feed is read in isolation: whatever
goes wrong with one feed (even a bug of ours or of the parser) becomes its F916 warning, and
the run goes on to write the report and the state. The run writes candidates.json, report.md
and the stubs first and the state file last, each atomically, so an interrupted run leaves the
previous state whole and the next run simply proposes the same entries again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from casebook.atomic import write_text_atomic
from casebook.feeds.bounded import PARSE_TIMEOUT, parse_with_limits
from casebook.feeds.cluster import cluster, guess_organization
from casebook.feeds.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch
from casebook.feeds.match import index_cases, match_entry
from casebook.feeds.parse import Entry
from casebook.feeds.report import render_candidates, render_report
from casebook.feeds.results import Candidate, FeedOutcome, Mention, WatchResult
from casebook.feeds.score import score_entry
from casebook.feeds.sources import Feed
from casebook.feeds.state import FeedState, WatchState, save_state
from casebook.feeds.stubs import render_stub, stub_id
from casebook.feeds.text import one_line, scrub
from casebook.model import Case

MIN_SCORE = 4.0
"""Entries scoring below this are not candidates: one headline signal of weight 2 is enough."""
STUB_SCORE = 10.0
"""Candidates scoring at least this get a draft stub: two kinds of signal in the headline, or a strong feed."""
MAX_STUBS = 10
"""At most this many stubs per run, best first, so a noisy week cannot bury the triage."""
FEEDS_BONUS_CAP = 3
"""A story reported by several feeds gains one point per extra feed, up to this many."""

Say = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    """What a run needs besides the feeds, the corpus and the state."""

    out: Path
    template: Path
    today: dt.date
    since: dt.date | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    parse_timeout: float = PARSE_TIMEOUT
    min_score: float = MIN_SCORE
    stub_score: float = STUB_SCORE
    max_stubs: int = MAX_STUBS


@dataclass(frozen=True)
class _Scored:
    entry: Entry
    feed: Feed
    score: float
    reasons: tuple[str, ...]
    matched: str | None

    def order(self) -> tuple[float, str, str, str, str]:
        e = self.entry
        return (-self.score, e.title.casefold(), e.feed, e.link or "", e.published or "")


def _quiet(_: str) -> None:
    return None


def _validator(value: str | None) -> str | None:
    # Sent back as a request header next time: a control character there would make every later
    # fetch of the feed fail, so such a value is not kept.
    return value if value and value.isprintable() and len(value) <= 1024 else None


class _Reader:
    """Reads one feed after another into outcomes and fresh entries, updating the state."""

    def __init__(self, feeds: Sequence[Feed], state: WatchState, settings: Settings, progress: Say, warn: Say):
        self.feeds, self.state, self.settings, self.progress, self.warn = feeds, state, settings, progress, warn
        self.known = set(state.seen)
        self.outcomes: list[FeedOutcome] = []
        self.fresh: list[tuple[Feed, Entry]] = []

    def fail(self, feed: Feed, code: str, reason: str) -> None:
        reason = one_line(reason)
        self.outcomes.append(FeedOutcome(feed.name, feed.url, "failed", code=code, reason=reason))
        self.warn(f"warning: {feed.name}: {code} {reason}")

    def read(self, number: int, feed: Feed) -> None:
        settings, state = self.settings, self.state
        where = f"[{number}/{len(self.feeds)}] {feed.name}"
        self.progress(f"{where}: fetching {feed.url}")
        validators = state.feeds.get(feed.url, FeedState())
        got = fetch(
            feed.url,
            timeout=settings.timeout,
            max_bytes=settings.max_bytes,
            etag=validators.etag,
            last_modified=validators.last_modified,
        )
        if got.status == "not_modified":
            self.outcomes.append(FeedOutcome(feed.name, feed.url, "not_modified"))
            self.progress(f"{where}: unchanged since the last run")
            return
        if got.status != "ok":
            self.fail(feed, got.code, got.reason)
            return
        parsed = parse_with_limits(
            got.body, feed.name, url=got.url, headers=got.headers, timeout=settings.parse_timeout
        )
        if parsed.problem:
            self.fail(feed, parsed.code, parsed.problem)
            return
        for skipped in parsed.skipped:
            self.warn(f"warning: {feed.name}: F917 {one_line(skipped)}")
        if feed.url.startswith(("http:", "https:")):  # validators mean nothing for file: URLs
            state.feeds[feed.url] = FeedState(etag=_validator(got.etag), last_modified=_validator(got.last_modified))
        since = settings.since.isoformat() if settings.since else None
        kept = [e for e in parsed.entries if not (since and e.published and e.published < since)]
        new = [e for e in kept if e.uid not in self.known]
        state.seen.update((e.uid, settings.today.isoformat()) for e in kept)
        self.fresh += [(feed, e) for e in new]
        lost = len(parsed.skipped)
        notes = [parsed.note] if parsed.note else []
        if lost:
            notes.append(f"F917: {lost} {'entry' if lost == 1 else 'entries'} skipped")
        note = one_line("; ".join(notes)) if notes else None
        self.outcomes.append(
            FeedOutcome(feed.name, feed.url, "ok", entries=len(parsed.entries), new=len(new), note=note)
        )
        self.progress(f"{where}: {len(parsed.entries)} entries, {len(new)} new")


def read_feeds(
    feeds: Sequence[Feed], state: WatchState, settings: Settings, *, progress: Say = _quiet, warn: Say = _quiet
) -> tuple[list[FeedOutcome], list[tuple[Feed, Entry]]]:
    """Fetch and parse every feed; return how each went and the entries not seen before.

    Updates ``state`` in place: validators of feeds read successfully, and today's date on every
    entry kept (new or not), so the next run knows them. A feed whose reading raises anything
    at all is reported as F916 and leaves the state as it was for that feed.
    """
    reader = _Reader(feeds, state, settings, progress, warn)
    for number, feed in enumerate(feeds, start=1):
        before = (len(reader.outcomes), len(reader.fresh), dict(state.seen), state.feeds.get(feed.url))
        try:
            reader.read(number, feed)
        except Exception as exc:  # one feed's failure, whatever it is, never stops the run
            del reader.outcomes[before[0] :], reader.fresh[before[1] :]
            state.seen = before[2]
            if before[3] is None:
                state.feeds.pop(feed.url, None)
            else:
                state.feeds[feed.url] = before[3]
            reader.fail(feed, "F916", f"could not be read: {type(exc).__name__}: {exc}")
    return reader.outcomes, reader.fresh


def _score(pairs: Sequence[tuple[Feed, Entry]], cases: Sequence[Case], min_score: float) -> list[_Scored]:
    index = index_cases(cases)
    scored = []
    for feed, entry in pairs:
        score = score_entry(entry, weight=feed.weight)
        if score.value < min_score:
            continue
        match = match_entry(entry.title, entry.summary, index)
        reasons = score.reasons + ((match.reason(),) if match else ())
        scored.append(_Scored(entry, feed, score.value, reasons, match.case_id if match else None))
    return sorted(scored, key=_Scored.order)


def _story(group: list[_Scored]) -> tuple[Candidate, _Scored]:
    lead = group[0]
    others = tuple(dict.fromkeys(Mention(s.entry.feed, s.entry.title, s.entry.link) for s in group[1:]))
    feeds = {s.entry.feed for s in group}
    bonus = min(len(feeds) - 1, FEEDS_BONUS_CAP)
    reasons = lead.reasons + ((f"reported by {len(feeds)} feeds (+{bonus})",) if bonus else ())
    matched = next((s.matched for s in group if s.matched), None)
    e = lead.entry
    candidate = Candidate(
        title=e.title, link=e.link, feed=e.feed, published=e.published, summary=e.summary,
        score=round(lead.score + bonus, 1), reasons=reasons, matched_case=matched, also_reported=others,
    )  # fmt: skip
    return candidate, lead


def build_candidates(
    pairs: Sequence[tuple[Feed, Entry]], cases: Sequence[Case], settings: Settings
) -> tuple[list[Candidate], dict[str, str]]:
    """Score, match and cluster new entries; draft stubs for the strongest unmatched stories.

    Returns:
        The candidate stories best first, and the stub texts by file name.
    """
    groups = cluster(_score(pairs, cases, settings.min_score), lambda s: (s.entry.title, s.entry.link))
    stories = sorted((_story(g) for g in groups), key=lambda pair: pair[0].sort_key())
    template = settings.template.read_text(encoding="utf-8")
    taken = {c.id for c in cases}
    candidates: list[Candidate] = []
    stubs: dict[str, str] = {}
    for candidate, lead in stories:
        wanted = candidate.matched_case is None and candidate.score >= settings.stub_score and candidate.link
        if wanted and len(stubs) < settings.max_stubs:
            organization = guess_organization(lead.entry.title)
            case_id = stub_id(lead.entry, organization, settings.today, taken)
            name = f"{case_id}.yaml"
            stubs[name] = render_stub(
                template, case_id=case_id, entry=lead.entry, feed=lead.feed, organization=organization
            )
            candidate = replace(candidate, stub=f"stubs/{name}")
        candidates.append(candidate)
    return candidates, stubs


def write_outputs(out: Path, result: WatchResult, stubs: dict[str, str]) -> None:
    """Write candidates.json, report.md and stubs/ under ``out``, each file atomically."""
    # scrub: the last guard, so no character a feed smuggled past the parser can stop the write.
    write_text_atomic(out / "candidates.json", scrub(render_candidates(result)))
    write_text_atomic(out / "report.md", scrub(render_report(result)))
    for name, text in sorted(stubs.items()):
        write_text_atomic(out / "stubs" / name, scrub(text))


def run_watch(
    feeds: Sequence[Feed],
    cases: Sequence[Case],
    state: WatchState,
    state_path: Path,
    settings: Settings,
    *,
    progress: Say = _quiet,
    warn: Say = _quiet,
) -> WatchResult:
    """Run the whole watch: read feeds, build candidates, write the outputs, then save the state.

    Args:
        feeds: The feeds, from the sources file.
        cases: The valid cases of the corpus, to match against.
        state: The state loaded from ``state_path`` (updated in place).
        state_path: Where the state is saved, last.
        settings: Output folder, template, thresholds and fetch limits.
        progress: Called with one line per step (the CLI shows them on a terminal).
        warn: Called with one line per failed feed.

    Returns:
        What the run found; the files are already written.
    """
    outcomes, fresh = read_feeds(feeds, state, settings, progress=progress, warn=warn)
    candidates, stubs = build_candidates(fresh, cases, settings)
    since = settings.since.isoformat() if settings.since else None
    result = WatchResult(feeds=outcomes, candidates=candidates, new_entries=len(fresh), since=since)
    write_outputs(settings.out, result, stubs)
    save_state(state_path, state, settings.today)
    return result
