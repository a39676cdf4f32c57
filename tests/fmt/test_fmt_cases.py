"""Case files: tests/cases/fmt/NAME.md (messy) beside NAME.out.md (its canonical form).

Each case must format safely to exactly NAME.out.md, and NAME.out.md must be
left as it is. VPLAN_UPDATE_SNAPSHOTS=1 rewrites the .out.md files.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from vplan.fmt.files import CHANGED, UNCHANGED, check_text

CASES = Path(__file__).resolve().parent.parent / "cases" / "fmt"
UPDATE = os.environ.get("VPLAN_UPDATE_SNAPSHOTS") == "1"
NAMES = sorted(p.name[: -len(".md")] for p in CASES.glob("*.md") if not p.name.endswith(".out.md"))


@pytest.mark.parametrize("name", NAMES)
def test_messy_input_gives_canonical_output(name):
    data = (CASES / f"{name}.md").read_bytes()
    outcome = check_text(f"{name}.md", data)
    assert outcome.status in (CHANGED, UNCHANGED), (outcome.differences, outcome.diagnostics)
    expected = CASES / f"{name}.out.md"
    if UPDATE:
        expected.write_bytes(outcome.text.encode("utf-8"))
    assert outcome.text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_canonical_output_is_left_alone(name):
    data = (CASES / f"{name}.out.md").read_bytes()
    outcome = check_text(f"{name}.out.md", data)
    assert outcome.status == UNCHANGED, outcome.differences


def test_every_case_has_an_output():
    assert NAMES and all((CASES / f"{n}.out.md").exists() for n in NAMES)
