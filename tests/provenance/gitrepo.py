"""A scratch git repository with a few fixture cases, for release and history tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers import MINIMAL

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n### Added\n- A tooling change.\n"


class Repo:
    """A git repository at ``root`` whose corpus is ``root/cases``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cases = root / "cases"
        self.cases.mkdir(parents=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str, date: str = "2026-11-01T12:00:00+00:00") -> str:
        env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, env=env, check=True)
        return done.stdout

    def write_case(self, ident: str, title: str | None = None) -> Path:
        """A valid case ``ident``, made from the minimal fixture."""
        text = MINIMAL.read_text(encoding="utf-8").replace("2099-acme-minimal", ident)
        if title:
            text = text.replace("title: Acme's fictional widget recall", f"title: {title}")
        path = self.cases / f"{ident}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, date: str = "2026-11-01T12:00:00+00:00") -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", message, date=date)
