"""The contributor journey and the automation around it (issue: contributor workflow)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from casebook.cli import main
from casebook.loading import load_file
from casebook.render import GENERATED_DIRS
from tests.helpers import minimal_data

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/case.schema.json"


def _new(cases: Path, *extra: str) -> tuple[int, str]:
    args = [
        "new",
        "--org",
        "Acme Widgets",
        "--year",
        "2099",
        "--title",
        "Acme's springs snap",
        "--slug",
        "springs",
        "--cases",
        str(cases),
        *extra,
    ]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_journey_new_unfinished_filled_valid_built(tmp_path: Path) -> None:
    """new -> located 'unfinished' errors -> filled in -> passes -> its page builds."""
    from casebook.build import build_site  # a whole MkDocs build: imported only here

    cases = tmp_path / "cases"
    code, output = _new(cases)
    assert code == 0, output
    path = cases / "2099-acme-widgets-springs.yaml"
    assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)

    checked = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    assert checked.exit_code == 1
    codes = {d["code"] for d in yaml.safe_load(checked.output)["diagnostics"]}
    assert codes == {"H803"}
    text = path.read_text(encoding="utf-8").splitlines()
    for diagnostic in yaml.safe_load(checked.output)["diagnostics"]:
        # Located at the value: on its line, or on the next for a block scalar (`summary: >-`).
        at = text[diagnostic["line"] - 1][diagnostic["col"] - 1 :]
        assert "TODO" in at or (at.startswith(">") and "TODO" in text[diagnostic["line"]]), diagnostic

    filled = minimal_data()
    scaffold = load_file(path).data
    filled.update(id=scaffold["id"], title=scaffold["title"])
    filled["organization"]["name"] = scaffold["organization"]["name"]
    path.write_text(SCHEMA_LINE + "\n" + yaml.safe_dump(filled, sort_keys=False), encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", "--strict", str(path)]).exit_code == 0

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site", tmp_path / "site", ignore=shutil.ignore_patterns(*GENERATED_DIRS, "__pycache__"))
    out, _ = build_site(tmp_path / "mkdocs.yml", cases, tmp_path / "out")
    assert "springs snap" in (out / "cases" / path.stem / "index.html").read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    """A second `new` for the same id is a usage error and leaves the file alone."""
    assert _new(tmp_path)[0] == 0
    path = tmp_path / "2099-acme-widgets-springs.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, output = _new(tmp_path)
    assert code == 2 and "already exists" in output
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_new_without_terminal_needs_options(tmp_path: Path) -> None:
    """Without a terminal, a missing option is a usage error, not a prompt that hangs."""
    result = CliRunner().invoke(main, ["new", "--org", "Acme", "--cases", str(tmp_path)], input="")
    assert result.exit_code == 2
    assert "missing --year" in result.output


def test_every_case_starts_with_the_schema_line() -> None:
    """Editors with the YAML language server find the schema from every case file."""
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path.name


def _commands() -> set[str]:
    return set(main.commands)


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def _run_lines() -> list[str]:
    lines = []
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
            lines += [step["run"] for step in job.get("steps", []) if "run" in step]
    return lines


def test_workflow_commands_exist() -> None:
    """Every `make X` and `casebook X` a workflow runs is a real target or command."""
    lines = _run_lines()
    assert lines
    for line in lines:
        for target in re.findall(r"\bmake\s+([a-z][a-z-]*)", line):
            assert target in _make_targets(), line
        for command in re.findall(r"\bcasebook\s+([a-z][a-z-]*)", line):
            assert command in _commands(), line


@pytest.mark.parametrize("config", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_hooks_call_real_commands(config: str) -> None:
    """The pre-commit hooks call `casebook` commands that exist."""
    data = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    entries = [h["entry"] for h in hooks if "entry" in h and "casebook" in h["entry"]]
    assert entries
    for entry in entries:
        assert entry.split("casebook ", 1)[1].split()[0] in _commands()


def _checklist(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- [ ] ")]


def test_review_checklist_is_the_same_in_contributing_and_the_pr_template() -> None:
    """The pull-request template's case checklist is CONTRIBUTING.md's review checklist."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    review = contributing.split("## Review checklist", 1)[1].split("\n## ", 1)[0]
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    cases_part = template.split("## Review checklist (cases)", 1)[1].split("\n## ", 1)[0]
    assert _checklist(review) == _checklist(cases_part)
    assert len(_checklist(review)) >= 8


def test_readme_documents_every_command() -> None:
    """Every CLI command appears in the README's command table (sqlite-utils' docs test)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in sorted(_commands()) if f"`casebook {name}" not in readme]
    assert missing == []
