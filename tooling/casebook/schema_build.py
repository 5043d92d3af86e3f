"""Builds schema/case.schema.json from this structure plus the vocabulary's lists.

The schema file is generated, committed, and checked by a test to equal what this module
builds, so the enums and the vocabulary cannot drift apart. Run ``make schema`` (``casebook
schema --write``) after changing either.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from casebook import schema_v2
from casebook.vocabulary import TermList

SCHEMA_ID = "https://casebook.example.org/schema/case.schema.json"
"""Stable identifier of the case schema (an identifier, not a URL that is fetched)."""

# $defs name -> vocabulary list name
VOCAB_DEFS: dict[str, str] = {
    "stage": "stages",
    "failure_mode": "failure_modes",
    "event_kind": "event_kinds",
    "layer": "layers",
    "trust_dimension": "trust_dimensions",
    "crisis_cluster": "crisis_clusters",
    "crisis_type": "crisis_types",
    "crisis_nature": "crisis_natures",
    "response_strategy": "response_strategies",
    "corrective_action": "corrective_actions",
    "voice": "voices",
    "detection_channel": "detection_channels",
    "consequence": "consequences",
    "trust_verdict": "trust_verdicts",
    "engagement_level": "engagement_levels",
    "sector": "sectors",
    "source_type": "source_types",
    "relation": "relations",
    "status": "statuses",
}


def whole(pattern: str) -> str:
    """Anchor ``^...$`` at the true end of the text, in ECMA-262 and in Python's ``re`` alike.

    Python's ``$`` (which jsonschema uses) also matches before a final newline, so ``defect\\n``
    passed as an event id (issue 12, item 8). ``(?!\\n)$`` means the same in both dialects.
    Digits are written ``[0-9]``: Python's ``\\d`` also takes other scripts' digits.
    """
    return pattern.removesuffix("$") + r"(?!\n)$"


PARTIAL_DATE = whole(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
FULL_DATE = whole(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
SLUG_ID = whole(r"^[a-z0-9][a-z0-9_-]*$")
CASE_ID = whole(r"^(19|20)[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)+$")


# The schema-part helpers live in schema_v2 (one copy); v1 lists default to unique items.
_ref, _text, _object = schema_v2._ref, schema_v2._text, schema_v2._object


def _list(items: dict[str, Any], description: str, *, min_items: int = 0, unique: bool = True) -> dict[str, Any]:
    return schema_v2._list(items, description, min_items=min_items, unique=unique)


def _source_ids(description: str) -> dict[str, Any]:
    return _list(_ref("source_id", "Id of an entry in `sources`."), description, min_items=1)


def _defs(vocabulary: Mapping[str, TermList]) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for name, list_name in VOCAB_DEFS.items():
        terms = vocabulary[list_name]
        defs[name] = {"description": terms.description.strip(), "enum": terms.slugs}
    defs["partial_date"] = {
        "description": "An ISO 8601 date known to the day (2010-02-09), the month (2010-02) or the year (2010).",
        "anyOf": [
            {"type": "string", "pattern": PARTIAL_DATE},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "x-message": "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
    }
    defs["full_date"] = {
        "description": "An ISO 8601 calendar date, YYYY-MM-DD.",
        "type": "string",
        "pattern": FULL_DATE,
        "x-message": "is not a date of the form YYYY-MM-DD",
    }
    defs["http_url"] = {
        "description": "An absolute http:// or https:// link.",
        "type": "string",
        "pattern": whole(r"^https?://[^\s]+$"),
        "x-code": "H800",
        "x-message": "is not an http(s) link; only http:// and https:// links are allowed",
    }
    defs["event_id"] = {"description": "Id of an event in this case's chain.", "type": "string", "pattern": SLUG_ID}
    defs["source_id"] = {"description": "Id of a source in this case.", "type": "string", "pattern": SLUG_ID}
    defs["case_id"] = {
        "description": "A case id: <year>-<organization>-<slug>, lower case, words joined by hyphens.",
        "type": "string",
        "pattern": CASE_ID,
        "x-message": "is not a case id of the form <year>-<org>-<slug> (lower case, hyphens)",
    }
    defs["event"] = _event()
    defs["source"] = _source()
    defs.update(schema_v2.v2_defs(vocabulary))
    return defs


def _event() -> dict[str, Any]:
    return _object(
        "One link in the failure chain: something that happened at one stage, on one date.",
        {
            "id": {
                "$ref": "#/$defs/event_id",
                "description": "Short id, unique in this case; the anchor of the event on its page.",
            },
            "date": _ref("partial_date", "When it happened, as precisely as the sources say."),
            "title": _text("A short label for the chain graph (at most 80 characters).", max_length=80),
            "stage": _ref("stage", "The customer-chain stage where it happened."),
            "kind": _ref("event_kind", "What the event is: a break, an amplifier, a response, a recovery or context."),
            "failure_mode": _ref("failure_mode", "How the link failed; required for breaks and amplifiers only."),
            "layer": _ref("layer", "Latent condition or active failure (Reason)."),
            "description": _text("What happened, in two or three sentences of our own words.", min_length=20),
            "caused_by": _list(
                _ref("event_id", "Id of an earlier event in this chain."), "Events that led to this one."
            ),
            "sources": _source_ids("Sources that support this event; at least one."),
            "could_have_been_stopped_by": schema_v2.stopped_by(),
            "prompt": _text("The tabletop prompt for the room at this step (a default is built when absent)."),
        },
        ["id", "date", "title", "stage", "kind", "layer", "description", "sources"],
        allOf=[
            {
                "if": {"properties": {"kind": {"enum": ["break", "amplifier"]}}, "required": ["kind"]},
                "then": {"required": ["failure_mode"]},
            }
        ],
    )


def _source() -> dict[str, Any]:
    return _object(
        "A published source a reader can open.",
        {
            "id": {
                "$ref": "#/$defs/source_id",
                "description": "Short id, unique in this case, cited by events and figures.",
            },
            "title": _text("The source's own title."),
            "publisher": _text("Who published it: the outlet, agency, court or company."),
            "url": _ref("http_url", "Where to read it."),
            "published": _ref("partial_date", "When it was published."),
            "accessed": _ref("full_date", "When a contributor last read it and checked it says what the case says."),
            "archived_url": _ref("http_url", "An archived copy, for when the original moves."),
            **schema_v2.source_extras(),
            "type": _ref(
                "source_type", "What kind of source it is; regulator, legislature, court and company are primary."
            ),
            "quote": _text("A few words quoted where the exact words are the fact.", max_length=300),
            "note": _text("Anything a reader should know about this source."),
        },
        ["id", "title", "publisher", "url", "type", "accessed"],
    )


def _analysis() -> dict[str, Any]:
    return _object(
        "The analysis of the case, using the controlled vocabulary.",
        {
            "trust_dimension": _object(
                "Which part of trustworthiness was damaged (Mayer, Davis and Schoorman).",
                {
                    "primary": _ref("trust_dimension", "The main dimension, by the vocabulary's decision rule."),
                    "also": _list(_ref("trust_dimension", "Another dimension damaged."), "Other dimensions damaged."),
                    "rationale": _text("Why this dimension, in one or two sentences."),
                },
                ["primary", "rationale"],
            ),
            "crisis": _object(
                "The crisis in Coombs' Situational Crisis Communication Theory terms.",
                {
                    "cluster": _ref("crisis_cluster", "The settled attribution of responsibility."),
                    "type": _ref("crisis_type", "The crisis type; it must belong to the cluster."),
                    "nature": _ref("crisis_nature", "Operational (safety, welfare) or reputational."),
                    "claimed_cluster": _ref("crisis_cluster", "How the organization framed it at first, if different."),
                    "crisis_history": {
                        "type": "boolean",
                        "description": "Whether the organization had a history of similar crises.",
                    },
                },
                ["cluster", "type", "nature"],
            ),
            "detection": _object(
                "Who first brought the failure to light.",
                {
                    "channel": _ref("detection_channel", "The channel through which it surfaced."),
                    "by": _text("Who, in a few words."),
                    "sources": _source_ids("Sources for how it was detected."),
                },
                ["channel", "by", "sources"],
            ),
            "response": _object(
                "How the organization responded, overall.",
                {
                    "strategies": _list(
                        _ref("response_strategy", "A response strategy."),
                        "Strategies used, in the order they appeared.",
                        min_items=1,
                    ),
                    "corrective_actions": _list(
                        _ref("corrective_action", "A kind of corrective action."), "Kinds of corrective action taken."
                    ),
                    "voice": _ref("voice", "Who spoke for the organization, mainly."),
                    "sources": _source_ids("Sources for the response."),
                },
                ["strategies", "voice", "sources"],
            ),
            "outcome": _object(
                "What the failure cost and where trust ended up.",
                {
                    "consequences": _list(
                        _ref("consequence", "A consequence."), "Consequences recorded by sources.", min_items=1
                    ),
                    "trust_verdict": _ref("trust_verdict", "Where trust ended up."),
                    "justification": _text("One sentence justifying the verdict.", min_length=20),
                    "sources": _source_ids("Sources for the verdict."),
                },
                ["consequences", "trust_verdict", "justification", "sources"],
            ),
            "lessons": _list(
                _object(
                    "A lesson, tied to the events it comes from.",
                    {
                        "text": _text("The lesson, in a sentence or two.", min_length=10),
                        "events": _list(
                            _ref("event_id", "Id of an event in the chain."), "Events the lesson draws on.", min_items=1
                        ),
                    },
                    ["text", "events"],
                ),
                "Short lessons for practitioners.",
                min_items=1,
                unique=False,
            ),
        },
        ["trust_dimension", "crisis", "detection", "response", "outcome", "lessons"],
    )


def build_case_schema(vocabulary: Mapping[str, TermList]) -> dict[str, Any]:
    """Return the case schema (format v2, ADR 0007) as a JSON-ready dict."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casebook case",
        "description": "One customer-trust failure case: where in the customer chain trust broke, how the break travelled, the response and what it cost.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "format_version",
            "title",
            "summary",
            "status",
            "last_reviewed",
            "organization",
            "engagement",
            "period",
            "chain",
            "analysis",
            "impact",
            "discussion_questions",
            "sources",
            "license",
            "regions",
        ],
        "properties": {
            "id": _ref("case_id", "The case id; it must equal the file name without .yaml."),
            "title": _text("A headline for the case, in our own words.", max_length=120),
            "summary": _text(
                "Two to four sentences: what broke, how it spread, how it ended.", min_length=40, max_length=1500
            ),
            "status": _ref("status", "Editorial status."),
            "last_reviewed": _ref("full_date", "When the case was last checked against its sources."),
            "organization": _object(
                "The organization whose trust broke.",
                {
                    "name": _text("Its common name."),
                    "aliases": _list(
                        _text("Another name."), "Other names it is known by (used to match news to cases)."
                    ),
                    "sector": _ref("sector", "Its main sector."),
                    "country": _ref("country", "Its home country (ISO 3166-1 alpha-2)."),
                },
                ["name", "sector", "country"],
            ),
            "engagement": _object(
                "Position in the Touch-versus-Scale matrix.",
                {
                    "touch": _ref("engagement_level", "How personal the relationship with each customer is."),
                    "scale": _ref("engagement_level", "How many customers there are."),
                },
                ["touch", "scale"],
            ),
            "period": _object(
                "When the case played out.",
                {
                    "start": _ref("partial_date", "The first event."),
                    "end": _ref("partial_date", "The last event, if it is over."),
                },
                ["start"],
            ),
            "chain": _list(
                _ref("event", "An event."),
                "The failure chain: events in the order they happened.",
                min_items=1,
                unique=False,
            ),
            "analysis": _analysis(),
            "impact": _list(
                _object(
                    "A measured figure with its source.",
                    {
                        "metric": _text("What was measured."),
                        "value": {"type": "number", "description": "The figure."},
                        "unit": _text("The unit: USD, vehicles, customers, ..."),
                        "as_of": _ref("partial_date", "When the figure applied."),
                        "source": {"$ref": "#/$defs/source_id", "description": "The source of the figure."},
                        "note": _text("Where sources disagree: which figure is used and why."),
                    },
                    ["metric", "value", "unit", "as_of", "source"],
                ),
                "Measured figures: people affected, fines, recalls, market value.",
                unique=False,
            ),
            "discussion_questions": _list(
                _text("A question for a workshop.", min_length=10), "Questions for workshops.", min_items=1
            ),
            "sources": _list(_ref("source", "A source."), "Every source the case cites.", min_items=1, unique=False),
            "related": _list(
                _object(
                    "Another case and how it relates.",
                    {
                        "id": _ref("case_id", "The other case's id."),
                        "relation": _ref("relation", "How the two relate."),
                        "note": _text("Why, in a few words."),
                    },
                    ["id", "relation"],
                ),
                "Related cases.",
                unique=False,
            ),
            "tags": _list({"type": "string", "pattern": SLUG_ID, "description": "A tag."}, "Free tags, lower case."),
            "contributors": _list(_text("A contributor's name or handle."), "Who wrote and reviewed the case."),
            "license": {"const": "CC-BY-4.0", "description": "The licence of the case text."},
            **schema_v2.top_level(),
        },
        "$defs": _defs_sorted(vocabulary),
    }


def _defs_sorted(vocabulary: Mapping[str, TermList]) -> dict[str, Any]:
    defs = _defs(vocabulary)
    return {name: defs[name] for name in sorted(defs)}


def render_schema_json(schema: Mapping[str, Any]) -> str:
    """Serialise the schema exactly as it is committed."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
