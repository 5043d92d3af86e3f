"""A deterministic generator of realistic synthetic cases, for benchmarks and scale tests.

Cases are marked synthetic (tag ``synthetic``, organizations "Synthetic Org N", links to
example.org) and pass every gate: dates never run backwards along ``caused_by``, failure modes
sit at their home stage, every source is cited. Across a corpus of at least 60 cases every
vocabulary value appears.

Sizes follow the real corpus (``cases/``, 43 cases in November 2026): chains of 3 to 40 events
around a median of 10, about 15 sources, 3 related cases, summaries of about 550 characters and
event descriptions of about 270. Text is drawn from a Zipf-distributed lexicon of a few thousand
words, so that search indexes and gzip see text with a realistic vocabulary, not a handful of
words repeated.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from collections.abc import Iterator, Sequence
from typing import Any

from casebook.countries import country_codes
from casebook.vocabulary import TermList, load_vocabulary

COMMON_WORDS = (
    "the of and to in a was for that on with by its their after company customers said would not had "
    "were which from when about more than been have into over customer trust service delay refund "
    "policy claim outage recall notice apology statement board staff airline bank account privacy "
    "default update contract price fee supplier partner video post regulator fine settlement review "
    "press release complaint agent queue holiday network system data"
)
SYLLABLES = "ba be ca co da de fa fi ga go ha ke la li ma mo na ne pa po ra re sa si ta to va ve za zu"
LEXICON_SIZE = 4000
CHAIN_MIN, CHAIN_MAX = 3, 40


@functools.cache
def _lexicon() -> tuple[list[str], list[float]]:
    """Words and cumulative Zipf weights (rank ** -1.07, as in English text)."""
    words = COMMON_WORDS.split()
    syllables = SYLLABLES.split()
    rng = random.Random("casebook-lexicon")
    seen = set(words)
    while len(words) < LEXICON_SIZE:
        word = "".join(rng.choices(syllables, k=rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(itertools.accumulate(rank**-1.07 for rank in range(1, len(words) + 1)))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words, weights = _lexicon()
    chosen = rng.choices(words, cum_weights=weights, k=rng.randint(low, high))
    if rng.random() < 0.2:
        # Figures appear in real text; each is followed by a word, so no run of digits looks like
        # a phone number to the hygiene gate.
        chosen.insert(rng.randrange(len(chosen)), f"{rng.randint(2, 950)} {rng.choice(('million', 'percent'))}")
    if len(chosen) > 8 and rng.random() < 0.5:
        chosen[len(chosen) // 2] += ","
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, low: int, high: int, words: tuple[int, int] = (10, 22)) -> str:
    return " ".join(_sentence(rng, *words) for _ in range(rng.randint(low, high)))


def _title(rng: random.Random, limit: int) -> str:
    return _sentence(rng, 5, 12)[:-1][:limit].rstrip(" ,")


def _chain_length(rng: random.Random, index: int) -> int:
    # Both ends of the range occur in every corpus of a few cases; the rest follow a log-normal
    # spread with a median of about 10 events, as in the real corpus, and a long tail.
    if index % 500 == 1:
        return CHAIN_MIN
    if index % 500 == 2:
        return CHAIN_MAX
    return max(CHAIN_MIN, min(CHAIN_MAX, round(rng.lognormvariate(2.3, 0.45))))


def _date(day: dt.date, rng: random.Random) -> str:
    # Now and then only the month is known, as in real cases.
    return day.strftime("%Y-%m") if rng.random() < 0.15 else day.isoformat()


class _Picker:
    """Cycles through a vocabulary list by case index, so a corpus uses every value."""

    def __init__(self, terms: TermList) -> None:
        self.slugs = terms.slugs

    def at(self, index: int) -> str:
        return self.slugs[index % len(self.slugs)]

    def some(self, rng: random.Random, index: int, low: int, high: int) -> list[str]:
        chosen = {self.at(index), *rng.sample(self.slugs, rng.randint(low, high) - 1)}
        return [s for s in self.slugs if s in chosen]


@functools.cache
def _modes_by_stage() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for slug, term in load_vocabulary()["failure_modes"].terms.items():
        out.setdefault(str(term.extra["home_stage"]), []).append(slug)
    return out


def _events(rng: random.Random, index: int, start: dt.date, source_ids: Sequence[str]) -> list[dict[str, Any]]:
    vocab = load_vocabulary()
    modes = vocab["failure_modes"].slugs
    by_stage = _modes_by_stage()
    kinds = vocab["event_kinds"].slugs
    events: list[dict[str, Any]] = []
    day = start
    for n in range(_chain_length(rng, index)):
        kind = "break" if n == 0 else kinds[(index + n) % len(kinds)] if n < 5 else rng.choice(kinds)
        if n == 0:
            mode = modes[index % len(modes)]
            stage = str(vocab["failure_modes"].terms[mode].extra["home_stage"])
        else:
            stage = rng.choice(vocab["stages"].slugs)
            mode = rng.choice(by_stage[stage])
        event: dict[str, Any] = {
            "id": f"e{n + 1}",
            "date": _date(day, rng),
            "title": _title(rng, 80),
            "stage": stage,
            "kind": kind,
            "layer": "latent" if rng.random() < 0.3 else "active",
            "description": _text(rng, 2, 3, (10, 20)),
            "sources": sorted({source_ids[n % len(source_ids)], rng.choice(source_ids)}),
        }
        if kind in ("break", "amplifier"):
            event["failure_mode"] = mode
        if n:
            event["caused_by"] = sorted({f"e{rng.randint(max(1, n - 3), n)}", f"e{n}"})
        events.append(event)
        day += dt.timedelta(days=rng.randint(0, 40))
    return events


def _source(rng: random.Random, index: int, n: int, sid: str, published: str, source_type: str) -> dict[str, Any]:
    source: dict[str, Any] = {
        "id": sid,
        "title": _title(rng, 110),
        "publisher": f"Synthetic Press {n}",
        "url": f"https://example.org/synthetic/{index}/{sid}",
        "published": published,
        "accessed": "2026-11-23",
        "type": source_type,
    }
    if rng.random() < 0.3:
        source["archived_url"] = f"https://web.archive.example.org/synthetic/{index}/{sid}"
    if rng.random() < 0.1:
        source["quote"] = _sentence(rng, 6, 20)[:300]
    return source


def _related(rng: random.Random, index: int, total: int, pick: dict[str, _Picker]) -> list[dict[str, Any]]:
    # Sampling from a range and dropping the case itself keeps this O(1) per case; a list of all
    # other ids would make a corpus of N cases cost O(N^2).
    want = min(total - 1, rng.choice((0, 1, 2, 3, 3, 3, 4, 4)))
    chosen = sorted(i for i in rng.sample(range(total), min(total, want + 1)) if i != index)[:want]
    return [{"id": case_id(i), "relation": pick["relations"].at(index + i)} for i in chosen]


def synth_case(index: int, seed: int, total: int) -> dict[str, Any]:
    """Return synthetic case number ``index`` of ``total`` as plain data."""
    case = _synth_case(index, seed, total)
    # Short chains do not reach every source; the last event cites the rest (R405 otherwise).
    cited = {s for e in case["chain"] for s in e["sources"]}
    last = case["chain"][-1]
    last["sources"] = sorted({*last["sources"], *(s["id"] for s in case["sources"] if s["id"] not in cited)})
    return case


_STATUSES = ("draft", "reviewed")
WITHDRAWN_EVERY = 25
"""One synthetic case in this many is withdrawn, with its reason."""


def _countries(seed: int, index: int) -> list[str]:
    # A generator of its own, so that adding regions left every other synthetic value as it was.
    rng = random.Random(f"{seed}:{index}:regions")
    return rng.sample(country_codes(), rng.randint(1, 3))


def _regions(seed: int, index: int) -> list[str]:
    return ["global"] if index % 9 == 4 else sorted(_countries(seed, index))


def _synth_case(index: int, seed: int, total: int) -> dict[str, Any]:
    rng = random.Random(f"{seed}:{index}")
    vocab = load_vocabulary()
    pick = {name: _Picker(terms) for name, terms in vocab.items()}
    year = 1980 + (index * 7 + seed) % 46
    start = dt.date(year, 1 + index % 12, 1 + index % 28)
    source_ids = [f"s{n + 1}" for n in range(round(rng.triangular(4, 25, 15)))]
    chain = _events(rng, index, start, source_ids)
    cluster = pick["crisis_clusters"].at(index)
    types = [t for t, term in vocab["crisis_types"].terms.items() if term.extra["cluster"] == cluster]
    event_ids = [e["id"] for e in chain]
    primary = pick["trust_dimensions"].at(index)
    # Cases of one cluster come every len(clusters) indexes; step through its types by that count.
    kind = types[index // len(vocab["crisis_clusters"].slugs) % len(types)]
    crisis: dict[str, Any] = {"cluster": cluster, "type": kind, "nature": pick["crisis_natures"].at(index)}
    if index % 7 == 3:
        crisis["claimed_cluster"] = pick["crisis_clusters"].at(index + 1)
        crisis["crisis_history"] = bool(index % 2)
    return {
        "id": case_id(index),
        "format_version": 2,
        "title": f"Synthetic case {index}: " + _title(rng, 90),
        "summary": _text(rng, 3, 4, (18, 30)),
        "status": "withdrawn" if index % WITHDRAWN_EVERY == 7 else _STATUSES[index % len(_STATUSES)],
        "last_reviewed": f"{min(year + 2, 2026)}-06-01",
        "organization": {
            "name": f"Synthetic Org {index}",
            "aliases": [f"SynthOrg{index}"],
            "sector": pick["sectors"].at(index),
            "country": _countries(seed, index)[0],
        },
        "regions": _regions(seed, index),
        "engagement": {"touch": pick["engagement_levels"].at(index), "scale": pick["engagement_levels"].at(index // 2)},
        "period": {"start": chain[0]["date"], "end": chain[-1]["date"]},
        "chain": chain,
        "analysis": {
            "trust_dimension": {
                "primary": primary,
                "also": [] if rng.random() < 0.6 else [pick["trust_dimensions"].at(index + 1)],
                "rationale": _text(rng, 1, 2),
            },
            "crisis": crisis,
            "detection": {
                "channel": pick["detection_channels"].at(index),
                "by": _title(rng, 80),
                "sources": source_ids[:1],
            },
            "response": {
                "strategies": pick["response_strategies"].some(rng, index, 1, 3),
                "corrective_actions": pick["corrective_actions"].some(rng, index, 1, 2),
                "voice": pick["voices"].at(index),
                "sources": source_ids[1:3],
            },
            "outcome": {
                "consequences": pick["consequences"].some(rng, index, 1, 4),
                "trust_verdict": pick["trust_verdicts"].at(index),
                "justification": _text(rng, 1, 2),
                "sources": source_ids[2:4],
            },
            "lessons": [
                {"text": _text(rng, 1, 2), "events": sorted(rng.sample(event_ids, min(2, len(event_ids))))}
                for _ in range(rng.randint(1, 5))
            ],
        },
        "impact": [
            {
                "metric": _title(rng, 60),
                "value": rng.randint(1, 10**9),
                "unit": rng.choice(["USD", "customers", "vehicles", "EUR", "accounts"]),
                "as_of": chain[-1]["date"],
                "source": rng.choice(source_ids),
                **({"note": _sentence(rng, 8, 16)} if rng.random() < 0.2 else {}),
            }
            for _ in range(rng.randint(1, 9))
        ],
        "discussion_questions": list(
            dict.fromkeys(_sentence(rng, 10, 18)[:-1] + "?" for _ in range(rng.randint(3, 5)))
        ),
        "sources": [
            _source(rng, index, n, sid, chain[0]["date"], pick["source_types"].at(index + n))
            for n, sid in enumerate(source_ids)
        ],
        "related": _related(rng, index, total, pick),
        "tags": ["synthetic"],
        "contributors": ["casebook synth"],
        "license": "CC-BY-4.0",
        **_withdrawal(index, year),
    }


def _withdrawal(index: int, year: int) -> dict[str, Any]:
    if index % WITHDRAWN_EVERY != 7:
        return {}
    return {
        "withdrawn": {
            "date": f"{min(year + 3, 2026)}-01-15",
            "reason": "A synthetic withdrawal: its sources were found wanting.",
        }
    }


def case_id(index: int) -> str:
    """The id of synthetic case ``index``."""
    return f"{1980 + index % 46}-synthetic-case-{index:05d}"


def synth_corpus(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """Yield ``count`` synthetic cases."""
    for index in range(count):
        yield synth_case(index, seed, count)
