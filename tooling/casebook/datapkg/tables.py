"""The corpus as five tidy tables (cases, events, sources, impacts, lessons), joinable by id.

Each table is described once, column by column (name, Table Schema type, meaning, value), and
that one description gives the CSV header, the Table Schema in ``datapackage.json``, the SQLite
columns and the data dictionary page, so they cannot drift apart. Lists inside a cell (an event's
causes and sources) are joined with ``;``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casebook.graph import ChainAnalysis, analyse_chain
from casebook.model import Case, Event, Figure, Lesson, Source

LIST_SEPARATOR = ";"
PARTIAL_DATE = "A date as precise as the sources allow: YYYY, YYYY-MM or YYYY-MM-DD."

Value = str | int | float | None


@dataclass(frozen=True)
class Column:
    """One column: its name, Table Schema type (string, integer, number), meaning and value."""

    name: str
    type: str
    description: str
    value: Callable[[Any], Value]
    required: bool = False


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that name rows of another table."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table: its rows come from ``rows(case)``, one call per case, in id order."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Case, Mapping[str, ChainAnalysis]], Iterator[Any]]
    foreign_keys: tuple[ForeignKey, ...] = ()

    def records(
        self, cases: Sequence[Case], chains: Mapping[str, ChainAnalysis] | None = None
    ) -> list[tuple[Value, ...]]:
        """Every row of the table for these cases (sorted by id), as tuples in column order.

        ``chains`` holds analyses already made (``Corpus.chains``); missing ones are computed.
        """
        out = []
        for case in sorted(cases, key=lambda c: c.id):
            for item in self.rows(case, chains or {}):
                out.append(tuple(column.value(item) for column in self.columns))
        return out


def _quadrant(case: Case) -> str:
    # As casebook.render.facets.quadrant; not imported, since casebook.render imports this package.
    return f"{case.touch}-touch-{case.scale}-scale"


def _joined(values: tuple[str, ...]) -> str | None:
    return LIST_SEPARATOR.join(values) or None


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _case_rows(case: Case, chains: Mapping[str, ChainAnalysis]) -> Iterator[tuple[Case, ChainAnalysis]]:
    yield case, chains.get(case.id) or analyse_chain(case)


def _indexed(items: tuple[Any, ...], case: Case) -> Iterator[tuple[Case, int, Any]]:
    for position, item in enumerate(items, start=1):
        yield case, position, item


_CASE = ForeignKey(("case_id",), "cases", ("id",))

CASES = Table(
    name="cases",
    title="Cases",
    description="One row per case.",
    primary_key=("id",),
    rows=_case_rows,
    columns=(
        Column(
            "id",
            "string",
            "The case id: its file name (cases/<id>.yaml) and page (/cases/<id>/).",
            lambda r: r[0].id,
            True,
        ),
        Column("title", "string", "Headline.", lambda r: r[0].title, True),
        Column("summary", "string", "Two to four sentences.", lambda r: r[0].summary, True),
        Column("status", "string", "draft, reviewed or withdrawn.", lambda r: r[0].status, True),
        Column(
            "withdrawn",
            "string",
            "When the case was withdrawn (its page stays). " + PARTIAL_DATE,
            lambda r: _opt(r[0].withdrawn and r[0].withdrawn.date),
        ),
        Column(
            "withdrawn_reason", "string", "Why it was withdrawn.", lambda r: r[0].withdrawn and r[0].withdrawn.reason
        ),
        Column(
            "aliases",
            "string",
            "Former ids of the case (their addresses redirect here), joined with ;.",
            lambda r: _joined(r[0].aliases),
        ),
        Column(
            "last_reviewed",
            "string",
            "When the case was last checked against its sources.",
            lambda r: str(r[0].last_reviewed),
            True,
        ),
        Column("organization", "string", "Organization name.", lambda r: r[0].organization.name, True),
        Column("sector", "string", "Sector (vocabulary sectors).", lambda r: r[0].organization.sector, True),
        Column(
            "country",
            "string",
            "The organization's home country (ISO 3166-1 alpha-2).",
            lambda r: r[0].organization.country,
            True,
        ),
        Column(
            "regions",
            "string",
            "Where customers were harmed: ISO 3166-1 alpha-2 codes or global, joined with ;.",
            lambda r: _joined(r[0].regions),
            True,
        ),
        Column("touch", "string", "Engagement touch: high or low.", lambda r: r[0].touch, True),
        Column("scale", "string", "Engagement scale: high or low.", lambda r: r[0].scale, True),
        Column("quadrant", "string", "Touch-versus-Scale quadrant.", lambda r: _quadrant(r[0]), True),
        Column("start", "string", "First event. " + PARTIAL_DATE, lambda r: str(r[0].start), True),
        Column("end", "string", "Last event; empty while ongoing. " + PARTIAL_DATE, lambda r: _opt(r[0].end)),
        Column(
            "first_break_stage",
            "string",
            "Stage of the first break (derived from the chain).",
            lambda r: r[1].first_break_stage,
            True,
        ),
        Column(
            "trust_primary", "string", "Primary trust dimension damaged.", lambda r: r[0].analysis.trust_primary, True
        ),
        Column("crisis_cluster", "string", "Coombs crisis cluster.", lambda r: r[0].analysis.crisis_cluster, True),
        Column("crisis_type", "string", "Coombs crisis type.", lambda r: r[0].analysis.crisis_type, True),
        Column(
            "detection_channel",
            "string",
            "How it first came to light.",
            lambda r: r[0].analysis.detection_channel,
            True,
        ),
        Column("voice", "string", "Who spoke for the organization.", lambda r: r[0].analysis.voice, True),
        Column("trust_verdict", "string", "Where trust ended up.", lambda r: r[0].analysis.verdict, True),
        Column("license", "string", "Licence of the case text.", lambda r: r[0].license, True),
    ),
)

EVENTS = Table(
    name="events",
    title="Events",
    description="One row per event of a case's failure chain, in the order they happened.",
    primary_key=("case_id", "event_id"),
    foreign_keys=(_CASE,),
    rows=lambda case, _: _indexed(case.chain, case),
    columns=(
        Column("case_id", "string", "The case (cases.id).", lambda r: r[0].id, True),
        Column("event_id", "string", "The event, unique within its case.", lambda r: _event(r).id, True),
        Column("position", "integer", "Place in the chain, from 1.", lambda r: r[1], True),
        Column("date", "string", PARTIAL_DATE, lambda r: str(_event(r).date), True),
        Column("title", "string", "What happened, in a line.", lambda r: _event(r).title, True),
        Column("stage", "string", "Chain stage (vocabulary stages).", lambda r: _event(r).stage, True),
        Column("kind", "string", "break, amplifier, response, recovery or context.", lambda r: _event(r).kind, True),
        Column("failure_mode", "string", "Failure mode of a break or amplifier.", lambda r: _event(r).failure_mode),
        Column("layer", "string", "latent or active.", lambda r: _event(r).layer, True),
        Column("description", "string", "What happened, with its evidence.", lambda r: _event(r).description, True),
        Column(
            "caused_by",
            "string",
            "Event ids of its causes in the same case, joined with ;.",
            lambda r: _joined(_event(r).caused_by),
        ),
        Column(
            "sources",
            "string",
            "Source ids (sources.source_id of the same case), joined with ;.",
            lambda r: _joined(_event(r).sources),
            True,
        ),
    ),
)


def _event(row: tuple[Case, int, Event]) -> Event:
    return row[2]


def _source(row: tuple[Case, int, Source]) -> Source:
    return row[2]


def _figure(row: tuple[Case, int, Figure]) -> Figure:
    return row[2]


def _lesson(row: tuple[Case, int, Lesson]) -> Lesson:
    return row[2]


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


SOURCES = Table(
    name="sources",
    title="Sources",
    description="One row per source a case cites.",
    primary_key=("case_id", "source_id"),
    foreign_keys=(_CASE,),
    rows=lambda case, _: _indexed(case.sources, case),
    columns=(
        Column("case_id", "string", "The case (cases.id).", lambda r: r[0].id, True),
        Column("source_id", "string", "The source, unique within its case.", lambda r: _source(r).id, True),
        Column("title", "string", "Title as published.", lambda r: _source(r).title, True),
        Column("publisher", "string", "Who published it.", lambda r: _source(r).publisher, True),
        Column("url", "string", "Where it was published (http or https).", lambda r: _source(r).url, True),
        Column("type", "string", "Source type (vocabulary source_types).", lambda r: _source(r).type, True),
        Column("published", "string", "Publication date. " + PARTIAL_DATE, lambda r: _opt(_source(r).published)),
        Column(
            "accessed",
            "string",
            "When a contributor read it. " + PARTIAL_DATE,
            lambda r: str(_source(r).accessed),
            True,
        ),
        Column(
            "seen_at",
            "string",
            "The copy actually read, where url is the original publisher's address.",
            lambda r: _source(r).seen_at,
        ),
        Column(
            "archived_url",
            "string",
            "An archive copy (Wayback Machine or another archive).",
            lambda r: _source(r).archived_url,
        ),
        Column("archived", "string", "The archive copy's date. " + PARTIAL_DATE, lambda r: _opt(_source(r).archived)),
    ),
)

IMPACTS = Table(
    name="impacts",
    title="Impacts",
    description="One row per measured impact figure.",
    primary_key=("case_id", "position"),
    foreign_keys=(_CASE, ForeignKey(("case_id", "source_id"), "sources", ("case_id", "source_id"))),
    rows=lambda case, _: _indexed(case.impact, case),
    columns=(
        Column("case_id", "string", "The case (cases.id).", lambda r: r[0].id, True),
        Column("position", "integer", "Order in the case, from 1.", lambda r: r[1], True),
        Column("metric", "string", "What was measured.", lambda r: _figure(r).metric, True),
        Column("value", "number", "The figure.", lambda r: _number(_figure(r).value), True),
        Column(
            "unit",
            "string",
            "Its unit (a currency code, customers, vehicles, percent...).",
            lambda r: _figure(r).unit,
            True,
        ),
        Column("as_of", "string", "When the figure held. " + PARTIAL_DATE, lambda r: str(_figure(r).as_of), True),
        Column(
            "source_id", "string", "The source that gives it (sources.source_id).", lambda r: _figure(r).source, True
        ),
        Column("note", "string", "Where sources disagree, how.", lambda r: _figure(r).note),
    ),
)

LESSONS = Table(
    name="lessons",
    title="Lessons",
    description="One row per lesson a case draws, tied to its events.",
    primary_key=("case_id", "position"),
    foreign_keys=(_CASE,),
    rows=lambda case, _: _indexed(case.analysis.lessons, case),
    columns=(
        Column("case_id", "string", "The case (cases.id).", lambda r: r[0].id, True),
        Column("position", "integer", "Order in the case, from 1.", lambda r: r[1], True),
        Column("text", "string", "The lesson.", lambda r: _lesson(r).text, True),
        Column(
            "events",
            "string",
            "Event ids it draws on (events.event_id), joined with ;.",
            lambda r: _joined(_lesson(r).events),
            True,
        ),
    ),
)

TABLES: tuple[Table, ...] = (CASES, EVENTS, SOURCES, IMPACTS, LESSONS)
TABLE_BY_NAME = {t.name: t for t in TABLES}
