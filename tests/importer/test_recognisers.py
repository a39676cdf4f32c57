"""The recognisers alone, from case files: Swedish numbers, headings, cover facts, the YAML writer, sums."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from vplan.importer import headings, numbers, yamlout
from vplan.importer.front import read_front
from vplan.importer.sums import infer_sums

CASES = Path(__file__).resolve().parent.parent / "cases" / "import"


def _rows(name: str) -> list[list[str]]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("cell, value, unit", _rows("numbers.txt"))
def test_swedish_numbers(cell, value, unit):
    found = numbers.parse(cell)
    if value == "text":
        assert found is None
    else:
        assert found == (Decimal(value), None if unit == "-" else unit)


@pytest.mark.parametrize("typed, kind, number, title", _rows("headings.txt"))
def test_headings(typed, kind, number, title):
    h = headings.parse(typed)
    assert (h.kind or "-", h.number or "-", h.title) == (kind, number, title)


def test_cover_facts_from_labels_and_lines():
    cover = ["Nämndplan", "2023", "Regionstyrelsen", "DNR 39-2022", "Beslutad av Regionstyrelsen 2022-12-06 § 231"]
    front = read_front(cover, {"author": []}, (), ["Region Västerbotten har ett ansvar.", "Region Västerbotten …"])
    d = front.data
    assert (d["region"], d["nämnd"], d["titel"], d["dokumenttyp"]) == (
        "Region Västerbotten", "Regionstyrelsen", "Nämndplan 2023", "nämndplan")
    assert (d["planperiod"], d["budgetår"], d["diarienummer"], d["status"]) == (
        {"från": 2023, "till": 2023}, 2023, "39-2022", "beslutad")
    assert d["beslut"] == {"organ": "Regionstyrelsen", "datum": "2022-12-06", "paragraf": "§ 231"}
    assert not front.findings


def test_cover_facts_missing_are_placeholders_and_findings():
    front = read_front(["Välkommen"], {"author": []}, (), [])
    assert front.data["region"].startswith("[fyll i:") and front.findings


def test_yaml_writer_reads_back_the_same():
    from ruamel.yaml import YAML

    data = {"rubrik": "Resursramar: miljoner kr", "rader": [
        {"namn": "- varav #1", "värden": {"b2025": Decimal("2259.0"), "t": "Ja", "u": "2025-01-01", "v": "true",
                                          "w": "1 234", "x": "ett: två", "y": " kant", "z": "[fyll i: x]"}}],
        "mål": {2025: {"värde": Decimal("-0.5"), "radspann": 2}}, "lista": ["a", "*b*", "'c'"]}
    back = YAML(typ="safe").load(yamlout.dump(data))
    row = back["rader"][0]
    assert back["rubrik"] == data["rubrik"] and row["namn"] == "- varav #1"
    assert row["värden"]["b2025"] == 2259.0 and "2259.0" in yamlout.dump(data)
    assert {k: row["värden"][k] for k in "tuvwxyz"} == {k: data["rader"][0]["värden"][k] for k in "tuvwxyz"}
    assert back["mål"] == {2025: {"värde": -0.5, "radspann": 2}} and back["lista"] == ["a", "*b*", "'c'"]


def _row(name, *values, bold=False, rader=None, sub=False):
    row = {"namn": name, "_bold": bold, "_sub": sub, "värden": {f"c{k}": Decimal(v) for k, v in enumerate(values)}}
    if rader:
        row["rader"] = rader
    return row


def test_sums_within_rounding_get_rules_and_a_tolerance():
    rows = [_row("A", "10.4", rader=[_row("varav a1", "5.2", sub=True), _row("varav a2", "5.3", sub=True)]),
            _row("B", "2.0"), _row("Summa", "12.4", bold=True)]
    findings: list[str] = []
    assert infer_sums(rows, ["c0"], findings) == Decimal("0.1")
    assert rows[2]["formel"] == "summa" and "delsumma" not in rows[0] and not findings


def test_sums_that_do_not_add_up_are_reported_as_written():
    rows = [_row("A", "10", rader=[_row("a1", "4"), _row("a2", "4")]), _row("B", "2"), _row("Totalt", "20")]
    findings: list[str] = []
    infer_sums(rows, ["c0"], findings)
    assert rows[0]["delsumma"] is False and "formel" not in rows[2]
    assert len(findings) == 2 and "”Totalt” anger 20" in findings[1]


def test_partial_varav_rows_are_no_sum():
    rows = [_row("A", "100", rader=[_row("varav a1", "30", sub=True)])]
    findings: list[str] = []
    infer_sums(rows, ["c0"], findings)
    assert rows[0]["delsumma"] is False and not findings


def test_subtotal_after_another_total_uses_a_formula_of_ids():
    rows = [_row("Intäkter", "5"), _row("Bidrag", "3"), _row("Summa intäkter", "8"),
            _row("Kostnader", "-4"), _row("Övrigt", "-1"), _row("Summa kostnader", "-5")]
    infer_sums(rows, ["c0"], [])
    assert rows[2]["formel"] == "summa"
    assert rows[5]["formel"] == "kostnader + ovrigt" and rows[3]["id"] == "kostnader"


def test_check_bytes_checks_text_in_memory_as_load_checks_the_file(options):
    from conftest import PLANS
    from vplan.api import check_bytes, display_path, load

    plan = PLANS[0]
    from_file = load(plan, options=options)
    in_memory = check_bytes(display_path(plan), plan.read_bytes(), options=options)
    assert in_memory.diagnostics == from_file.diagnostics and in_memory.plan == from_file.plan
    broken = check_bytes("plans/trasig.md", plan.read_bytes().replace(b"region:", b"regin:"), options=options)
    assert any(d.severity.value == "fel" for d in broken.diagnostics)


@pytest.mark.parametrize("line, organ, datum, paragraf", [
    ("Beslutad av Regionstyrelsen 2022-12-06", "Regionstyrelsen", "2022-12-06", None),
    ("Fastställd av regionfullmäktige 2024-06-18, § 123", "Regionfullmäktige", "2024-06-18", "§ 123"),
    ("Beslutad i regionstyrelsen den 10 december 2024 § 240", "Regionstyrelsen", "2024-12-10", "§ 240"),
    ("Beslut: Kulturnämnden 20 november 2025, § 88", "Kulturnämnden", "2025-11-20", "§ 88"),
])
def test_decisions_as_offices_write_them(line, organ, datum, paragraf):
    d = read_front(["Verksamhetsplan 2026", line], {"author": []}, (), ["Region Test"]).data
    expected = {"organ": organ, "datum": datum, **({"paragraf": paragraf} if paragraf else {})}
    assert (d["status"], d["beslut"]) == ("beslutad", expected)


@pytest.mark.parametrize("line, title, leader", _rows("typed-toc.txt"))
def test_typed_table_of_contents_lines(line, title, leader):
    from vplan.importer.typed import _toc_line

    found = _toc_line(line)
    if title == "-":
        assert found is None
    else:
        assert found is not None and (found[0], "ja" if found[1] else "nej") == (title, leader)


@pytest.mark.parametrize("numbers, follows", [
    (["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.2", "3"], True), (["1", "2", "2.1", "3", "3.1"], True),
    (["1", "1.2"], False), (["1", "3"], False), (["1", "1.1", "1.1.2"], False), (["2"], False),
    (["1", "1.1", "12"], False)])
def test_typed_section_numbers_follow_each_other(numbers, follows):
    from vplan.importer.typed import _follows

    prev, ok = (), True
    for n in numbers:
        number = tuple(int(p) for p in n.split("."))
        ok = ok and _follows(prev, number)
        prev = number
    assert ok is follows

