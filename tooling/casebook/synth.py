"""A deterministic generator of realistic synthetic cases, for benchmarks and scale tests.

Cases are marked synthetic (tag ``synthetic``, organizations "Synthetic Org N", links to
example.org) and pass every gate: dates never run backwards along ``caused_by``, failure modes
sit at their home stage, every source is cited. Across a corpus of at least 30 cases every
vocabulary value appears.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from typing import Any

from casebook.vocabulary import TermList, load_vocabulary

WORDS = [
    "customer",
    "trust",
    "service",
    "delay",
    "refund",
    "policy",
    "claim",
    "outage",
    "recall",
    "notice",
    "apology",
    "statement",
    "board",
    "staff",
    "airline",
    "bank",
    "account",
    "privacy",
    "default",
    "update",
    "contract",
    "price",
    "fee",
    "supplier",
    "partner",
    "video",
    "post",
    "regulator",
    "fine",
    "settlement",
    "review",
    "press",
    "release",
    "complaint",
    "agent",
    "queue",
    "holiday",
    "network",
    "system",
    "data",
]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, 8, 18) for _ in range(sentences))


def _chain_length(rng: random.Random) -> int:
    # Most real chains have 6 to 14 events; a long tail reaches 40.
    return max(3, min(40, round(rng.lognormvariate(2.2, 0.45))))


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


def _modes_by_stage() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for slug, term in load_vocabulary()["failure_modes"].terms.items():
        out.setdefault(str(term.extra["home_stage"]), []).append(slug)
    return out


def _events(rng: random.Random, index: int, start: dt.date, source_ids: Sequence[str]) -> list[dict[str, Any]]:
    vocab = load_vocabulary()
    modes = vocab["failure_modes"].slugs
    by_stage = _modes_by_stage()
    kinds = ["break", "amplifier", "response", "recovery", "context"]
    events: list[dict[str, Any]] = []
    day = start
    for n in range(_chain_length(rng)):
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
            "title": _sentence(rng, 3, 8)[:80],
            "stage": stage,
            "kind": kind,
            "layer": "latent" if rng.random() < 0.3 else "active",
            "description": _text(rng, rng.randint(2, 3)),
            "sources": sorted({source_ids[n % len(source_ids)], rng.choice(source_ids)}),
        }
        if kind in ("break", "amplifier"):
            event["failure_mode"] = mode
        if n:
            event["caused_by"] = sorted({f"e{rng.randint(max(1, n - 3), n)}", f"e{n}"})
        events.append(event)
        day += dt.timedelta(days=rng.randint(0, 40))
    return events


def synth_case(index: int, seed: int, total: int) -> dict[str, Any]:
    """Return synthetic case number ``index`` of ``total`` as plain data."""
    case = _synth_case(index, seed, total)
    # Short chains do not reach every source; the last event cites the rest (R405 otherwise).
    cited = {s for e in case["chain"] for s in e["sources"]}
    last = case["chain"][-1]
    last["sources"] = sorted({*last["sources"], *(s["id"] for s in case["sources"] if s["id"] not in cited)})
    return case


def _synth_case(index: int, seed: int, total: int) -> dict[str, Any]:
    rng = random.Random(f"{seed}:{index}")
    vocab = load_vocabulary()
    pick = {name: _Picker(terms) for name, terms in vocab.items()}
    year = 1980 + (index * 7 + seed) % 46
    start = dt.date(year, 1 + index % 12, 1 + index % 28)
    source_ids = [f"s{n + 1}" for n in range(rng.randint(4, 8))]
    chain = _events(rng, index, start, source_ids)
    cluster = pick["crisis_clusters"].at(index)
    types = [t for t, term in vocab["crisis_types"].terms.items() if term.extra["cluster"] == cluster]
    others = [i for i in range(total) if i != index]
    event_ids = [e["id"] for e in chain]
    return {
        "id": case_id(index),
        "title": f"Synthetic case {index}: " + _sentence(rng, 4, 9)[:-1],
        "summary": _text(rng, 3),
        "status": pick["statuses"].at(index),
        "last_reviewed": f"{min(year + 2, 2026)}-06-01",
        "organization": {
            "name": f"Synthetic Org {index}",
            "aliases": [f"SynthOrg{index}"],
            "sector": pick["sectors"].at(index),
            "region": "Nowhere",
        },
        "engagement": {"touch": pick["engagement_levels"].at(index), "scale": pick["engagement_levels"].at(index // 2)},
        "period": {"start": chain[0]["date"], "end": chain[-1]["date"]},
        "chain": chain,
        "analysis": {
            "trust_dimension": {
                "primary": pick["trust_dimensions"].at(index),
                "also": [],
                "rationale": _sentence(rng, 10, 20),
            },
            "crisis": {
                "cluster": cluster,
                "type": types[index % len(types)],
                "nature": pick["crisis_natures"].at(index),
            },
            "detection": {
                "channel": pick["detection_channels"].at(index),
                "by": _sentence(rng, 2, 5),
                "sources": source_ids[:1],
            },
            "response": {
                "strategies": pick["response_strategies"].some(rng, index, 1, 3),
                "corrective_actions": pick["corrective_actions"].some(rng, index, 1, 2),
                "voice": pick["voices"].at(index),
                "sources": source_ids[1:2],
            },
            "outcome": {
                "consequences": pick["consequences"].some(rng, index, 1, 3),
                "trust_verdict": pick["trust_verdicts"].at(index),
                "justification": _sentence(rng, 10, 18),
                "sources": source_ids[2:3],
            },
            "lessons": [
                {"text": _sentence(rng, 8, 16), "events": sorted(rng.sample(event_ids, min(2, len(event_ids))))}
                for _ in range(2)
            ],
        },
        "impact": [
            {
                "metric": _sentence(rng, 2, 5)[:-1],
                "value": rng.randint(1, 10**9),
                "unit": rng.choice(["USD", "customers", "vehicles"]),
                "as_of": chain[-1]["date"],
                "source": rng.choice(source_ids),
            }
            for _ in range(rng.randint(1, 4))
        ],
        "discussion_questions": [_sentence(rng, 8, 14)[:-1] + "?" for _ in range(rng.randint(3, 5))],
        "sources": [
            {
                "id": sid,
                "title": _sentence(rng, 4, 10)[:-1],
                "publisher": f"Synthetic Press {n}",
                "url": f"https://example.org/synthetic/{index}/{sid}",
                "published": chain[0]["date"],
                "accessed": "2026-11-23",
                "type": pick["source_types"].at(index + n),
            }
            for n, sid in enumerate(source_ids)
        ],
        "related": [
            {"id": case_id(i), "relation": pick["relations"].at(index + i)}
            for i in sorted(rng.sample(others, min(len(others), rng.randint(0, 3))))
        ],
        "tags": ["synthetic"],
        "contributors": ["casebook synth"],
        "license": "CC-BY-4.0",
    }


def case_id(index: int) -> str:
    """The id of synthetic case ``index``."""
    return f"{1980 + index % 46}-synthetic-case-{index:05d}"


def synth_corpus(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """Yield ``count`` synthetic cases."""
    for index in range(count):
        yield synth_case(index, seed, count)
