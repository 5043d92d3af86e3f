"""A thin, safe wrapper around the ``git`` command line.

Arguments are passed as a list (never through a shell), every call has a timeout, and a missing
``git`` or a folder outside a repository is an ordinary answer (``None``), not an exception:
history is an extra that a build without git must survive.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 60.0
"""Seconds any one git call may take."""


class GitError(Exception):
    """A git command failed where the caller needs it to succeed (for example when tagging)."""


def _env() -> dict[str, str]:
    # A fixed locale and no pager or prompts, so the output parses the same everywhere.
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"})
    return env


def run(root: Path, *args: str, check: bool = True) -> str:
    """Run ``git -C root args...`` and return its standard output.

    Raises:
        GitError: git is missing, timed out or exited non-zero (when ``check``).
    """
    if shutil.which("git") is None:
        raise GitError("git is not installed")
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            env=_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {' '.join(args)}: {exc}") from exc
    if check and done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or f'exit {done.returncode}'}")
    return done.stdout


def try_run(root: Path, *args: str) -> str | None:
    """Like ``run``, but ``None`` when git is missing or the command fails."""
    try:
        return run(root, *args)
    except GitError:
        return None


def toplevel(path: Path) -> Path | None:
    """The root of the work tree holding ``path``, or ``None`` outside git."""
    out = try_run(path if path.is_dir() else path.parent, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out and out.strip() else None


def is_shallow(root: Path) -> bool:
    """Whether the repository is a shallow clone (its history is cut off)."""
    out = try_run(root, "rev-parse", "--is-shallow-repository")
    return out is not None and out.strip() == "true"


def dirty(root: Path) -> list[str]:
    """Paths with uncommitted changes or untracked files (``git status --porcelain``)."""
    out = run(root, "status", "--porcelain", "--untracked-files=normal")
    return [line[3:] for line in out.splitlines() if line.strip()]


def tags(root: Path, pattern: str) -> list[str]:
    """Tags matching a glob ``pattern``."""
    out = try_run(root, "tag", "--list", pattern)
    return [line.strip() for line in (out or "").splitlines() if line.strip()]
