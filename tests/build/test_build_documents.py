"""The example plans built to HTML, DOCX and PDF: every number of every structured
block in Swedish form, headings in the source's order, byte-identical rebuilds."""
from __future__ import annotations

import re

import pytest
from build_support import (  # noqa: F401 (fixtures)
    FORMATS, PLANS, ROOT, appears, built, docx_cells, docx_headings, html_headings, load_plan,
    pdf_outline, pdf_text,
)

from vplan import typography
from vplan.model import IndicatorBlock, Number, PerOrg, Table

IDS = [p.stem for p in PLANS]


def expected_numbers(plan) -> list[str]:
    """Every number in the plan's indicator and table blocks, formatted as the documents show it:
    an indicator's unit in the cell, as published ("75 %")."""
    out: list[str] = []

    def value(v, unit=None):
        if isinstance(v, Number):
            out.append(typography.with_unit(typography.number(v.value), unit))
        elif isinstance(v, PerOrg):
            out.extend(f"{org} {typography.with_unit(typography.number(n.value), unit)}" for org, n in v.values)

    def rows(rs):
        for r in rs:
            for v in r.varden.values():
                value(v)
            rows(r.rader)

    for block in plan.blocks():
        if isinstance(block, IndicatorBlock):
            for ind in block.indikatorer:
                for yv in (*ind.utfall, *ind.mal):
                    value(yv.value, ind.enhet)
        elif isinstance(block, Table):
            rows(block.rader)
    return out


@pytest.mark.parametrize("plan_path", PLANS, ids=IDS)
def test_every_number_in_docx_tables_is_swedish(built, plan_path):
    numbers = expected_numbers(load_plan(plan_path))
    assert numbers, "the example plan should have numbers in its blocks"
    cells = docx_cells(built / f"{plan_path.stem}.docx")
    missing = [n for n in numbers if n not in cells]
    assert not missing, f"saknas i DOCX-tabellerna: {missing[:10]}"
    assert not [c for c in cells if re.fullmatch(r"-?\d{4,}([.,]\d+)?", c)], "tal utan tusentalsavgränsare"
    assert not [c for c in cells if re.match(r"-\d", c)], "minustecken ska vara U+2212"


@pytest.mark.parametrize("plan_path", PLANS, ids=IDS)
def test_every_number_in_pdf_is_swedish(built, plan_path):
    numbers = expected_numbers(load_plan(plan_path))
    text = pdf_text(built / f"{plan_path.stem}.pdf")
    missing = [n for n in numbers if not appears(n, text)]
    assert not missing, f"saknas i PDF:en: {missing[:10]}"


def test_large_and_negative_numbers_look_swedish(built):
    text = pdf_text(built / "vasterbotten-regionstyrelsen-2023.pdf")
    for sample in ("3 500 000", "90 000 000", "−600,5", "1 496,0", "13,27", "−9,0"):
        assert appears(sample, text), sample


def source_headings(plan_path) -> list[str]:
    return [s.heading for s in load_plan(plan_path).sections()]


@pytest.mark.parametrize("plan_path", PLANS, ids=IDS)
def test_docx_headings_follow_the_source(built, plan_path):
    assert docx_headings(built / f"{plan_path.stem}.docx") == source_headings(plan_path)


@pytest.mark.parametrize("plan_path", PLANS, ids=IDS)
def test_pdf_outline_follows_the_source(built, plan_path):
    assert pdf_outline(built / f"{plan_path.stem}.pdf") == source_headings(plan_path)


@pytest.mark.parametrize("plan_path", PLANS, ids=IDS)
def test_html_headings_follow_the_source_with_stable_ids(built, plan_path):
    found = html_headings(built / f"{plan_path.stem}.html")
    assert [text for _, text in found] == source_headings(plan_path)
    ids = [i for i, _ in found]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_heading_ids_do_not_depend_on_the_rest_of_the_plan(built):
    found = dict((text, i) for i, text in html_headings(built / "vasternorrland-regionstyrelsen-2025.html"))
    assert found["Ekonomi"] == "ekonomi"
    assert found["Målområde 1: Ett attraktivt Västernorrland med hållbar utveckling"] == \
        "malomrade-1-ett-attraktivt-vasternorrland-med-hallbar"


