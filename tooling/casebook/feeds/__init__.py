"""The news watch: read feeds, score entries for trust-failure signals, propose candidate cases.

One module per job: ``sources`` (the feeds file), ``fetch`` (HTTP with limits), ``parse``
(feedparser from bytes, HTML to text), ``score`` with its ``signals`` table, ``match`` (against
existing cases), ``cluster`` (same story across feeds), ``stubs`` (draft cases), ``report``,
``state`` (what was seen) and ``pipeline``, which runs them in order. It proposes; a person decides.
"""

from __future__ import annotations

from casebook.feeds.pipeline import Settings, run_watch
from casebook.feeds.results import Candidate, FeedOutcome, WatchResult
from casebook.feeds.sources import Feed, SourcesResult, load_sources

__all__ = ["Candidate", "Feed", "FeedOutcome", "Settings", "SourcesResult", "WatchResult", "load_sources", "run_watch"]
