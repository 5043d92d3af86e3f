"""Validation of files and folders of cases: load -> hygiene -> schema -> gates -> corpus gates.

Per-file problems travel as diagnostics and never stop the other files; only documents with no
error become ``Case`` objects.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.diagnostics import Diagnostic, Severity
from casebook.gates import CASE_GATES, REQUIREMENTS, aliases, hygiene, identity, version
from casebook.gcpause import paused_gc
from casebook.loading import LoadResult, load_file
from casebook.model import Case, build_case
from casebook.progress import Progress
from casebook.schema_check import check_schema

if TYPE_CHECKING:  # the cache is imported only by the builds that use it (start-up time)
    from casebook.build_cache import BuildCache

CASE_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A path given on the command line does not exist or cannot be read (exit status 2)."""


@dataclass
class CheckResult:
    """Everything a validation run found."""

    files: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    """Case id -> a hash of its file and of the code that checked it (only when a cache was used)."""

    @property
    def errors(self) -> int:
        """How many errors."""
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def is_case_file(path: Path) -> bool:
    """Case files are *.yaml/*.yml whose names do not start with '_' or '.' (templates, hidden files)."""
    return path.suffix in CASE_SUFFIXES and not path.name.startswith(("_", "."))


def _case_files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file() and is_case_file(p))


def check_corpus_folder(folder: Path) -> None:
    """Check that ``folder`` is a folder holding at least one case file.

    Raises:
        UsageError: it is missing, not a folder, or holds no case (``_TEMPLATE.yaml`` is no case).
    """
    if not folder.exists():
        raise UsageError(f"no such cases folder: {folder}")
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder; give the folder that holds the case files")
    if next(_case_files(folder), None) is None:
        raise UsageError(f"no case files in {folder}: a case is a *.yaml file whose name does not start with '_'")


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Turn files and folders into a sorted list of case files.

    Raises:
        UsageError: a path does not exist, or a folder holds no case file.
    """
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found: set[Path] = set()
            for entry in path.rglob("*"):
                if is_case_file(entry) and not entry.is_file():
                    _refuse_bad_link(entry)
                elif entry.is_file() and is_case_file(entry):
                    found.add(entry)
            if not found:
                check_corpus_folder(path)
            files.update(found)
        elif path.is_file():
            files.add(path)
        else:
            _refuse_bad_link(path)
            raise UsageError(f"no such file or folder: {path}")
    return sorted(files)


def _refuse_bad_link(path: Path) -> None:
    """Raise a usage error for a case-named symbolic link that loops or points nowhere.

    Skipping it would drop a case without a word; following it is impossible (issue 12, item 7).
    Folders linked into the cases folder are never followed (``rglob`` does not), so a link to
    ``.`` cannot make the walk loop.
    """
    if not path.is_symlink():
        return
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(f"symbolic link loop: {path}") from exc
        raise UsageError(f"broken symbolic link: {path} points to {path.readlink()}, which does not exist") from exc


def sibling_ids(files: Iterable[Path]) -> set[str]:
    """Ids of every case next to the given files, read from file names without parsing them.

    File name == id is enforced (I700), so this is how a single-file run knows the corpus.
    """
    ids: set[str] = set()
    for folder in {f.parent for f in files}:
        # scandir reads the file type from the directory entry: no stat per file, which matters
        # when one changed file is checked against a folder of 10,000 cases.
        with os.scandir(folder) as entries:
            ids.update(Path(e.name).stem for e in entries if _is_file(e) and is_case_file(Path(e.name)))
    return ids


def _is_file(entry: os.DirEntry[str]) -> bool:
    # A symbolic link loop raises ELOOP here; expand_paths reports the ones named like cases.
    try:
        return entry.is_file()
    except OSError:
        return False


def check_loaded(loaded: LoadResult, path: Path, require: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Run the format, hygiene, schema and case gates on one loaded document.

    ``require`` names the checks of ``REQUIREMENTS`` to run as well (``--require``).
    """
    old = version.check(loaded, loaded.path)
    if old:
        return old  # a v1 file: one error that says how to upgrade, not a dozen about its fields
    found = list(hygiene.check(loaded))
    # Only a TODO finding (H803) means there are paths to skip; most cases have none.
    unfinished = any(d.code == "H803" for d in found)
    schema_errors = list(check_schema(loaded, skip=hygiene.todo_paths(loaded) if unfinished else frozenset()))
    found += schema_errors
    if schema_errors or unfinished:
        return found
    found += identity.check_file_name(loaded, path)
    for gate in CASE_GATES.values():
        found += gate(loaded)
    for name in sorted(require):
        found += REQUIREMENTS[name](loaded)
    return found


