"""vplan fmt on follow-ups: their own front matter and blocks in schema order, meaning kept."""
from __future__ import annotations

from pathlib import Path

import pytest

from vplan.fmt.files import CHANGED, UNCHANGED, check_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted((ROOT / "uppfoljning").glob("*.md")), ids=lambda p: p.stem)
def test_the_example_follow_ups_are_in_canonical_form(path):
    result = check_text(f"uppfoljning/{path.name}", path.read_bytes())
    assert result.status == UNCHANGED, (result.status, result.diagnostics, result.differences)


def test_a_follow_up_is_rewritten_in_schema_order_and_reads_the_same():
    text = (ROOT / "tests" / "cases" / "followup" / "ok.md").read_text(encoding="utf-8")
    scrambled = text.replace("plan: ../plans/liten-plan.md\nperiod: 2025-delår\n",
                             "period: 2025-delår\nplan: ../plans/liten-plan.md\n").replace(
        "  - id: hme\n    organisation: RS\n    värden:\n      2025: 79\n",
        "  - värden: {2025: 79}\n    organisation: RS\n    id: hme\n").replace(
        "  - id: strategi\n    status: pågår\n", "  - status: pågår\n    id: strategi\n")
    assert scrambled != text
    result = check_text("uppfoljning/ok.md", scrambled.encode("utf-8"))
    assert result.status == CHANGED, (result.diagnostics, result.differences)
    assert result.text == text
    assert check_text("uppfoljning/ok.md", text.encode("utf-8")).status == UNCHANGED


def test_follow_up_blocks_in_a_plan_are_left_as_they_are():
    """In a plan, ```utfall is a code block in the prose, not data: fmt does not touch it."""
    from vplan.fmt.document import format_text

    plan = (ROOT / "tests" / "cases" / "followup" / "plans" / "liten-plan.md").read_text(encoding="utf-8")
    odd = plan.replace("Inga kända.\n", "Inga kända.\n\n```utfall\nutfall:\n  - värden: {2025: 1}\n    id: x\n```\n")
    assert "  - värden: {2025: 1}\n    id: x\n" in format_text(odd)
