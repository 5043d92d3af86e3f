"""The Controls page: heat map of stopping points and the breaks under each control (issue #16)."""

from __future__ import annotations

import dataclasses
import re

from casebook.model import Case, Control
from casebook.render.context import Corpus
from casebook.render.controls_page import controls_page
from tests.helpers import minimal_case

HOSTILE = '<script>alert(1)</script> [x](javascript:alert(1)) "quoted"'


def _with_control(case_id: str, control: str, owner: str, reason: str = "A review would have caught it.") -> Case:
    base = minimal_case()
    chain = tuple(
        dataclasses.replace(e, stopped_by=Control(control, owner, reason)) if e.kind == "break" else e
        for e in base.chain
    )
    return dataclasses.replace(base, id=case_id, chain=chain)


def _page(*cases: Case) -> str:
    return controls_page(Corpus.build(list(cases), None))


def test_heat_map_counts_breaks_by_control_and_owner() -> None:
    """Two cases naming supplier_audit at partners give a 2 in that cell, the busiest shade."""
    page = _page(
        _with_control("2099-a", "supplier_audit", "partners"), _with_control("2099-b", "supplier_audit", "partners")
    )
    cell = re.search(
        r'<td class="cb-heat cb-heat--(\d)( cb-heat--guard)?" title="Supplier audit, owned at Partners: (\d+) breaks?">',
        page,
    )
    assert cell is not None
    breaks = sum(e.kind == "break" for e in minimal_case().chain)
    assert int(cell.group(3)) == 2 * breaks and cell.group(1) == "4"
    assert "## Supplier audit { #supplier_audit }" in page
    assert "(../cases/2099-a.md#event-defect)" in page


def test_guarded_stages_are_outlined() -> None:
    """A control's guard stages carry the outline class even when empty."""
    page = _page(_with_control("2099-a", "supplier_audit", "partners"))
    row = page.split('href="#pre_launch_privacy_review"')[1].split("</tr>")[0]
    assert row.count("cb-heat--guard") == 2  # design and onboarding


def test_controls_without_breaks_say_so() -> None:
    """Every control has a section; one with no break says none names it yet."""
    page = _page(minimal_case())
    assert "## Staged rollout { #staged_rollout }" in page
    assert page.count("No break in the corpus names this control yet.") >= 14


def test_reason_text_is_escaped() -> None:
    """Case text in a reason cannot open a tag or a link."""
    page = _page(_with_control("2099-a", "supplier_audit", "partners", HOSTILE))
    assert "<script>" not in page and "](javascript:" not in page
    assert "&lt;script&gt;" in page