def _display(path: Path, cwd: Path) -> str:
    try:
        return str(path.resolve().relative_to(cwd))
    except ValueError:
        return str(path)


def _corpus_view(loaded: LoadResult) -> LoadResult:
    """The part of a loaded case the corpus gates read: its id, related ids and aliases, with positions.

    Keeping every file's full document and position map until the corpus gates run cost about
    180 KB per case (1.8 GB for 10,000 cases), and the garbage collector rescanned all of it.
    """
    data = loaded.data
    view = {"id": data["id"], "related": data.get("related", []), "aliases": data.get("aliases", [])}
    positions = {k: v for k, v in loaded.positions.items() if not k or k[0] in view}
    return LoadResult(loaded.path, view, positions)


def check_file(
    path: Path, display: str, require: frozenset[str] = frozenset()
) -> tuple[list[Diagnostic], LoadResult | None, Case | None]:
    """One file's diagnostics, what the corpus gates need of it (if it is schema-valid) and its case
    (if it has no error).

    Raises:
        UsageError: the file cannot be opened.
    """
    try:
        loaded = load_file(path, display)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    found = loaded.diagnostics if not loaded.ok else check_loaded(loaded, path, require)
    if not loaded.ok or any(d.code[0] in "SVY" or d.code == "H803" for d in found):
        return found, None, None
    case = None if any(d.severity is Severity.ERROR for d in found) else build_case(loaded.data, loaded.path)
    return found, _corpus_view(loaded), case


def validate_paths(
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    require: frozenset[str] = frozenset(),
    cache: BuildCache | None = None,
) -> CheckResult:
    """Validate every case file under ``paths``; corpus gates see the folders' other cases too.

    ``progress`` is told of each file checked (``casebook.progress``); the caller closes it.
    ``require`` switches on checks of ``casebook.gates.REQUIREMENTS`` (``controls``, ``reviews``).
    With a ``cache`` (``casebook.build_cache``), a file whose bytes were checked before by the same
    code with the same ``require`` is not checked again (``casebook.corpus_cache``); the corpus
    gates always run.

    Raises:
        UsageError: a path does not exist or a file cannot be opened.
    """
    files = expand_paths(paths)
    result = CheckResult(files=len(files))
    progress = progress or Progress(enabled=False)
    progress.start("checking", len(files), "files")
    cwd = Path.cwd().resolve()
    shaped: list[tuple[LoadResult, Path]] = []  # schema-valid: enough for the corpus gates
    valid: list[Case] = []  # no error at all: these become cases
    with paused_gc():  # the cases kept here would be rescanned by every full collection
        for path in files:
            display = _display(path, cwd)
            if cache is None:
                found, view, case = check_file(path, display, require)
            else:
                from casebook.corpus_cache import cached_check

                found, view, case, key = cached_check(cache, path, display, check_file, require)
                if case is not None:
                    result.digests[case.id] = key
            result.diagnostics += found
            if view is not None:
                shaped.append((view, path))
            if case is not None:
                valid.append(case)
            progress.advance()
    siblings = sibling_ids(files)
    corpus = [*identity.check_corpus(shaped, siblings), *aliases.check_aliases(shaped, siblings)]
    result.diagnostics += corpus
    rejected = {d.path for d in corpus if d.severity is Severity.ERROR}
    result.cases = [case for case in valid if case.path not in rejected]
    result.diagnostics.sort()
    return result


def load_corpus(cases_dir: Path, *, progress: Progress | None = None, cache: BuildCache | None = None) -> CheckResult:
    """Validate a corpus folder; the render and graph commands build from ``result.cases``."""
    return validate_paths([cases_dir], progress=progress, cache=cache)
