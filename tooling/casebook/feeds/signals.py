"""The signal table: which words suggest a customer-trust failure, and how much each kind counts.

This is data. Scoring reads ``SIGNALS`` and ``ROUTINE`` and nothing else, so tuning the watch
means editing this table (and its test), never the scoring code. Patterns are regular
expressions matched as whole words against folded text (lower case, accents removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Signal:
    """One kind of signal: its weight and the phrases that show it."""

    kind: str
    weight: int
    label: str
    patterns: tuple[str, ...]

    def regex(self) -> re.Pattern[str]:
        """One compiled alternation of the patterns, anchored at word boundaries."""
        return re.compile(r"\b(?:" + "|".join(self.patterns) + r")\b")


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "recall",
        3,
        "recall",
        (r"recall(?:s|ed|ing)?", r"withdrawn from sale", r"product withdrawal", r"do not (?:use|drive|eat)"),
    ),
    Signal(
        "breach",
        3,
        "data breach or hack",
        (
            r"data breach(?:es)?",
            r"breach(?:es|ed)?",
            r"hack(?:s|ed|ers?)?",
            r"cyber ?attacks?",
            r"ransomware",
            r"data leaks?",
            r"leaked",
            r"exposed (?:customer|personal|user)s?'? (?:data|details|records)",
        ),
    ),
    Signal(
        "outage",
        2,
        "outage",
        (
            r"outages?",
            r"service disruptions?",
            r"went down",
            r"down for (?:hours|days)",
            r"it (?:failure|glitch|meltdown)",
            r"glitch(?:es)?",
            r"meltdown",
            r"systems? failure",
        ),
    ),
    Signal("apology", 2, "apology", (r"apologi[sz](?:e|es|ed|ing)", r"apology", r"says sorry", r"sorry")),
    Signal(
        "backlash",
        2,
        "backlash",
        (
            r"backlash",
            r"outrage",
            r"uproar",
            r"furious",
            r"angry (?:customers|users|fans|passengers|shoppers)",
            r"criticism",
            r"critici[sz]ed",
            r"petition",
            r"anger",
        ),
    ),
    Signal("boycott", 3, "boycott", (r"boycotts?", r"boycotted", r"boycotting")),
    Signal(
        "fine",
        3,
        "fine or penalty",
        (
            r"fined",
            r"fines?",
            r"penalt(?:y|ies)",
            r"civil penalty",
            r"settl(?:e|es|ed|ing|ement|ements)",
            r"to pay \$?[0-9.,]+ ?(?:m|bn|million|billion)",
        ),
    ),
    Signal(
        "lawsuit",
        2,
        "lawsuit",
        (r"lawsuits?", r"sued", r"sues", r"suing", r"class[- ]action", r"litigation", r"legal action"),
    ),
    Signal(
        "regulator",
        2,
        "regulator action",
        (
            r"investigat(?:e|es|ed|ing|ion|ions)",
            r"probes?",
            r"probed",
            r"enforcement action",
            r"cease[- ]and[- ]desist",
            r"warning letter",
            r"ban(?:s|ned)?",
            r"order(?:s|ed)? [a-z ]{0,40}to (?:stop|refund|pay|delete)",
        ),
    ),
    Signal(
        "deception",
        3,
        "deception or unfair practice",
        (
            r"mislead(?:s|ing)?",
            r"misled",
            r"deceptive",
            r"deceiv(?:e|ed|es|ing)",
            r"false (?:advertising|claims?)",
            r"hidden fees?",
            r"junk fees?",
            r"dark patterns?",
            r"fraud(?:ulent)?",
            r"scams?",
            r"greenwash(?:ing)?",
            r"bait[- ]and[- ]switch",
            r"unfair (?:practices?|terms)",
        ),
    ),
    Signal(
        "terms",
        2,
        "terms or price change",
        (
            r"terms (?:of service|and conditions|of use)",
            r"privacy policy",
            r"price (?:hike|rise|increase)s?",
            r"subscription (?:changes?|prices?)",
            r"chang(?:e|es|ed|ing) (?:its|their) terms",
            r"shrinkflation",
        ),
    ),
    Signal(
        "harm",
        2,
        "injury or harm",
        (
            r"injur(?:y|ies|ed)",
            r"deaths?",
            r"died",
            r"(?:fire|burn|choking|fall|shock|laceration) hazards?",
            r"contaminat(?:ed|ion)",
            r"salmonella",
            r"listeria",
        ),
    ),
    Signal(
        "privacy",
        2,
        "privacy",
        (r"privacy", r"personal data", r"tracking", r"surveillance", r"without (?:their )?consent", r"data protection"),
    ),
    Signal(
        "customer_harm",
        1,
        "customers out of pocket",
        (
            r"refunds?",
            r"compensation",
            r"complaints?",
            r"stranded",
            r"overcharg(?:e|es|ed|ing)",
            r"cancell?ed (?:flights|orders|trains)",
            r"locked out",
        ),
    ),
)
"""Kinds of trust-failure signal, strongest first within a rough order of severity."""

ROUTINE = Signal(
    "routine",
    -2,
    "routine business news",
    (
        r"launch(?:es|ed)?",
        r"unveil(?:s|ed)?",
        r"earnings",
        r"quarterly (?:results|profits?)",
        r"profits? (?:rise|jump|up)",
        r"partnership",
        r"appoints?",
        r"hires?",
        r"new (?:ceo|chief executive)",
        r"ipo",
        r"share price",
        r"deals? of the (?:day|week)",
        r"best [a-z ]{0,30}deals",
        r"how to",
        r"gift guide",
    ),
)
"""Phrases of routine product and business news; each hit lowers the score."""

TITLE_FACTOR = 2
"""A signal in the headline counts this many times its weight; in the summary only, once."""

CO_OCCURRENCE_BONUS = 2
"""Added for each signal kind beyond the first: a recall *and* an apology *and* a fine is a story."""

CO_OCCURRENCE_CAP = 6
"""The co-occurrence bonus never exceeds this."""

ROUTINE_CAP = 2
"""At most this many routine hits are subtracted."""
