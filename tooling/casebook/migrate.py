"""Upgrade case files from format v1 to v2 by editing their text (ADR 0007).

The YAML is read only to find the facts (id, version, region text); the file itself is changed
line by line, so comments, key order, quoting and blank lines stay exactly as the author left
them. Three edits: ``format_version: 2`` after ``id``; ``organization.region`` becomes
``organization.country``; a top-level ``regions`` list follows the organization block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from casebook.atomic import write_text_atomic
from casebook.loading import LoadResult, load_text
from casebook.migrate_table import TABLE, RegionMapping

_ID = re.compile(r"^id:[ \t]")
_VERSION = re.compile(r"^format_version:[ \t]*1[ \t]*(#.*)?$")
_ORG = re.compile(r"^organization:[ \t]*(#.*)?$")
_REGION = re.compile(r"^(?P<indent>[ \t]+)region:[ \t]*(?P<value>.*?)[ \t]*(?P<comment>#.*)?$")
_TOP_LEVEL = re.compile(r"^[^\s#]")

HAND_EDIT = """\
  format_version: 2          # a new line after `id:`
  organization:
    country: XX              # instead of `region:`: the home country, ISO 3166-1 alpha-2
  regions: [XX, YY]          # after the organization block: where customers were harmed, or [global]
(codes: schema/countries.yaml), or run `casebook migrate FILE --country XX --regions XX,YY`"""


class MigrationError(Exception):
    """This file cannot be migrated automatically; ``line`` locates the reason."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Migrated:
    """The upgraded text of one file and the mapping used."""

    text: str
    mapping: RegionMapping


def _load(text: str, display: str) -> LoadResult:
    loaded = load_text(text, display)
    if not loaded.ok:
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        raise MigrationError("the file is not readable YAML; fix it first", first.line if first else 1)
    return loaded


def _mapping(loaded: LoadResult, override: RegionMapping | None) -> RegionMapping:
    data = loaded.data
    version = data.get("format_version")
    if version == 2:
        raise MigrationError("already format v2; nothing to do", loaded.locate(("format_version",))[0])
    if version not in (None, 1):
        raise MigrationError(f"unknown format_version {version!r}", loaded.locate(("format_version",))[0])
    org = data.get("organization")
    region = org.get("region") if isinstance(org, dict) else None
    where = loaded.locate(("organization", "region"))[0] if region is not None else 1
    if not isinstance(region, str):
        raise MigrationError("no `organization.region` text to migrate; edit the file by hand:\n" + HAND_EDIT, where)
    if override is not None:
        return RegionMapping(region, override.country, override.regions)
    known = TABLE.get(str(data.get("id")))
    if known is None or known.region != region:
        raise MigrationError(
            f"no migration mapping for region {region!r} of case {data.get('id')!r}; "
            "add the v2 fields by hand:\n" + HAND_EDIT,
            where,
        )
    return known


def _eol(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :] or "\n"


def migrate_text(text: str, display: str = "<text>", override: RegionMapping | None = None) -> Migrated:
    """Return the v2 text of a v1 case file.

    Raises:
        MigrationError: already v2, unreadable, or no mapping for its region text.
    """
    loaded = _load(text, display)
    mapping = _mapping(loaded, override)
    insert_version = loaded.data.get("format_version") is None
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    in_org = False
    org_end: int | None = None
    replaced = added_version = False
    for line in lines:
        bare = line.rstrip("\r\n")
        if in_org and _TOP_LEVEL.match(bare):
            in_org = False
        if _VERSION.match(bare):
            out.append(bare.replace("1", "2", 1) + _eol(line))
            added_version = True
            continue
        if in_org and not replaced and (match := _REGION.match(bare)):
            if match["value"].strip("\"'") != mapping.region:  # quoted oddly or folded onto more lines
                raise MigrationError("the region text spans lines; edit by hand:\n" + HAND_EDIT, len(out) + 1)
            comment = f"  {match['comment']}" if match["comment"] else ""
            out.append(f"{match['indent']}country: {mapping.country}{comment}{_eol(line)}")
            replaced = True
        else:
            out.append(line)
        if in_org and bare.strip() and not bare.lstrip().startswith("#"):
            org_end = len(out)
        if _ORG.match(bare):
            in_org, org_end = True, len(out)
        if _ID.match(bare) and insert_version and not added_version:
            out.append("format_version: 2" + _eol(line))
            added_version = True
    if not (replaced and added_version and org_end is not None):
        raise MigrationError("the layout is not one the migration can edit safely; edit by hand:\n" + HAND_EDIT)
    eol = _eol(out[org_end - 1])
    out.insert(org_end, f"regions: [{', '.join(mapping.regions)}]{eol}")
    return Migrated("".join(out), mapping)


def migrate_file(path: Path, display: str, override: RegionMapping | None = None) -> RegionMapping:
    """Rewrite one file in place (atomically) and return the mapping used.

    Raises:
        MigrationError: see ``migrate_text``.
        OSError: the file cannot be read or written.
    """
    try:
        text = path.read_bytes().decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise MigrationError("the file is not UTF-8 text; fix it first") from exc
    migrated = migrate_text(text, display, override)
    write_text_atomic(path, migrated.text)
    return migrated.mapping
