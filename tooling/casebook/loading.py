"""Strict YAML loading with a line and column for every JSON path.

Built on libyaml's event parser (``yaml.CParser`` via ``CSafeLoader``), with our own
construction from events rather than PyYAML's constructor:

* duplicate keys, anchors, aliases and explicit tags are errors, never silently resolved;
  aliases are never expanded, so a "billion laughs" document costs one pass over its text;
* plain scalars resolve by the YAML 1.2 core rules (``yes``/``no``/``on``/``off`` and dates
  stay strings; only ``true``/``false``, ``null``, integers and decimals are converted);
* every value and every key is recorded with its 1-based line and column.

The loader never raises on bad input: it returns a ``LoadResult`` with diagnostics.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casebook.diagnostics import Diagnostic, json_path

MAX_BYTES = 1024 * 1024
"""Case files are capped at 1 MiB; a larger file is not read (Y106)."""

MAX_DEPTH = 64
"""Mappings and lists nest at most this deep (Y111). A real case nests under 10 levels; the limit
keeps every recursive walk of the data (schema check, gates, rendering) far from Python's stack."""

MAX_INT_DIGITS = 30
"""Integers have at most this many digits (Y110): more than any count or amount a case cites, and
far inside the range a float can hold, so every integer converts to a finite number. Python
refuses to convert integers of over 4,300 digits at all."""

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]

# PyYAML wheels ship libyaml; fall back to the pure-Python parser only where they do not.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")


@dataclass
class LoadResult:
    """What loading one file produced: the data (if usable), positions and diagnostics."""

    path: str
    data: Any = None
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Line -> words a `# casebook: allow-word` comment on that line allows (H805); usually empty.
    allowed_words: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the file loaded into a top-level mapping with no syntax error."""
        return isinstance(self.data, dict) and not self.diagnostics

    def locate(self, path: JsonPath, *, key: bool = False) -> Position:
        """Return the position of ``path``, or of its nearest recorded ancestor, or (1, 1)."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        probe = path
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def diagnostic(self, path: JsonPath, code: str, message: str, *, key: bool = False, **kw: Any) -> Diagnostic:
        """Build a diagnostic located at ``path`` in this file."""
        line, col = self.locate(path, key=key)
        return Diagnostic(self.path, line, col, code, message, json_path=json_path(path), **kw)


# Only plain scalars starting with one of these can be anything but text; most case values (words,
# slugs, sentences) are settled by one set lookup instead of three regular expressions.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


@dataclass(frozen=True)
class _Refused:
    """A plain scalar that looks like a number but cannot be one; the builder reports it."""

    code: str
    message: str


def _resolve_plain(text: str) -> Any:
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        digits = len(text.lstrip("+-"))
        if digits > MAX_INT_DIGITS:
            return _Refused("Y110", f"integer of {digits} digits; at most {MAX_INT_DIGITS} are allowed")
        return int(text)
    if _FLOAT.match(text):
        number = float(text)
        if math.isinf(number):
            # 1e400 overflows to infinity, which JSON cannot hold: cases.json would carry
            # `Infinity`, which JSON.parse rejects.
            return _Refused("Y112", f"number {text[:40]} is too large to be a finite number")
        return number
    return text


