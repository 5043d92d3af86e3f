"""A compiled yes/no check for the case schema: the fast path in front of jsonschema.

jsonschema's ``iter_errors`` walks the schema anew for every document, resolving each ``$ref``
and building a child validator per keyword; on a 1,000-case corpus that was 60% of
``casebook validate`` (ADR 0005). Almost every document is valid, and for those only the answer
"no errors" is needed. ``compile_schema`` turns the schema once into nested Python closures that
answer exactly that; the caller runs jsonschema only when the answer is "no", so diagnostics stay
those of jsonschema, word for word.

The check must never say "valid" where jsonschema finds an error. It supports only the keywords
the case schema uses, with Draft 2020-12 semantics (``1.0`` is an integer, ``True`` is not a
number, ``1 == 1.0`` in an enum, ``True != 1``), and refuses to compile anything else
(``UnsupportedSchemaError``), which sends every document to jsonschema. It is exact, in both
directions, for documents of plain ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and
``None``, which is all the loader builds; that is what makes ``if`` safe to evaluate. A value of
any other type makes the check answer "no", and jsonschema decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default", "deprecated"}
)
SUPPORTED = frozenset(
    {
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items",
        "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "minimum",
        "maximum", "allOf", "anyOf", "if", "then", "else",
    }
)  # fmt: skip

# The JSON type of each plain Python type the loader produces; anything else is not JSON.
_JSON_TYPE: dict[type, str] = {
    dict: "object",
    list: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}
_NUMBER = ("integer", "number")


class UnsupportedSchemaError(Exception):
    """The schema uses a keyword the compiled check does not implement; use jsonschema alone."""


def _type_ok(value: Any, wanted: frozenset[str]) -> bool:
    actual = _JSON_TYPE.get(type(value))
    if actual is None:
        return False
    if actual in wanted:
        return True
    if actual == "integer":
        return "number" in wanted
    # Draft 2020-12: a float with no fraction is an integer.
    return actual == "number" and "integer" in wanted and value.is_integer()


class _NotJsonError(Exception):
    """A value of a type JSON does not have (the loader never builds one)."""


def _canonical(value: Any) -> Any:
    """A hashable form with JSON equality: True is not 1, 1 equals 1.0, key order does not count."""
    kind = _JSON_TYPE.get(type(value))
    if kind in _NUMBER:
        return "number", value
    if kind == "array":
        return kind, tuple(_canonical(v) for v in value)
    if kind == "object":
        return kind, frozenset((k, _canonical(v)) for k, v in value.items())
    if kind is None:
        raise _NotJsonError
    return kind, value


def _member(allowed: frozenset[Any]) -> Check:
    def check(value: Any) -> bool:
        if type(value) is str:  # the common case: a vocabulary slug
            return ("string", value) in allowed
        try:
            return _canonical(value) in allowed
        except _NotJsonError:
            return False

    return check


def _unique(values: list[Any]) -> bool:
    if all(type(v) is str for v in values):
        return len(set(values)) == len(values)
    try:
        return len({_canonical(v) for v in values}) == len(values)
    except _NotJsonError:
        return False


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    frozen = tuple(checks)

    def check(value: Any) -> bool:
        # A plain loop: all() over a generator costs a frame per call on the hottest path.
        for one in frozen:  # noqa: SIM110
            if not one(value):
                return False
        return True

    return check


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if pointer in self.refs:
            return self.refs[pointer]
        if not pointer.startswith("#"):
            raise UnsupportedSchemaError(f"only local $ref is supported, not {pointer!r}")
        target: Any = self.root
        for part in filter(None, pointer[1:].split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        # A recursive schema reaches itself while compiling: point at a cell filled in below.
        cell: list[Check] = []
        self.refs[pointer] = lambda value: cell[0](value)
        cell.append(self.compile(target))
        self.refs[pointer] = cell[0]
        return cell[0]

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, Mapping):
            raise UnsupportedSchemaError(f"a schema must be an object or a boolean, not {schema!r}")
        unknown = {k for k in schema if k not in SUPPORTED and k not in ANNOTATIONS and not k.startswith("x-")}
        if unknown:
            raise UnsupportedSchemaError(f"keywords {sorted(unknown)} are not supported by the compiled check")
        if "$id" in schema and schema is not self.root:
            raise UnsupportedSchemaError("$id below the root changes the base URI")
        checks: list[Check] = []
        if "type" in schema:
            wanted = frozenset([schema["type"]] if isinstance(schema["type"], str) else schema["type"])
            checks.append(lambda value: _type_ok(value, wanted))
        checks += self._values(schema)
        checks += self._by_type(schema)
        checks += self._combinators(schema)
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        return _all(checks) if checks else (lambda value: True)

    def _values(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "enum" in schema:
            checks.append(_member(frozenset(_canonical(v) for v in schema["enum"])))
        if "const" in schema:
            checks.append(_member(frozenset([_canonical(schema["const"])])))
        return checks

    def _by_type(self, schema: Mapping[str, Any]) -> list[Check]:
        # Each of these keywords constrains one JSON type and lets every other type through.
        checks: list[Check] = []
        if any(k in schema for k in ("properties", "required", "additionalProperties")):
            checks.append(self._object(schema))
        if any(k in schema for k in ("items", "minItems", "maxItems", "uniqueItems")):
            checks.append(self._array(schema))
        if any(k in schema for k in ("minLength", "maxLength", "pattern")):
            low, high = schema.get("minLength", 0), schema.get("maxLength")
            search = re.compile(schema["pattern"]).search if "pattern" in schema else None

            def string(value: Any) -> bool:
                if type(value) is not str:
                    return True
                size = len(value)
                return size >= low and (high is None or size <= high) and (search is None or search(value) is not None)

            checks.append(string)
        if "minimum" in schema or "maximum" in schema:
            least, most = schema.get("minimum"), schema.get("maximum")

            def number(value: Any) -> bool:
                if type(value) not in (int, float):
                    return True
                return (least is None or value >= least) and (most is None or value <= most)

            checks.append(number)
        return checks

    def _object(self, schema: Mapping[str, Any]) -> Check:
        properties = {key: self.compile(sub) for key, sub in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        other: Check | None = None if extra is True else self.compile(extra)

        def check(value: Any) -> bool:
            if type(value) is not dict:
                return True
            for key in required:
                if key not in value:
                    return False
            for key, child in value.items():
                sub = properties.get(key)
                if sub is None:
                    if other is not None and not other(child):
                        return False
                elif not sub(child):
                    return False
            return True

        return check

    def _array(self, schema: Mapping[str, Any]) -> Check:
        item = self.compile(schema["items"]) if "items" in schema else None
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        unique = bool(schema.get("uniqueItems", False))

        def check(value: Any) -> bool:
            if type(value) is not list:
                return True
            if len(value) < low or (high is not None and len(value) > high):
                return False
            if unique and len(value) > 1 and not _unique(value):
                return False
            return item is None or all(item(v) for v in value)

        return check

    def _combinators(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "allOf" in schema:
            checks.append(_all([self.compile(s) for s in schema["allOf"]]))
        if "anyOf" in schema:
            options = tuple(self.compile(s) for s in schema["anyOf"])
            checks.append(lambda value: any(o(value) for o in options))
        if "if" in schema and ("then" in schema or "else" in schema):
            condition = self.compile(schema["if"])
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            checks.append(lambda value: then(value) if condition(value) else otherwise(value))
        return checks


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """Compile ``schema`` into a function that says whether a document has no schema error.

    Raises:
        UnsupportedSchemaError: the schema uses a keyword or construct the compiled check lacks.
    """
    return _Compiler(schema).compile(schema)
