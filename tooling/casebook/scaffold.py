"""New case files from cases/_TEMPLATE.yaml: the id, title and organization filled in, TODO elsewhere.

The template keeps its comments, so the scaffold explains every field; `casebook validate`
reports each remaining TODO as H803 "unfinished" with its line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from casebook.resources import project_root

TEMPLATE_NAME = "_TEMPLATE.yaml"


class ScaffoldError(Exception):
    """The scaffold cannot be written (bad input or an existing file)."""


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Société Générale!" -> "societe-generale"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class NewCase:
    """What a new case is made from."""

    organization: str
    year: int
    title: str
    slug: str

    @property
    def case_id(self) -> str:
        """``<year>-<org>-<slug>``."""
        return f"{self.year}-{slugify(self.organization)}-{slugify(self.slug)}"


def _check(new: NewCase) -> None:
    if not 1900 <= new.year <= 2099:
        raise ScaffoldError(f"year {new.year} is outside 1900-2099")
    if not slugify(new.organization):
        raise ScaffoldError("the organization needs at least one letter or digit")
    if not slugify(new.slug):
        raise ScaffoldError("the slug needs at least one letter or digit")
    if not new.title.strip():
        raise ScaffoldError("the title is empty")


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title.
    return json.dumps(text.strip(), ensure_ascii=False)


def scaffold_text(new: NewCase, template: str) -> str:
    """Fill the template's id, title and organization name; everything else stays TODO."""
    _check(new)
    replacements = {
        r"^id: TODO\S*": f"id: {new.case_id}",
        r"^title: TODO[^#\n]*": f"title: {_quote(new.title)}",
        r"^  name: TODO[^#\n]*": f"  name: {_quote(new.organization)}",
    }
    text = template
    for pattern, value in replacements.items():
        # Escape backslashes so the value is inserted literally, whatever the title holds.
        text, count = re.subn(pattern, value.replace("\\", "\\\\"), text, count=1, flags=re.MULTILINE)
        if count != 1:
            raise ScaffoldError(f"the template has no line matching {pattern!r}")
    return text


def write_scaffold(new: NewCase, cases_dir: Path, template: Path | None = None) -> Path:
    """Write ``cases_dir/<id>.yaml``; refuse to overwrite an existing case.

    Raises:
        ScaffoldError: bad input, a missing template, or the file exists.
    """
    source = template or cases_dir / TEMPLATE_NAME
    if not source.is_file():
        source = project_root() / "cases" / TEMPLATE_NAME
    try:
        text = scaffold_text(new, source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScaffoldError(f"cannot read the template {source}: {exc.strerror}") from exc
    target = cases_dir / f"{new.case_id}.yaml"
    cases_dir.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            try:
                handle.write(text)
                handle.flush()
            except BaseException:
                target.unlink(missing_ok=True)  # ours, just created: never leave half a case (#12)
                raise
    except FileExistsError as exc:
        raise ScaffoldError(f"{target} already exists; edit it instead") from exc
    except OSError as exc:
        raise ScaffoldError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
