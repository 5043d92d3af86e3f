"""What one watch run found: per-feed outcomes and the candidate stories, ready to report."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    """Another feed's entry for the same story."""

    feed: str
    title: str
    link: str | None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        return {"feed": self.feed, "title": self.title, "link": self.link}


@dataclass(frozen=True)
class Candidate:
    """One story: its leading entry, score, reasons, and what became of it."""

    title: str
    link: str | None
    feed: str
    published: str | None
    summary: str
    score: float
    reasons: tuple[str, ...]
    matched_case: str | None = None
    also_reported: tuple[Mention, ...] = ()
    stub: str | None = None

    def sort_key(self) -> tuple[float, str, str, str, str]:
        """Highest score first; ties by title, feed, link and date, so the order never depends on fetch order."""
        return (-self.score, self.title.casefold(), self.feed, self.link or "", self.published or "")

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping with stable keys."""
        return {
            "title": self.title,
            "link": self.link,
            "feed": self.feed,
            "published": self.published,
            "score": self.score,
            "reasons": list(self.reasons),
            "matched_case": self.matched_case,
            "also_reported": [m.to_json() for m in self.also_reported],
            "stub": self.stub,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class FeedOutcome:
    """How reading one feed went.

    ``status`` is ``ok``, ``not_modified`` or ``failed``; failures carry an F9xx ``code``.
    """

    name: str
    url: str
    status: str
    entries: int = 0
    new: int = 0
    code: str = ""
    reason: str = ""
    note: str | None = None


@dataclass
class WatchResult:
    """Everything a run produced."""

    feeds: list[FeedOutcome] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    new_entries: int = 0
    since: str | None = None

    @property
    def failures(self) -> list[FeedOutcome]:
        """Feeds that could not be read."""
        return [f for f in self.feeds if f.status == "failed"]

    @property
    def proposed(self) -> list[Candidate]:
        """Candidates not already in the casebook, best first."""
        return [c for c in self.candidates if c.matched_case is None]

    @property
    def matched(self) -> list[Candidate]:
        """Candidates that match an existing case."""
        return [c for c in self.candidates if c.matched_case is not None]

    @property
    def stubs(self) -> list[Candidate]:
        """Candidates that got a draft stub."""
        return [c for c in self.candidates if c.stub]
