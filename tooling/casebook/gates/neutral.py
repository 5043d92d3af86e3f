"""Neutral language (H805): loaded words in our own prose, outside quotations.

Casebook describes failures; it does not scold. A word such as "disastrous" or "obviously" in a
summary tells the reader what to feel instead of what happened (issue 18, item 4). Sources may
use such words, so source entries, `quote` fields and text inside quotation marks are not
checked; a quoted word that still trips the check (a block of text that paraphrases a report's
own term) is allowed by a comment `# casebook: allow-word <word>` on the value's first line or the
line above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casebook.diagnostics import Diagnostic, Severity
from casebook.loading import JsonPath, LoadResult

# The one list of loaded words; keep it short: each entry must be a judgement, never a fact.
LOADED_WORDS = (
    "appalling",
    "clearly",
    "disastrous",
    "greedy",
    "horrific",
    "idiot",
    "idiotic",
    "idiots",
    "incompetent",
    "obviously",
    "outrageous",
    "scandalous",
    "shameful",
    "shocking",
)
LOADED = re.compile(r"\b(?:" + "|".join(LOADED_WORDS) + r")\b", re.IGNORECASE)
# Text in straight or curly double quotes, or curly single quotes, is someone else's words.
QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019")
# Whole subtrees that hold other people's words or machine values, not our prose.
SKIP_TOP = frozenset({"sources", "id", "related"})
SKIP_KEYS = frozenset({"quote", "url", "archived_url", "id", "source", "sources"})
ALLOW = re.compile(r"#\s*casebook:\s*allow-word\s+([A-Za-z ,-]+)")


def _strings(value: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if (not path and key in SKIP_TOP) or key in SKIP_KEYS:
                continue
            yield from _strings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, (*path, index))


def allowed_words(source: str) -> dict[int, frozenset[str]]:
    """Line number -> words that line's `# casebook: allow-word` comment allows."""
    found: dict[int, frozenset[str]] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        if match := ALLOW.search(line):
            words = re.split(r"[\s,]+", match.group(1).strip().lower())
            found[number] = frozenset(w for w in words if w)
    return found


def check(loaded: LoadResult) -> Iterator[Diagnostic]:
    """Warn (H805) about each loaded word in our own prose that no comment allows."""
    allowed = loaded.allowed_words
    for path, text in _strings(loaded.data):
        if not LOADED.search(text):
            continue
        line, _ = loaded.locate(path)
        permitted = allowed.get(line, frozenset()) | allowed.get(line - 1, frozenset())
        for match in LOADED.finditer(QUOTED.sub(" ", text)):
            word = match.group().lower()
            if word in permitted:
                continue
            yield loaded.diagnostic(
                path,
                "H805",
                f"loaded word '{match.group()}' in our own prose: say what happened instead; "
                "quote it if it is a source's word",
                severity=Severity.WARNING,
            )
