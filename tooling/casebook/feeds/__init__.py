"""The news watch: read feeds, score entries for trust-failure signals, propose candidate cases.

One module per job: ``sources`` (the feeds file), ``fetch`` (HTTP with limits), ``parse``
(feedparser from bytes, HTML to text), ``score`` with its ``signals`` table, ``match`` (against
existing cases), ``cluster`` (same story across feeds), ``stubs`` (draft cases), ``report``,
``state`` (what was seen) and ``pipeline``, which runs them in order. It proposes; a person decides.
"""

from __future__ import annotations
