"""The schema is generated from the vocabulary, committed, and complete."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from casebook.resources import schema_dir
from casebook.schema_build import VOCAB_DEFS, build_case_schema, render_schema_json
from casebook.vocabulary import load_vocabulary

COMMITTED = schema_dir() / "case.schema.json"


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return data


def _objects(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield path, node
        for key, child in node.items():
            yield from _objects(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _objects(child, f"{path}/{index}")


def test_committed_schema_is_current() -> None:
    """case.schema.json equals what the vocabulary generates (run `make schema` if not)."""
    assert COMMITTED.read_text(encoding="utf-8") == render_schema_json(build_case_schema(load_vocabulary()))


def test_enums_equal_vocabulary_lists() -> None:
    """Every controlled enum in the schema lists exactly the vocabulary's values, in order."""
    defs = _schema()["$defs"]
    vocabulary = load_vocabulary()
    for name, list_name in VOCAB_DEFS.items():
        assert defs[name]["enum"] == vocabulary[list_name].slugs, name


def test_draft_and_id() -> None:
    """Draft 2020-12 with an $id."""
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("case.schema.json")


def test_every_object_is_closed_and_every_property_described() -> None:
    """additionalProperties is false on every object, and every property has a description."""
    objects = list(_objects(_schema()))
    assert len(objects) > 10
    for path, obj in objects:
        assert obj.get("additionalProperties") is False, path
        for name, prop in obj.get("properties", {}).items():
            assert prop.get("description"), f"{path}/properties/{name}"


def test_vocabulary_has_twelve_stages_and_definitions() -> None:
    """Twelve stages in chain order; every value of every list has a definition."""
    vocabulary = load_vocabulary()
    assert vocabulary["stages"].slugs[:2] == ["governance", "design"]
    assert len(vocabulary["stages"].slugs) == 12
    for terms in vocabulary.values():
        for term in terms.terms.values():
            assert len(term.definition) > 10, term.slug


def test_failure_modes_have_real_home_stages() -> None:
    """Each failure mode's home stage is a stage; each crisis type's cluster a cluster."""
    vocabulary = load_vocabulary()
    stages = set(vocabulary["stages"].slugs)
    clusters = set(vocabulary["crisis_clusters"].slugs)
    postures = set(vocabulary["response_postures"].slugs)
    assert all(t.extra["home_stage"] in stages for t in vocabulary["failure_modes"].terms.values())
    assert all(
        set(t.extra.get("also_at", ())) <= stages - {t.extra["home_stage"]}
        for t in vocabulary["failure_modes"].terms.values()
    )
    assert all(t.extra["cluster"] in clusters for t in vocabulary["crisis_types"].terms.values())
    assert all(t.extra["posture"] in postures for t in vocabulary["response_strategies"].terms.values())
