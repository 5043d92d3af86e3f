"""Grouping entries that tell the same story, and guessing which organization a headline is about.

Two entries are one story when they share a link, when their headline tokens overlap by at least
``SAME_STORY`` (Jaccard), or when they overlap by at least ``SAME_ORG_STORY`` and name the same
organization. Clustering is single-link over entries in a fixed order, so the result does not
depend on the order feeds were read in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from casebook.feeds.text import fold, key_tokens

SAME_STORY = 0.5
SAME_ORG_STORY = 0.25

# Capitalised headline words that are not the organization a story is about: regulators, places,
# and the verbs that Title Case headlines capitalise.
# fmt: off
_NOT_ORG_WORDS = (
    "The", "A", "An", "This", "Why", "How", "What", "Breaking", "Exclusive", "Update", "Live", "Watch", "Opinion",
    "Analysis", "Report", "FTC", "CPSC", "FCA", "CMA", "FDA", "NHTSA", "CFPB", "SEC", "DOJ", "ICO", "Ofcom",
    "Ofgem", "Ofwat", "EU", "UK", "US", "USA", "U.S.", "Which", "Government", "Regulator", "Watchdog", "Court",
    "Judge", "Federal", "Trade", "Commission", "Consumer", "Financial", "Protection", "Bureau", "Authority",
    "Agency", "Recalls", "Recall", "Recalled", "Fined", "Fines", "Fine", "Sued", "Sues", "Settles", "Settlement",
    "Apologises", "Apologizes", "Apology", "Faces", "Hit", "Orders", "Order", "Finalizes", "Finalises", "Bans",
    "Ban", "Takes", "Files", "Announces", "Says", "Warns", "Launches", "Reaches", "Agrees", "Approves", "Issues",
    "Blocks", "Probes", "Probe", "Investigates", "Investigation", "Due", "Over", "After", "Amid", "Related", "To",
    "In", "On", "For", "With", "Against",
)
# fmt: on
_NOT_ORG = frozenset(fold(w).strip(".?") for w in _NOT_ORG_WORDS)
_HEAD_WORD = re.compile(r"[\w&'’.-]+")
# A capitalised word, a number-led name with a capital (3M, 7UP), or "&" inside a name.
_ORG_WORD = re.compile(r"^(?:[A-Z][\w&'’.-]*|[0-9]+[A-Z][\w&'’.-]*|&)$")

T = TypeVar("T")


def guess_organization(title: str) -> str | None:
    """Guess the organization a headline is about: its first run of capitalised words that is not a regulator or verb.

    A guess for clustering and for naming draft stubs, never a fact: stubs mark it TODO.
    """
    run: list[str] = []
    for raw in _HEAD_WORD.findall(title):
        word = raw.removesuffix("'s").removesuffix("’s").strip(".-")
        if word and _ORG_WORD.match(word) and fold(word).strip(".") not in _NOT_ORG:
            run.append(word)
            continue
        if run:
            break
    while run and run[-1] == "&":
        run.pop()
    return " ".join(run[:4]) or None


def _similar(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def same_story(title_a: str, link_a: str | None, title_b: str, link_b: str | None) -> bool:
    """Whether two entries tell the same story (see the module docstring)."""
    if link_a and link_a == link_b:
        return True
    similarity = _similar(key_tokens(title_a), key_tokens(title_b))
    if similarity >= SAME_STORY:
        return True
    org_a, org_b = guess_organization(title_a), guess_organization(title_b)
    return similarity >= SAME_ORG_STORY and org_a is not None and org_b is not None and fold(org_a) == fold(org_b)


def cluster(items: Sequence[T], describe: Callable[[T], tuple[str, str | None]]) -> list[list[T]]:
    """Group items into stories, keeping the given order within and across groups.

    Args:
        items: Entries (or anything ``describe`` can read), already in report order.
        describe: Returns an item's (title, link).

    Returns:
        Groups in order of their first item; the first item of a group leads it.
    """
    groups: list[list[T]] = []
    for item in items:
        title, link = describe(item)
        for group in groups:
            if any(same_story(title, link, *describe(other)) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups
