"""The compiled schema check agrees with jsonschema: never "valid" where jsonschema finds an error."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from casebook.loading import load_file
from casebook.schema_check import load_schema
from casebook.schema_fast import UnsupportedSchemaError, compile_schema
from casebook.synth import synth_corpus
from tests.helpers import ROOT, minimal_data

SCHEMA = load_schema()
FAST = compile_schema(SCHEMA)
STOCK = Draft202012Validator(SCHEMA)
CASE_FILES = sorted((ROOT / "cases").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "cases").rglob("2*.yaml"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 10_000)
    | st.sampled_from([0.0, 1.0, 1.5, 1999.0, -0.0])
    | st.text(max_size=12)
    | st.sampled_from(["design", "break", "e1", "s1", "2020-01-01", "2020", "https://x.org/", "ability"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"type": "integer"}, 1.0),
        ({"type": "integer"}, 1.5),
        ({"type": "integer"}, True),
        ({"type": "number"}, False),
        ({"type": ["string", "null"]}, None),
        ({"enum": [1, "a"]}, True),
        ({"enum": [1, "a"]}, 1.0),
        ({"enum": [True]}, 1),
        ({"const": "x"}, "x"),
        ({"const": [1, {"a": 2}]}, [1.0, {"a": 2}]),
        ({"uniqueItems": True}, [1, True]),
        ({"uniqueItems": True}, [1, 1.0]),
        ({"uniqueItems": True}, [{"a": 1}, {"a": 1}]),
        ({"uniqueItems": True}, ["a", "b"]),
        ({"minLength": 2}, "é"),
        ({"maxLength": 1}, "é"),
        ({"pattern": "^a"}, "ba"),
        ({"pattern": "a"}, "ba"),
        ({"minimum": 1000, "maximum": 9999}, 999),
        ({"minimum": 1000}, "1"),
        ({"required": ["a"], "properties": {"a": {"type": "string"}}}, {"a": 1}),
        ({"additionalProperties": False, "properties": {"a": True}}, {"b": 1}),
        ({"additionalProperties": {"type": "string"}}, {"b": "x"}),
        ({"items": {"type": "string"}, "minItems": 2}, ["a"]),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, 2.0),
        ({"if": {"required": ["k"]}, "then": {"required": ["m"]}}, {"k": 1}),
        ({"if": {"required": ["k"]}, "else": {"required": ["m"]}}, {}),
        ({"$defs": {"a": {"type": "string"}}, "$ref": "#/$defs/a"}, 3),
        ({"$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}, [[[]], [1]]),
    ],
)
def test_keyword_semantics_match_jsonschema(schema: dict[str, Any], instance: Any) -> None:
    """Each supported keyword, at its Draft 2020-12 edge cases, decides as jsonschema does."""
    assert compile_schema(schema)(instance) == Draft202012Validator(schema).is_valid(instance)


@pytest.mark.parametrize(
    "schema", [{"format": "date"}, {"oneOf": []}, {"$ref": "https://x.org/s"}, {"patternProperties": {}}]
)
def test_unsupported_keywords_refuse_to_compile(schema: dict[str, Any]) -> None:
    """A keyword the compiled check lacks sends everything to jsonschema instead of being ignored."""
    with pytest.raises(UnsupportedSchemaError):
        compile_schema(schema)


def test_values_that_are_not_json_are_never_valid() -> None:
    """A value of a non-JSON type (which the loader never builds) answers 'no': jsonschema decides."""
    assert not compile_schema({"enum": ["a"]})(object())
    assert not compile_schema({"uniqueItems": True})([object(), 1])


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_agrees_on_every_case_and_fixture(path: Path) -> None:
    """Real cases and every fixture, valid or not, get the same answer from both."""
    data = load_file(path).data
    if isinstance(data, dict):
        assert FAST(data) == STOCK.is_valid(data)


def test_agrees_on_synthetic_cases() -> None:
    """Synthetic cases are valid for both."""
    assert all(FAST(case) and STOCK.is_valid(case) for case in synth_corpus(20, 5))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*path, index))
    return out


MINIMAL_PATHS = _paths(minimal_data())[1:]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(MINIMAL_PATHS), st.sampled_from(["replace", "delete", "add"]), json_values)
def test_agrees_on_mutated_documents(path: tuple[Any, ...], op: str, value: Any) -> None:
    """Replace, delete or add a value anywhere in a valid case: both give the same answer."""
    data = copy.deepcopy(minimal_data())
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "replace":
        parent[last] = value
    elif op == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    else:
        parent.insert(last, value)
    assert FAST(data) == STOCK.is_valid(data)
