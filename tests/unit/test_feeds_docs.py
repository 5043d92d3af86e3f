"""The news-watch docs and workflow stay in step with the command and the code registry."""

from __future__ import annotations

from pathlib import Path

import yaml

from casebook.codes import CODES
from casebook.commands.watch import watch

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "news-watch.md").read_text(encoding="utf-8")


def test_every_option_is_documented() -> None:
    """Each option of `casebook watch` appears in docs/news-watch.md."""
    for param in watch.params:
        for option in param.opts:
            assert f"`{option} " in DOC or f"`{option}`" in DOC, option


def test_every_feed_code_is_documented() -> None:
    """Each F code is named in the docs."""
    for code in CODES:
        if code.startswith("F"):
            assert code in DOC, code


def test_workflow_is_scheduled_and_only_proposes() -> None:
    """Weekly cron plus manual runs; reads the repo, writes issues, never pushes or merges."""
    text = (ROOT / ".github" / "workflows" / "watch.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"].split()[-1] == "1"
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    assert "casebook watch --sources feeds/sources.yaml" in text
    for forbidden in ("git push", "gh pr merge", "gh pr create", "contents: write"):
        assert forbidden not in text
