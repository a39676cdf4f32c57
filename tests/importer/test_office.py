"""A Word plan made the way an office makes one (tests/importer/office.py) comes in whole."""
from __future__ import annotations

from decimal import Decimal

import pytest

from importer_support import import_into, project  # noqa: F401 (a fixture)
from office import office_plan
from vplan.model import Number


@pytest.fixture
def imported(project, tmp_path_factory):
    docx = office_plan(tmp_path_factory.mktemp("word") / "Verksamhetsplan 2026.docx")
    return import_into(project, docx)


def _blocks(plan, kind):
    return [b for b in plan.blocks() if getattr(b, "kind", None) == kind]


def test_cover_becomes_front_matter(imported):
    _, plan = imported
    m = plan.meta
    assert (m.region, m.namnd, m.titel, m.fran, m.till, m.diarienummer) == (
        "Region Testbotten", "Kulturnämnden", "Verksamhetsplan 2026–2028", 2026, 2028, "KN 2025/14")
    assert (m.status, m.beslut.organ, m.beslut.datum, m.beslut.paragraf) == ("beslutad", "Kulturnämnden",
                                                                              "2025-11-20", "§ 88")


def test_headings_numbers_stripped_and_chapters_mapped(imported):
    outcome, plan = imported
    assert [c.title for c in plan.chapters] == ["Inledning", "Målområden", "Ekonomi", "Risker", "Bilagor"]
    goals = [(s.kind, s.number, s.title) for s in plan.sections() if s.kind in ("målområde", "mål")]
    assert goals == [("målområde", "1", "Kultur för alla"), ("mål", "1", "Fler besöker länets kulturinstitutioner"),
                     ("mål", "2", "Barn och unga deltar i kulturlivet")]
    report = "\n".join(outcome.lines)
    assert "”3 Budgetram”" in report and "”Ekonomi”" in report  # the renamed chapter is named


def test_table_of_contents_dropped(imported):
    outcome, plan = imported
    text = outcome.target.read_text(encoding="utf-8")
    assert "Innehåll" not in text and "\t" not in text


def test_indicators_with_repeated_header_merged_target_and_note(imported):
    _, plan = imported
    first = _blocks(plan, "indikatorer")[0].indikatorer
    assert [i.namn for i in first] == ["Antal besök på länsmuseet", "Andel nöjda besökare, kvinnor",
                                       "Andel nöjda besökare, män"]
    women, men = first[1], first[2]
    assert women.enhet == "%" and [(v.year, v.value, v.rowspan) for v in women.mal] == [
        (2026, Number(Decimal("85")), 2), (2028, Number(Decimal("90")), 2)]
    assert [(v.year, v.value, v.note) for v in men.utfall] == [(2024, Number(Decimal("77")), "(feb-25)")]
    assert plan.meta.malar == (2026, 2028)


def test_budget_table_groups_varav_minus_and_total(imported):
    _, plan = imported
    table = next(t for t in plan.tables() if t.radrubrik == "Tkr")
    assert [(c.rubrik, c.grupp, c.ar) for c in table.kolumner] == [
        ("2025", "Budget", 2025), ("2026", "Budget", 2026), ("Förändring", None, None)]
    names = [(r.namn, [s.namn for s in r.rader]) for r in table.rader]
    assert names == [("Kulturnämnden", ["varav bibliotek", "varav museer"]), ("Regionteatern", []), ("Summa", [])]
    theatre, total = table.rader[1], table.rader[2]
    assert theatre.varden[table.kolumner[0].id] == Number(Decimal("-1200.5"))
    assert total.formel == "summa"


def test_shaded_cells_become_a_status_column(imported):
    _, plan = imported
    table = next(t for t in plan.tables() if t.radrubrik == "Åtgärd")
    assert table.kolumner[0].typ == "status"
    assert [(s.kod, s.farg) for s in table.skala] == [("Klar", "grön"), ("Försenad", "gul"), ("Stoppad", "röd")]


def test_lists_risks_appendices_footnotes_and_image(imported):
    outcome, plan = imported
    text = outcome.target.read_text(encoding="utf-8")
    assert "1. Läsfrämjande insatser" in text  # Word's own numbering, kept as a numbered list
    assert "**tre**" in text and "*denna*" in text
    assert [f.markdown for f in plan.footnotes] == ["Kulturplanen beslutades av regionfullmäktige 2024."]
    assert [a.text for a in plan.assignments()] == ["Ta fram en plan för läsfrämjande arbete senast 2026.",
                                                    "Utreda en gemensam biljettlösning."]
    assert [r.titel for r in plan.risks()] == ["Minskade statsbidrag", "Brist på lokaler"]
    assert [(a.nummer, a.titel) for a in plan.appendices()] == [(1, "Kulturplan för länet"),
                                                               (2, "Uppföljning av indikatorerna")]
    image = outcome.target.parent / f"{outcome.target.stem}-bilder" / "bild-1.png"
    assert image.read_bytes().startswith(b"\x89PNG")
    assert f"![Karta över länets bibliotek]({outcome.target.stem}-bilder/bild-1.png)" in text


def test_report_names_what_to_review(imported):
    outcome, _ = imported
    # The Word table gives no target for 2028: the check says so, and the import exits 1.
    assert outcome.exit_code == 1
    assert any("VP201" in line for line in outcome.lines)


def test_image_without_alt_text_is_reported(project, tmp_path):
    outcome, _ = import_into(project, office_plan(tmp_path / "utan-alt.docx", image_alt=None))
    assert any("saknar beskrivning" in line for line in outcome.lines)