def _line_col(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(result: LoadResult, raw: bytes) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw[:nul].decode("utf-8", "replace"), nul)
        result.diagnostics.append(Diagnostic(result.path, line, col, "Y107", "binary data (NUL byte) in a text file"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace"), exc.start)
        result.diagnostics.append(
            Diagnostic(result.path, line, col, "Y107", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded")
        )
        return None


def _check_tabs(result: LoadResult, text: str) -> None:
    if "\t" not in text:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped and not stripped.startswith("#"):
            result.diagnostics.append(
                Diagnostic(result.path, number, indent.index("\t") + 1, "Y103", "tab character used for indentation")
            )


class _Builder:
    """Builds plain Python data from parser events, recording positions as it goes."""

    def __init__(self, result: LoadResult) -> None:
        self.result = result
        self.documents = 0
        self.aliases = 0
        self.first_alias = 0
        self.depth = 0
        self.too_deep = False

    def _flag(self, event: Any, code: str, message: str, path: JsonPath) -> None:
        mark = event.start_mark
        if code == "Y102":
            # Report the first anchor or alias and count the rest: an alias bomb would otherwise
            # bury the report under thousands of identical lines.
            self.aliases += 1
            if self.aliases > 1:
                return
            self.first_alias = len(self.result.diagnostics)
        self.result.diagnostics.append(
            Diagnostic(self.result.path, mark.line + 1, mark.column + 1, code, message, json_path=json_path(path))
        )

    def finish(self) -> None:
        """Fold the count of further anchors and aliases into the first Y102 diagnostic."""
        if self.aliases > 1:
            first = self.result.diagnostics[self.first_alias]
            more = self.aliases - 1
            self.result.diagnostics[self.first_alias] = dataclasses.replace(
                first,
                message=f"{first.message} (and {more} more anchor{'s' if more > 1 else ''} or alias{'es' if more > 1 else ''})",
            )

    def _check_node(self, event: Any, path: JsonPath) -> None:
        if event.anchor:
            self._flag(event, "Y102", f"anchor '&{event.anchor}' is not allowed in case files", path)
        tag = event.tag
        if tag and tag != "!":
            self._flag(event, "Y109", f"explicit tag '{tag}' is not allowed in case files", path)

    # The three methods below run once per YAML node, hundreds of thousands of times for a large
    # corpus: they dispatch on the exact event class and pull events straight from the parser's
    # get_event() (no generator in between), which halved the loader's own time.
    def node(self, get: Any, event: Any, path: JsonPath) -> Any:
        mark = event.start_mark
        self.result.positions[path] = (mark.line + 1, mark.column + 1)
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            if event.anchor or event.tag:
                self._check_node(event, path)
            if event.style not in (None, "") or event.tag:
                return event.value
            value = _resolve_plain(event.value)
            if value.__class__ is _Refused:
                self._flag(event, value.code, value.message, path)
                return None
            return value
        if kind is yaml.AliasEvent:
            self._flag(event, "Y102", f"alias '*{event.anchor}' is not allowed in case files", path)
            return None
        if event.anchor or event.tag:
            self._check_node(event, path)
        if self.depth >= MAX_DEPTH:
            self._skip_deep(get, event, path)
            return None
        self.depth += 1
        try:
            if kind is yaml.SequenceStartEvent:
                return self.sequence(get, path)
            if kind is yaml.MappingStartEvent:
                return self.mapping(get, path)
        finally:
            self.depth -= 1
        raise AssertionError(f"unexpected event {event!r}")  # pragma: no cover - parser guarantees order

    def _skip_deep(self, get: Any, event: Any, path: JsonPath) -> None:
        # Report the first collection past the limit, then drop its events without recursion: the
        # builder (and every later walk of the data) would otherwise exhaust Python's stack.
        if not self.too_deep:
            self.too_deep = True
            self._flag(event, "Y111", f"lists and mappings nest more than {MAX_DEPTH} levels deep", path)
        open_ = 1
        while open_:
            kind = get().__class__
            if kind in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
                open_ += 1
            elif kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                open_ -= 1

    def sequence(self, get: Any, path: JsonPath) -> list[Any]:
        items: list[Any] = []
        while (item := get()).__class__ is not yaml.SequenceEndEvent:
            items.append(self.node(get, item, (*path, len(items))))
        return items

    def mapping(self, get: Any, path: JsonPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        key_positions = self.result.key_positions
        while True:
            key_event = get()
            kind = key_event.__class__
            if kind is yaml.MappingEndEvent:
                return out
            if kind is not yaml.ScalarEvent:
                self._flag(key_event, "Y100", "keys must be plain text, not lists or mappings", path)
                self.node(get, key_event, (*path, "?"))
                self.node(get, get(), (*path, "?"))
                continue
            if key_event.anchor or key_event.tag:
                self._check_node(key_event, path)
            key: str = key_event.value
            child = (*path, key)
            mark: Any = key_event.start_mark
            line = mark.line + 1
            if key in first_seen:
                self._flag(key_event, "Y101", f"duplicate key '{key}' (first defined on line {first_seen[key]})", child)
                self.node(get, get(), (*path, f"{key}#dup"))
                continue
            first_seen[key] = line
            key_positions[child] = (line, mark.column + 1)
            out[key] = self.node(get, get(), child)

    def run(self, get: Any) -> Any:
        data: Any = None
        while (event := get()) is not None:
            kind = event.__class__
            if kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self._flag(event, "Y108", "a case file holds one YAML document; found a second", ())
                    return data
            elif kind in (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent):
                data = self.node(get, event, ())
        return data


def load_text(text: str, path: str) -> LoadResult:
    """Load one YAML document from text; never raises on bad input."""
    result = LoadResult(path)
    _check_tabs(result, text)
    if result.diagnostics:
        return result
    builder = _Builder(result)
    parser: Any = None
    try:
        parser = _Loader(text)
        data = builder.run(parser.get_event)
        builder.finish()
    except yaml.MarkedYAMLError as exc:
        if builder.too_deep:  # libyaml's own depth limit (1,000) after ours: Y111 says it already
            return result
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml scans a deep flow collection before we see it
            message = f"lists and mappings nest more than {MAX_DEPTH} levels deep"
            result.diagnostics.append(Diagnostic(path, line, col, "Y111", message))
            return result
        result.diagnostics.append(Diagnostic(path, line, col, "Y100", f"YAML syntax error: {problem}"))
        return result
    except yaml.YAMLError as exc:  # reader errors carry no mark of their own
        result.diagnostics.append(Diagnostic(path, 1, 1, "Y100", f"YAML syntax error: {exc}"))
        return result
    finally:
        if parser is not None:
            parser.dispose()
    if result.diagnostics:
        return result
    if builder.documents == 0 or (data is None and not text.strip("\n ").replace("---", "")):
        result.diagnostics.append(Diagnostic(path, 1, 1, "Y104", "the file holds no YAML document"))
    elif not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        result.diagnostics.append(
            Diagnostic(path, 1, 1, "Y105", f"a case must be a mapping of keys to values, not {kind}")
        )
    else:
        result.data = data
        if "allow-word" in text:  # cheap test first: almost no case carries the comment
            from casebook.gates.neutral import allowed_words

            result.allowed_words = allowed_words(text)
    return result


def load_file(path: Path, display: str | None = None) -> LoadResult:
    """Read and load one case file, capped at ``MAX_BYTES``; I/O problems become diagnostics.

    Raises:
        OSError: the file cannot be opened at all (missing, a directory, no permission); the
            caller decides whether that is a usage error.
    """
    shown = display or str(path)
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        result = LoadResult(shown)
        result.diagnostics.append(
            Diagnostic(shown, 1, 1, "Y106", f"file is larger than the {MAX_BYTES // 1024} KiB limit for a case")
        )
        return result
    result = LoadResult(shown)
    text = _decode(result, raw)
    if text is None:
        return result
    return load_text(text, shown)
