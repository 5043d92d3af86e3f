"""The parts of the case schema that format v2 added (ADR 0007), kept beside ``schema_build``.

Countries, controls and statement kinds are enums with their own codes (V302-V304), so that a
near miss gets a message that names the right list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casebook.countries import country_codes, region_codes
from casebook.vocabulary import TermList

FORMAT_VERSION = 2
"""The case format this schema describes."""


def _ref(name: str, description: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "description": description}


def _text(description: str, *, min_length: int = 1, max_length: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "minLength": min_length, "description": description}
    if max_length:
        out["maxLength"] = max_length
    return out


def _list(items: dict[str, Any], description: str, *, min_items: int = 0, unique: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": items, "description": description}
    if min_items:
        out["minItems"] = min_items
    if unique:
        out["uniqueItems"] = True
    return out


def _object(description: str, properties: dict[str, Any], required: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        **extra,
    }


def _sources(description: str, *, min_items: int = 1) -> dict[str, Any]:
    return _list(_ref("source_id", "Id of an entry in `sources`."), description, min_items=min_items, unique=True)


def v2_defs(vocabulary: Mapping[str, TermList]) -> dict[str, Any]:
    """The ``$defs`` entries format v2 adds."""
    return {
        "country": {
            "description": "An ISO 3166-1 alpha-2 country code, upper case (schema/countries.yaml).",
            "enum": country_codes(),
            "x-code": "V302",
        },
        "region": {
            "description": "An ISO 3166-1 alpha-2 country code, or `global` where harm was worldwide.",
            "enum": region_codes(),
            "x-code": "V302",
        },
        "control": {
            "description": vocabulary["controls"].description.strip(),
            "enum": vocabulary["controls"].slugs,
            "x-code": "V303",
        },
        "statement_kind": {
            "description": vocabulary["statement_kinds"].description.strip(),
            "enum": vocabulary["statement_kinds"].slugs,
            "x-code": "V304",
        },
    }


def stopped_by() -> dict[str, Any]:
    """``chain[].could_have_been_stopped_by``: the control that would most likely have caught a break."""
    return _object(
        "The control that would most likely have caught this break before customers felt it (breaks only).",
        {
            "control": _ref("control", "The control, from the vocabulary list `controls`."),
            "owner": _ref("stage", "The stage that owns the control."),
            "reason": _text("Why it would have caught the break, in one line of our own words.", max_length=300),
            "sources": _sources(
                "Sources that say what would have helped (findings, inquiries, post-mortems).", min_items=0
            ),
        },
        ["control", "owner", "reason"],
    )


def source_extras() -> dict[str, Any]:
    """Source fields added in v2 (``archived_url`` was already in v1)."""
    return {
        "seen_at": _ref("http_url", "The copy actually read, when `url` is the original publisher's address."),
        "archived": _ref("partial_date", "The date of the archive snapshot at `archived_url`."),
    }


def _reply() -> dict[str, Any]:
    statement = _object(
        "One statement by the organization itself.",
        {
            "date": _ref("partial_date", "When it was made."),
            "kind": _ref("statement_kind", "Its form: press release, letter, filing, ..."),
            "summary": _text("What it said, in our own words.", min_length=10),
            "quote": _text("A few words quoted where the words are the fact.", max_length=300),
            "sources": _sources("Sources for the statement (type company, court or legislature)."),
        },
        ["date", "kind", "summary", "sources"],
    )
    return _object(
        "The organization's own words: its statements, or what was searched when none was found.",
        {
            "statements": _list(statement, "The organization's statements, in date order.", min_items=1),
            "none_found": _text("What was searched for a statement, in one sentence.", min_length=10),
        },
        [],
        anyOf=[{"required": ["statements"]}, {"required": ["none_found"]}],
    )


_UNSOURCED = ": a perspective cites the published sources of its reading (`sources: [...]`), like every claim"


def _perspective() -> dict[str, Any]:
    weighing = _object(
        "An event this reading weighs differently from the main analysis.",
        {
            "event": _ref("event_id", "The event."),
            "failure_mode": _ref("failure_mode", "The failure mode this reading gives it."),
            "layer": _ref("layer", "The layer this reading gives it."),
            "note": _text("How and why it is weighed differently.", min_length=10),
        },
        ["event", "note"],
    )
    return _object(
        "An alternative reading of where the chain broke, by a named contributor.",
        {
            "id": {"$ref": "#/$defs/event_id", "description": "Short id, unique in this case."},
            "by": _text("The contributor's name or GitHub handle."),
            "affiliation": _text("The contributor's affiliation."),
            "conflict_of_interest": _text("Any conflict of interest, or 'none'."),
            "first_break": _object(
                "Where this reading says the chain first broke.",
                {"stage": _ref("stage", "The stage."), "event": _ref("event_id", "The event.")},
                ["stage", "event"],
            ),
            "weighs": _list(weighing, "Events weighed differently."),
            "verdict": _ref("trust_verdict", "The trust verdict this reading reaches."),
            "argument": _text("The argument, in a few sentences.", min_length=40),
            "sources": {**_sources("Sources for the argument."), "x-empty": ["P101", _UNSOURCED]},
        },
        ["id", "by", "first_break", "argument", "sources"],
        **{"x-required": {"sources": ["P101", _UNSOURCED]}},
    )


def _dated(description: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return _object(description, {"date": _ref("partial_date", "When."), **properties}, ["date", *required])


def top_level() -> dict[str, Any]:
    """Top-level properties format v2 adds."""
    count = {"type": "integer", "minimum": 0, "description": "A count."}
    return {
        "format_version": {"const": FORMAT_VERSION, "description": "The case format of this file: 2."},
        "public_date": _ref("partial_date", "When the failure became public; its year is the id's year."),
        "regions": {
            **_list(
                _ref("region", "A country code or `global`."),
                "Where customers were harmed: ISO 3166-1 alpha-2 codes, or the single value `global`.",
                min_items=1,
                unique=True,
            ),
            # `global` stands alone: one value of any kind, or countries only.
            "anyOf": [{"maxItems": 1}, {"items": {"pattern": "^(?!global$)"}}],
            "x-code": "V302",
            "x-message": "puts 'global' beside countries: list the countries where customers were harmed, or [global] alone",
        },
        "reply": _reply(),
        "perspectives": _list(_perspective(), "Alternative readings by named contributors."),
        "reviews": _list(
            _dated(
                "A review: who re-read which claims against the sources, and when.",
                {
                    "by": _text("Who reviewed."),
                    "scope": _text("What was checked."),
                    "claims_checked": {**count, "description": "How many claims were re-read against sources."},
                    "corrections": {**count, "description": "How many of them were corrected."},
                },
                ["by", "scope", "claims_checked", "corrections"],
            ),
            "Reviews of the case against its sources.",
        ),
        "aliases": _list(_ref("case_id", "A former id of this case."), "Former ids of a renamed case.", unique=True),
        "withdrawn": _dated(
            "Why and when the case was withdrawn.", {"reason": _text("Why.", min_length=10)}, ["reason"]
        ),
        "changes": _list(
            _dated("A change to the case.", {"summary": _text("What changed, in one line.")}, ["summary"]),
            "One-line reasons for releases.",
        ),
    }
