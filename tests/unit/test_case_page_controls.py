"""A break's stopping control shows on its case page and links to the Controls page (issue #16)."""

from __future__ import annotations

import dataclasses

from casebook.model import Control
from casebook.render.case_page import timeline
from tests.helpers import minimal_case


def test_break_shows_its_control_with_a_link_and_escaped_reason() -> None:
    """The line names the control, links to its section, and escapes the reason."""
    base = minimal_case()
    chain = tuple(
        dataclasses.replace(
            e, stopped_by=Control("supplier_audit", "partners", "<b>audit</b> [x](javascript:1)", ("memo",))
        )
        if e.kind == "break"
        else e
        for e in base.chain
    )
    page = "\n".join(timeline(dataclasses.replace(base, chain=chain)))
    assert "Could have been stopped by [Supplier audit](../controls/index.md#supplier_audit), owned at partners" in page
    assert "<b>" not in page and "](javascript:" not in page
    assert "#source-memo" in page


def test_no_line_without_a_control() -> None:
    """Events without a control get no line."""
    assert "Could have been stopped by" not in "\n".join(timeline(minimal_case()))