def test_plan_typed_without_styles(project, tmp_path):
    from office import plain_plan

    outcome, plan = import_into(project, plain_plan(tmp_path / "utan-format.docx"))
    assert (plan.meta.region, plan.meta.namnd, plan.meta.fran) == ("Region Exempelholm", "Miljönämnden", 2027)
    assert [c.title for c in plan.chapters] == ["Inledning", "Målområden", "Ekonomi", "Risker", "Bilagor"]
    assert [(s.kind, s.title) for s in plan.sections() if s.kind != "kapitel"] == [
        ("målområde", "Ren luft"), ("mål", "Renare luft i städerna")]
    assert [a.text for a in plan.assignments()] == ["Mäta luften varje månad.", "Rapportera till fullmäktige."]
    assert [r.titel for r in plan.risks()] == ["Färre mätstationer än planerat"]
    assert [(a.nummer, a.titel) for a in plan.appendices()] == [(1, "Mätprogram")]
    assert not [line for line in outcome.lines if "kom inte med" in line]


def test_plan_is_written_in_the_common_form(imported, options):
    from vplan.fmt.files import UNCHANGED, check_text

    outcome, _ = imported
    assert check_text(outcome.target.name, outcome.target.read_bytes()).status == UNCHANGED


def test_tables_as_offices_type_them(project, tmp_path):
    from office import tables_plan

    outcome, plan = import_into(project, tables_plan(tmp_path / "tabeller.docx"))
    assert plan.meta.namnd == "Regionala utvecklingsnämnden"
    jobs, firms = list(plan.indicators())
    assert (jobs.namn, jobs.enhet, [v.year for v in jobs.utfall], [v.year for v in jobs.mal]) == (
        "Sysselsättningsgrad", "%", [2023, 2024], [2026])
    assert [(a.text, a.beslutad_av, a.status, a.senast) for a in plan.assignments()] == [
        ("Ta fram en näringslivsstrategi", "Regionfullmäktige", "ej påbörjad", "2026-12-31"),
        ("Utvärdera stödet", "Nämnden", "pågående", 2027)]
    budget, frames, risks = list(plan.tables())
    assert [c.ar for c in budget.kolumner] == [2025, 2026] and budget.rader[-1].formel == "summa"
    assert (frames.rubrik, frames.radrubrik, frames.enhet, [c.rubrik for c in frames.kolumner]) == (
        "Resursramar (tkr)", "Post", "tkr", ["Budget 2025", "Budget 2026"])
    assert frames.rader[-1].formel == "summa"
    assert [c.rubrik for c in risks.kolumner] == ["Konsekvens", "Åtgärd"]
    assert outcome.exit_code == 1 and not [line for line in outcome.lines if "kom inte med" in line]


def test_title_as_first_heading_is_the_cover(project, tmp_path):
    from office import title_heading_plan

    outcome, plan = import_into(project, title_heading_plan(tmp_path / "titel.docx"))
    assert (plan.meta.titel, plan.meta.region, plan.meta.namnd) == (
        "Verksamhetsplan 2026 för Tandvårdsnämnden", "Region Norrby", "Tandvårdsnämnden")
    assert [c.title for c in plan.chapters] == ["Inledning", "Målområden", "Ekonomi", "Risker", "Bilagor"]
    assert outcome.exit_code == 0, outcome.lines


@pytest.mark.parametrize("toc", [True, False])
def test_plan_pasted_into_word_without_any_format(project, tmp_path, toc):
    from office import typed_plan

    outcome, plan = import_into(project, typed_plan(tmp_path / "inklistrad.docx", toc=toc))
    assert (plan.meta.region, plan.meta.namnd, plan.meta.fran) == ("Region Exempelholm", "Kulturnämnden", 2026)
    assert plan.meta.diarienummer == "KN 2025/12"
    assert [c.title for c in plan.chapters] == ["Inledning", "Målområden", "Ekonomi", "Risker", "Bilagor"]
    assert [(s.kind, s.title) for s in plan.sections() if s.kind in ("målområde", "mål")] == [
        ("målområde", "Kultur för alla"), ("mål", "Fler besöker biblioteken")]
    assert [a.text for a in plan.assignments()] == ["Öppna två meröppna bibliotek."]
    visits, pleased = list(plan.indicators())
    assert (visits.namn, [(v.year, v.value.value) for v in visits.utfall],
            [(v.year, v.value.value) for v in visits.mal]) == (
        "Antal besök", [(2024, 12000)], [(2026, 13000)])
    assert (pleased.namn, pleased.enhet) == ("Andel nöjda besökare", "%")
    assert [r.titel for r in plan.risks()] == ["Färre besökare än väntat"]
    assert [(a.nummer, a.titel) for a in plan.appendices()] == [(1, "Kulturplan för länet")]
    text = outcome.target.read_text(encoding="utf-8")
    assert "Öppet mån–fre" in text  # a single line with a tab stays a paragraph
    assert "12 Kommuner deltar" in text and "Nämnden stöder kommunernas bibliotek." in text
    assert "Kulturnämnden ansvarar för bibliotek, museer och arkiv i hela länet." in text
    assert "....." not in text and "fyll i: kapitlet" not in text
    assert not [line for line in outcome.lines if "kom inte med" in line], outcome.lines
    toc_lines = [line for line in outcome.lines if "innehållsförteckningen togs bort" in line.lower()]
    assert len(toc_lines) == (1 if toc else 0)
