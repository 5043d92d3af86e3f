"""Configuration URLs (issue 12, item 14): only http(s), from the environment, the CLI or mkdocs.yml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.config_urls import ConfigURLError, check_mkdocs_config, check_url
from tests.helpers import MINIMAL
from tests.hostile.helpers import run
from tests.sites import copy_project

CASES = str(MINIMAL.parent)
BAD = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,x",
    "file:///etc/passwd",
    "//evil.example/",
    "https://",
    "https://a\x1b[2K.example/",
    "https://a.example/ x",
]


@pytest.mark.parametrize("url", BAD)
@pytest.mark.parametrize("option", ["--site-url", "--repo-url"])
def test_render_refuses_bad_url_options(tmp_path: Path, option: str, url: str) -> None:
    """render --site-url/--repo-url take only http(s): exit 2, the option named, nothing written."""
    result = run("render", "--cases", CASES, "--out", str(tmp_path / "docs"), option, url)
    assert result.exit_code == 2, result.output
    assert option in result.output and "\x1b" not in result.output
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("variable", ["CASEBOOK_SITE_URL", "CASEBOOK_REPO_URL"])
def test_render_refuses_bad_url_variables(tmp_path: Path, variable: str) -> None:
    """The same through the environment variables the options default to."""
    result = run("render", "--cases", CASES, "--out", str(tmp_path / "docs"), env={variable: "javascript:alert(1)"})
    assert result.exit_code == 2 and variable in result.output


def test_render_refuses_a_scheme_in_the_edit_path(tmp_path: Path) -> None:
    """--edit-path is relative or http(s); a javascript: one would become every case's edit link."""
    args = ["--repo-url", "https://git.example/x", "--edit-path", "javascript:alert(1)//"]
    result = run("render", "--cases", CASES, "--out", str(tmp_path / "docs"), *args)
    assert result.exit_code == 2 and "--edit-path" in result.output


@pytest.mark.parametrize("variable", ["CASEBOOK_SITE_URL", "CASEBOOK_REPO_URL"])
def test_build_refuses_bad_url_variables(tmp_path: Path, variable: str) -> None:
    """build with CASEBOOK_REPO_URL=javascript:... (which reached every page's footer) is exit 2, and builds nothing."""
    project = copy_project(tmp_path)
    out = tmp_path / "out"
    args = ["build", "--config", str(project / "mkdocs.yml"), "--cases", CASES, "--out", str(out)]
    result = run(*args, env={variable: "javascript:alert(document.domain)"})
    assert result.exit_code == 2, result.output
    assert variable in result.output and "javascript:alert(document.domain)" in result.output
    assert not out.exists()


def test_build_refuses_a_bad_repository_in_mkdocs_yml(tmp_path: Path) -> None:
    """A javascript: extra.repository written into mkdocs.yml itself is refused the same way."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("repository: !ENV", "repository: javascript:alert(1) #"), encoding="utf-8")
    result = run("build", "--config", str(config), "--cases", CASES, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "extra.repository" in result.output


def test_mkdocs_through_the_hook_refuses_with_a_plugin_error(tmp_path: Path) -> None:
    """mkdocs build (as mkdocs serve builds) stops in the hook with the message and no traceback."""
    project = copy_project(tmp_path)
    env = {
        **os.environ,
        "CASEBOOK_REPO_URL": "javascript:alert(1)",
        "CASEBOOK_CASES": CASES,
        "NO_MKDOCS_2_WARNING": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "extra.repository (CASEBOOK_REPO_URL) must be an http:// or https:// URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_rule() -> None:
    """http(s) with a host passes; relative paths pass only where allowed; social links are checked."""
    check_url("x", "https://casebook.example/")
    check_url("x", "")
    check_url("x", "edit/main/", relative_ok=True)
    for url in BAD:
        with pytest.raises(ConfigURLError):
            check_url("x", url)
    with pytest.raises(ConfigURLError):
        check_url("x", "javascript:alert(1)", relative_ok=True)
    with pytest.raises(ConfigURLError, match=r"extra.social\[0\].link"):
        check_mkdocs_config({"site_url": "https://a.example/", "extra": {"social": [{"link": "javascript:x"}]}})