def test_tables_have_captions_and_header_rows(built):
    html = (built / "jamtland-harjedalen-regionstyrelsen-2025.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert tables
    for table in tables:
        assert "<caption>" in table and "<thead>" in table and "<th" in table


def test_subtotals_are_bold_and_sub_rows_indented(built):
    import docx

    document = docx.Document(str(built / "jamtland-harjedalen-regionstyrelsen-2025.docx"))
    rows = {r.cells[0].text.strip("\u00a0 "): r for t in document.tables for r in t.rows}
    total = rows["Total effekt av åtgärder politisk beslutsnivå"]
    assert all(run.bold for p in total.cells[-1].paragraphs for run in p.runs if run.text.strip())
    indent = "\u00a0" * 4
    assert rows["därav flytt av Medicintekniska avdelningen (MTA)"].cells[0].text.startswith(indent * 2)
    assert rows["varav utvecklingsanslag"].cells[0].text.startswith(indent)
    assert not rows["varav utvecklingsanslag"].cells[0].text.startswith(indent * 2)


def test_list_cells_become_lines(built):
    cells = docx_cells(built / "jamtland-harjedalen-regionstyrelsen-2025.docx")
    assert "Årsbokslut 2024" in cells and "Informationssäkerhetsberättelse" in cells


def test_indicator_headers_name_the_years_in_order(built):
    import docx

    document = docx.Document(str(built / "vasternorrland-regionstyrelsen-2025.docx"))
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Indikator", "Utfall 2022", "Utfall 2023", "Målnivå 2025", "Målnivå 2027"] in headers


def test_house_style_words_and_labels(built):
    import docx

    jh = docx.Document(str(built / "jamtland-harjedalen-regionstyrelsen-2025.docx"))
    assert ["Nyckeltal", "Beslutad av", "Målvärde 2025"] in [[c.text for c in t.rows[0].cells] for t in jh.tables]
    vb = docx_headings(built / "vasterbotten-regionstyrelsen-2023.docx")
    assert "Mål 1. Västerbotten har världens bästa och mest jämlika hälsa" in vb


def test_assignments_appendices_and_risks(built):
    text = pdf_text(built / "vasternorrland-regionstyrelsen-2025.pdf")
    assert "Bilaga 1: Förteckning över samtliga indikatorer" in text
    assert "Separat dokument. Ingår inte i beslutsunderlaget." in text
    assert "Senast: 2026" in text
    assert "Kompetensförsörjning som strategisk fråga" in text
    vb = pdf_text(built / "vasterbotten-regionstyrelsen-2023.pdf")
    assert "Senast: 31 december 2023" in vb


def test_quotation_marks_are_kept_as_written(built):
    """Text reaches the documents character for character: quotes are not rewritten."""
    source = (ROOT / "plans" / "jamtland-harjedalen-regionstyrelsen-2025.md").read_text(encoding="utf-8")
    quoted = "\"Från behov till återvinningsstation\""
    assert quoted in source
    text = pdf_text(built / "jamtland-harjedalen-regionstyrelsen-2025.pdf")
    assert quoted in " ".join(text.split())


def test_footnotes_pass_through(built):
    html = (built / "vasternorrland-regionstyrelsen-2025.html").read_text(encoding="utf-8")
    assert 'role="doc-noteref"' in html and "Lagen (2008:962) om valfrihetssystem." in html


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_builds_are_byte_identical(built, tmp_path, fmt):
    from vplan.options import Options
    from vplan.render.build import build

    plan = ROOT / "plans" / "vasterbotten-regionstyrelsen-2023.md"
    again = build([plan], options=Options(project_dir=ROOT, out_dir=tmp_path, formats=(fmt,)))
    assert again.exit_code == 0
    name = f"{plan.stem}.{fmt}"
    assert (tmp_path / name).read_bytes() == (built / name).read_bytes()


def test_example_plans_html_passes_axe(built):
    """The real plans (tables, lists, definition lists, footnotes) meet WCAG 2.1 AA."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "judges"))
    import axe_run

    reason = axe_run.missing()
    if reason:
        pytest.skip(reason)
    pages = axe_run.run_axe(sorted(built.glob("*.html")))
    problems = {p["file"]: [v["id"] for v in p["violations"]] + p["external_requests"] for p in pages}
    assert not any(problems.values()), problems
