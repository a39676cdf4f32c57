"""Round trip: each example plan -> vplan build (DOCX) -> vplan import -> the same plan in every figure,
chapter, goal, indicator and assignment, compared on the model and checking clean."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLANS
from importer_support import built_docx, import_into, project  # noqa: F401 (fixtures)
import model_facts as facts
from vplan.read import read_file

FACTS = ("figures", "chapters", "goals", "indicators", "assignments", "risks", "appendices", "tables")


@pytest.mark.parametrize("source", PLANS, ids=[p.stem for p in PLANS])
def test_round_trip_keeps_every_figure(source, built_docx, project):
    outcome, imported = import_into(project, built_docx[source.stem])
    original, _ = read_file(source)
    for name in FACTS:
        assert getattr(facts, name)(imported) == getattr(facts, name)(original), name
    assert facts.figures(imported), "the plan has figures to compare"
    errors = [d for d in outcome.check.diagnostics if d.severity.value == "fel"]
    assert not errors, outcome.lines


@pytest.mark.parametrize("source", PLANS, ids=[p.stem for p in PLANS])
def test_round_trip_front_matter(source, built_docx, project):
    _, imported = import_into(project, built_docx[source.stem])
    original, _ = read_file(source)
    a, b = imported.meta, original.meta
    assert (a.region, a.namnd, a.titel, a.fran, a.till, a.budgetar, a.diarienummer, a.status) == \
        (b.region, b.namnd, b.titel, b.fran, b.till, b.budgetar, b.diarienummer, b.status)
    decision = (lambda m: m.beslut and (m.beslut.organ, m.beslut.datum, m.beslut.paragraf))
    assert decision(a) == decision(b)
    assert a.datum == b.datum
    assert a.profil == b.profil


def test_a_plan_saved_again_by_libreoffice_keeps_its_assignments(built_docx, project, tmp_path):
    """An office that opens the plan in another editor and saves it: LibreOffice writes every list
    item as a list of its own and renames the styles. The import must still find the same plan."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
    from render_support import libreoffice_convert

    source = next(p for p in PLANS if p.stem.startswith("vasternorrland"))
    resaved = libreoffice_convert(built_docx[source.stem], tmp_path, "docx:MS Word 2007 XML", ".docx")
    outcome, imported = import_into(project, resaved)
    original, _ = read_file(source)
    for name in ("figures", "chapters", "goals", "indicators", "assignments"):
        assert getattr(facts, name)(imported) == getattr(facts, name)(original), name
    assert "<!--" not in outcome.target.read_text(encoding="utf-8")  # no list split by a separator
