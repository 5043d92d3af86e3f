"""Matching entries against the cases already in the casebook.

An entry matches a case when it names the case's organization (its name or one of its
``aliases``, as a whole phrase) **and** shares at least one topic word with the case title (the
title's words other than the organization's and stopwords). "Toyota recalls Prius" matches
*Toyota's unintended-acceleration recalls*; "Toyota opens a plant" does not. A matched entry is
listed under "already in the casebook" instead of being proposed again; a person can still
decide it is a new case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casebook.feeds.text import key_tokens, stem, words
from casebook.model import Case

# Legal-form words say nothing about which company is meant.
# fmt: off
_LEGAL_FORMS = frozenset((
    "inc", "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation", "co", "company", "group",
    "holdings", "sa", "ag", "gmbh", "nv", "bv", "se",
))
# fmt: on
# Title words too general to tie news to one case.
_GENERIC = frozenset(key_tokens("case customer customers trust failure crisis scandal response public"))


@dataclass(frozen=True)
class CaseKey:
    """What an entry must mention to be about one case."""

    id: str
    names: tuple[tuple[str, ...], ...]
    topic: frozenset[str]


@dataclass(frozen=True)
class Match:
    """The case an entry is about, and the evidence."""

    case_id: str
    name: str
    topic: tuple[str, ...]

    def reason(self) -> str:
        """One line for the report."""
        return f"already a case: {self.case_id} (names '{self.name}', shares '{', '.join(self.topic)}')"


def name_words(name: str) -> tuple[str, ...]:
    """The words of an organization name without its legal form (``Acme Widgets Inc.`` -> acme widgets)."""
    found = [w for w in words(name) if w not in _LEGAL_FORMS]
    return tuple(found)


def index_cases(cases: Iterable[Case]) -> tuple[CaseKey, ...]:
    """Build the match keys for a corpus, ordered by case id."""
    keys = []
    for case in sorted(cases, key=lambda c: c.id):
        names = {name_words(n) for n in (case.organization.name, *case.organization.aliases)}
        names.discard(())
        name_stems = {stem(w) for n in names for w in n}
        topic = key_tokens(case.title) - name_stems - _GENERIC
        keys.append(CaseKey(id=case.id, names=tuple(sorted(names)), topic=topic))
    return tuple(keys)


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return any(tuple(haystack[i : i + size]) == tuple(needle) for i in range(len(haystack) - size + 1))


def match_entry(title: str, summary: str, index: Sequence[CaseKey]) -> Match | None:
    """Find the case an entry is about, if any.

    Args:
        title: Plain-text headline.
        summary: Plain-text summary.
        index: Keys from ``index_cases``.

    Returns:
        The best match (most shared topic words, then longest name, then case id), or None.
    """
    text = f"{title} {summary}"
    seen = words(text)
    tokens = key_tokens(text)
    best: tuple[int, int, str] | None = None
    found: Match | None = None
    for key in index:
        names = [n for n in key.names if _contains(seen, n)]
        shared = tuple(sorted(key.topic & tokens))
        if not names or not shared:
            continue
        name = max(names, key=len)
        rank = (-len(shared), -len(name), key.id)
        if best is None or rank < best:
            best, found = rank, Match(case_id=key.id, name=" ".join(name), topic=shared)
    return found
