"""The reference plans (../shared/reference-plans/*.txt), made into Word files the way an office lays
them out (tests/importer/reference.py): layouts vplan did not write come in with every figure."""
from __future__ import annotations

import re

import pytest

from importer_support import import_into, project  # noqa: F401 (a fixture)
from reference import _TOC_LINE, REFERENCE, _clean, docx_from_text
from vplan.importer import coverage

TEXTS = sorted(REFERENCE.glob("*.txt")) if REFERENCE.is_dir() else []
_NUMBER = re.compile(r"^[-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?\s?%?$")


def _table_numbers(txt) -> list[str]:
    """Every cell of the text's tab-separated rows that is a number, as written."""
    out = []
    for line in txt.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not _TOC_LINE.match(_clean(line)):  # not the page numbers of the table of contents
            out += [c.strip() for c in re.sub(r"</?b>|<sup>.*?</sup>", "", line).split("\t")
                    if _NUMBER.match(c.strip())]
    return out


@pytest.mark.outside_data
@pytest.mark.skipif(not TEXTS, reason=f"the reference plans are not on this machine ({REFERENCE})")
@pytest.mark.parametrize("txt", TEXTS, ids=[t.stem for t in TEXTS])
def test_reference_layout_keeps_every_figure(txt, project, tmp_path):
    outcome, plan = import_into(project, docx_from_text(txt, tmp_path / f"{txt.stem}.docx"))
    text = outcome.target.read_text(encoding="utf-8")
    present = set(coverage.tokens(text))
    numbers = _table_numbers(txt)
    assert numbers
    lost = [n for n in numbers if not set(coverage.tokens(n)) <= present]
    assert not lost
    assert outcome.exit_code in (0, 1)
    assert plan.meta.namnd == "Regionstyrelsen"
    assert plan.meta.region.startswith("Region ")
    assert len(list(plan.blocks())) >= 10
    errors = [d for d in outcome.check.diagnostics if d.severity.value == "fel"]
    assert not errors, outcome.lines
