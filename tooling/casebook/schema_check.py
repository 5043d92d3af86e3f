"""JSON Schema validation of one loaded case, reported as located diagnostics.

jsonschema cannot give line numbers (python-jsonschema/check-jsonschema#359), so each error's
``absolute_path`` is looked up in the loader's position map. Messages are rewritten for people:
unknown keys and vocabulary values get a did-you-mean; ``x-code``/``x-message`` in the schema
give pattern failures a precise code and wording; ``x-required`` (field -> [code, reason]) and
``x-empty`` ([code, reason]) do so for a missing field and an empty list.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.countries import did_you_mean_country
from casebook.diagnostics import Diagnostic
from casebook.loading import JsonPath, LoadResult
from casebook.resources import ResourceError, schema_dir
from casebook.schema_fast import Check, UnsupportedSchemaError, compile_schema
from casebook.suggest import did_you_mean

if TYPE_CHECKING:
    # jsonschema is imported only when a document fails the compiled check: importing it (and
    # the format checkers of jsonschema[format-nongpl]) takes about a second, several times what
    # `casebook validate` needs to check one valid file.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@functools.lru_cache(maxsize=4)
def load_schema(path: Path | None = None) -> dict[str, Any]:
    """Load the committed case schema."""
    target = path or schema_dir() / "case.schema.json"
    try:
        with target.open(encoding="utf-8") as handle:
            schema: dict[str, Any] = json.load(handle)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot load the case schema {target}: {exc}") from exc
    return schema


@functools.lru_cache(maxsize=4)
def _validator(path: Path | None = None) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(load_schema(path), format_checker=FormatChecker())


@functools.lru_cache(maxsize=4)
def _fast_check(path: Path | None = None) -> Check | None:
    # None: the schema uses something the compiled check lacks, so jsonschema checks every file.
    try:
        return compile_schema(load_schema(path))
    except UnsupportedSchemaError:
        return None


_ENUM_NOUN = {"V303": "control", "V304": "statement kind"}


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _leaf(error: ValidationError) -> ValidationError:
    """Pick the most specific error under anyOf/oneOf, as check-jsonschema's best deep match."""
    from jsonschema.exceptions import best_match

    while error.context:
        deeper = best_match(error.context)
        if deeper is None:
            break
        # For the date union we want the outer message, not "is not of type 'integer'".
        if isinstance(error.schema, Mapping) and "x-message" in error.schema:
            break
        error = deeper
    return error


def _diagnose(loaded: LoadResult, error: ValidationError) -> Diagnostic:
    outer = error
    error = _leaf(error)
    path: JsonPath = tuple(error.absolute_path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    custom = outer.schema if isinstance(outer.schema, Mapping) and "x-message" in outer.schema else schema
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        key = extra[0] if extra else "?"
        message = f"unknown field '{key}'{did_you_mean(key, allowed)}"
        return loaded.diagnostic((*path, key), "S202", message, key=True)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        code, why = schema.get("x-required", {}).get(missing, ("S201", ""))
        return loaded.diagnostic(path, code, f"missing required field '{missing}'{why}")
    if error.validator == "minItems" and "x-empty" in schema:
        code, why = schema["x-empty"]
        return loaded.diagnostic(path, code, f"{_short(error.instance)} is empty{why}")
    if error.validator == "enum":
        options = [str(o) for o in schema.get("enum", [])]
        name = str(path[-1]) if path and isinstance(path[-1], str) else "value"
        code = str(schema.get("x-code", "V300"))
        if code == "V302":  # countries: aliases and names ("UK", "Korea") beat spelling distance
            name = "country" if "global" not in options else "region"
            hint = did_you_mean_country(str(error.instance), allow_global="global" in options)
        else:
            name = _ENUM_NOUN.get(code, name)
            hint = did_you_mean(str(error.instance), options)
            if code == "V304":  # a short list: say it whole
                hint = hint or f"; one of {', '.join(options)}"
        return loaded.diagnostic(path, code, f"unknown {name} {_short(error.instance)}{hint}")
    if "x-message" in custom:
        code = str(custom.get("x-code", "S203"))
        return loaded.diagnostic(path, code, f"{_short(error.instance)} {custom['x-message']}")
    if error.validator == "pattern":
        return loaded.diagnostic(
            path, "S203", f"{_short(error.instance)} does not match the pattern {schema.get('pattern')}"
        )
    return loaded.diagnostic(path, "S200", error.message if len(error.message) < 200 else error.message[:197] + "...")


def check_schema(loaded: LoadResult, *, skip: frozenset[JsonPath] = frozenset()) -> Iterator[Diagnostic]:
    """Yield a diagnostic for every schema violation in ``loaded.data``.

    Errors at paths in ``skip`` (values still marked TODO) are left to the unfinished gate. A
    compiled check clears valid documents first (ADR 0005); jsonschema runs only on the others,
    so every message and location comes from jsonschema as before.
    """
    fast = _fast_check()
    if fast is not None and fast(loaded.data):
        return iter(())
    return check_against(_validator(), loaded, skip=skip)


def check_against(
    validator: Draft202012Validator, loaded: LoadResult, *, skip: frozenset[JsonPath] = frozenset()
) -> Iterator[Diagnostic]:
    """Yield located diagnostics for ``loaded.data`` against any schema, deduplicated by position.

    Other YAML files with schemas of their own (the news watch's feeds/sources.yaml) use this so
    their errors are located and worded exactly as case errors are.

    Args:
        validator: A validator for the file's schema.
        loaded: The loaded file, with its position map.
        skip: JSON paths whose errors are reported elsewhere.

    Yields:
        One diagnostic per distinct problem, with S2xx/V300 codes or the schema's own ``x-code``.
    """
    seen: set[tuple[int, int, str, str]] = set()
    for error in validator.iter_errors(loaded.data):
        if tuple(error.absolute_path) in skip:
            continue
        diagnostic = _diagnose(loaded, error)
        identity = (diagnostic.line, diagnostic.col, diagnostic.code, diagnostic.message)
        if identity not in seen:
            seen.add(identity)
            yield diagnostic
