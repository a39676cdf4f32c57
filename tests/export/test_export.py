"""`vplan export`: the example plans' and follow-ups' facts in every format, checked against data files
(tests/cases/export/), against the sources' own numbers, and against the published JSON Schema."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from conftest import ROOT

CASES = ROOT / "tests" / "cases" / "export"
SCHEMA = ROOT / "schema" / "export.schema.json"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture
def export(run_cli, monkeypatch):
    """export(*args) -> (exit code, stdout, stderr), run in the repository like an official would."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return lambda *args: run_cli(["export", *args])


@pytest.fixture(scope="module")
def rows():
    """The example files' rows as dicts, from the CSV export (read once for the module)."""
    import os

    from vplan.export.formats import to_csv
    from vplan.export.run import export
    from vplan.options import Options

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        result = export(options=Options.for_project(ROOT))
    finally:
        os.chdir(old)
    assert not result.failed
    return list(csv.DictReader(io.StringIO(to_csv(result.rows).decode("utf-8"))))


def test_counts_per_file_and_kind(rows):
    expected = json.loads((CASES / "antal.json").read_text(encoding="utf-8"))
    found: dict = {}
    for r in rows:
        found.setdefault(r["fil"], Counter())[r["slag"]] += 1
    assert {f: dict(sorted(c.items())) for f, c in found.items()} == expected


def test_excerpt_rows_are_exported_as_expected(rows):
    """A few rows of every kind, each exactly as the data file has it (reviewed by hand)."""
    with open(CASES / "utdrag.csv", encoding="utf-8", newline="") as f:
        expected = list(csv.DictReader(f))
    assert len(expected) >= 8
    for row in expected:
        assert row in rows


# A number as a value in a block: "2025: 74", "RVN: 77", "e2025: 2.7", "värde: 75"; not settings like tolerans.
_NUMBER = re.compile(r"^\s+(?:- )?([\wåäö-]+): (-?\d+(?:\.\d+)?)\s*$")
_NOT_VALUES = {"tolerans", "kluster", "år", "radspann", "kod", "nummer"}


def _source_numbers(path):
    """(line, number) of every number in the file's indikatorer, tabell and utfall blocks, read as text."""
    found, block = [], None
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith("```"):
            block = line[3:].strip() if block is None else None
            continue
        m = _NUMBER.match(line)
        if block in ("indikatorer", "tabell", "utfall") and m and m.group(1) not in _NOT_VALUES:
            found.append((n, Decimal(m.group(2))))
    return found


@pytest.mark.parametrize("folder", ["plans", "uppfoljning"])
def test_every_number_of_the_examples_is_exported(rows, folder):
    exported = {(r["fil"], int(r["rad"]), Decimal(r["värde"])) for r in rows
                if re.fullmatch(r"-?\d+(\.\d+)?", r["värde"])}
    by_line = {(f, line) for f, line, _ in exported}
    for path in sorted((ROOT / folder).glob("*.md")):
        name = f"{folder}/{path.name}"
        numbers = _source_numbers(path)
        assert len(numbers) > 20, name
        for line, number in numbers:
            # a value per organisation is reported at the line of its year
            assert (name, line, number) in exported or any(
                (name, line - k) in by_line and (name, line - k, number) in exported for k in (1, 2, 3)), \
                f"{name}:{line}: {number}"


def test_csv_to_stdout_is_rfc4180(export):
    code, out, err = export("--format", "csv", "plans/vasternorrland-regionstyrelsen-2025.md")
    assert code == 0, err
    assert not out.startswith("\ufeff")
    header = out.split("\r\n", 1)[0]
    assert header.startswith("region,nämnd,dokument,dokumenttyp,period,målområde,mål,delmål,id,namn")
    assert ",utfall,2.2,%," in out  # fornybar-el 2023 in the plan: point as decimal sign
    assert "Exporterade" in err and "värden ur 1 fil" in err


def test_csv_for_swedish_excel(export):
    code, out, err = export("--format", "csv-excel", "plans/vasternorrland-regionstyrelsen-2025.md")
    assert code == 0, err
    assert out.startswith("\ufeffregion;nämnd;dokument;")
    assert ";utfall;2,2;%;" in out


def test_excel_csv_keeps_formula_like_text_as_text():
    from vplan.export.facts import COLUMNS
    from vplan.export.formats import to_excel_csv

    row = tuple("=HYPERLINK(\"x\")" if c == "namn" else Decimal("-21") if c == "värde" else None for c in COLUMNS)
    text = to_excel_csv([row]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";-21;" in text


def test_json_is_valid_against_the_published_schema(tmp_path, export):
    from jsonschema import Draft202012Validator

    out = tmp_path / "planer.json"
    code, _, err = export("--out", str(out))
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []
    assert data["format"] == "vplan-export" and len(data["rader"]) == sum(
        sum(c.values()) for c in json.loads((CASES / "antal.json").read_text(encoding="utf-8")).values())
    values = [r["värde"] for r in data["rader"]]
    assert 67100 in values and 3.1 in values and "Bibehålla/öka" in values  # numbers as JSON numbers


def test_schema_rejects_what_is_not_an_export():
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    row = schema["properties"]["rader"]["examples"][0][0]
    bad = {"format": "vplan-export", "version": 1, "kolumner": schema["properties"]["kolumner"]["const"],
           "rader": [{**row, "slag": "gissning"}]}
    assert list(Draft202012Validator(schema).iter_errors(bad))


def _sheets(data: bytes) -> dict[str, list[list[tuple[str | None, str | None, str]]]]:
    """Sheet name -> rows of (type, style, text) read straight from the XML, strings resolved."""
    z = zipfile.ZipFile(io.BytesIO(data))
    strings = [si.findtext(f"{MAIN}t") for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))]
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in book.iter(f"{MAIN}sheet")]
    out = {}
    for i, name in enumerate(names, 1):
        sheet = ElementTree.fromstring(z.read(f"xl/worksheets/sheet{i}.xml"))
        assert sheet.find(f"{MAIN}autoFilter") is not None
        pane = sheet.find(f".//{MAIN}pane")
        assert pane.get("state") == "frozen" and pane.get("ySplit") == "1"
        table = []
        for row in sheet.iter(f"{MAIN}row"):
            cells = []
            for c in row:
                v = c.findtext(f"{MAIN}v")
                cells.append((c.get("r"), c.get("t"), strings[int(v)] if c.get("t") == "s" else v))
            table.append(cells)
        out[name] = table
    return out


def test_xlsx_has_a_sheet_per_kind_with_number_cells(tmp_path, export):
    out = tmp_path / "planer.xlsx"
    code, _, err = export("--out", str(out))
    assert code == 0, err
    sheets = _sheets(out.read_bytes())
    counts = Counter()
    for c in json.loads((CASES / "antal.json").read_text(encoding="utf-8")).values():
        counts.update(c)
    assert {name: len(rows) - 1 for name, rows in sheets.items()} == dict(counts)
    assert list(sheets) == [k for k in ("utfall", "målvärde", "budget", "prognos", "avvikelse", "tabellvärde",
                                        "bedömning", "uppdragsstatus") if k in counts]
    numbers = [(ref, text) for row in sheets["utfall"][1:] for ref, t, text in row if ref.startswith("N")]
    assert ("N2", None) != numbers[0] and all(t for _, t in numbers)
    typed = {(ref[0], t) for row in sheets["budget"][1:] for ref, t, _ in row}
    assert ("N", None) in typed and ("N", "s") not in typed  # budget values are number cells, never text
    assert ("L", None) in typed and ("T", None) in typed  # year and line are numbers too


def test_xlsx_opens_in_openpyxl_with_swedish_number_formats(tmp_path, export):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "planer.xlsx"
    assert export("--out", str(out), "uppfoljning/vasternorrland-regionstyrelsen-2025-delår.md")[0] == 0
    book = openpyxl.load_workbook(out)
    sheet = book["utfall"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:T")
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["region", "nämnd", "dokument"] and header[-2:] == ["fil", "rad"]
    found = {(r[8].value, r[10].value, r[11].value): r[13] for r in sheet.iter_rows(min_row=2)}
    energy = found[("energianvandning", None, 2025)]
    assert energy.value == 67100 and energy.number_format == "#,##0"  # 67 900 in Swedish Excel
    el = found[("fornybar-el", None, 2025)]
    assert el.value == pytest.approx(3.1) and el.number_format == "#,##0.0"
    assert found[("hme-total", "RVN", 2025)].value == 79
    budget = book["budget"]
    assert any(isinstance(r[13].value, (int, float)) for r in budget.iter_rows(min_row=2))


def test_xlsx_bytes_are_the_same_every_time(tmp_path, export):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert export("--out", str(a))[0] == 0
    assert export("--out", str(b), "--format", "xlsx")[0] == 0
    assert a.read_bytes() == b.read_bytes()
    core = zipfile.ZipFile(a).read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core


def test_xlsx_text_with_marks_and_control_characters_stays_valid_xml():
    from vplan.export.facts import COLUMNS
    from vplan.export.xlsx import workbook

    odd = "A & B <C> _x0041_ \x01 ”citat”"
    row = tuple(odd if c == "namn" else "utfall" if c == "slag" else Decimal("1.25") if c == "värde" else None
                for c in COLUMNS)
    sheets = _sheets(workbook([row]))
    cells = {ref[0]: text for ref, _, text in sheets["utfall"][1]}
    assert cells["J"] == "A & B <C> _x005F_x0041_ _x0001_ ”citat”" and cells["N"] == "1.25"


def test_xlsx_needs_out(export):
    code, out, err = export("--format", "xlsx")
    assert code == 2 and out == ""
    assert "Excel-fil kan inte skrivas till standard ut" in err and "--out" in err


def test_a_plan_with_errors_is_reported_and_nothing_is_written(tmp_path, export):
    out = tmp_path / "planer.csv"
    bad = "tests/cases/check/vp302-delrader-summa.md"
    code, stdout, err = export("--out", str(out), "plans/vasternorrland-regionstyrelsen-2025.md", bad)
    assert code == 1 and stdout == ""
    assert "fel VP302" in err  # as vplan check reports it
    assert "1 fil har fel, så inget exporterades." in err
    assert not out.exists()


def test_unknown_format_is_refused_in_swedish(export):
    code, _, err = export("--format", "ods")
    assert code == 2 and "Ogiltigt värde för ”--format”: ”ods” är inte ett av" in err


def test_a_folder_without_plans(tmp_path, export):
    (tmp_path / "tom").mkdir()
    code, _, err = export(str(tmp_path / "tom"))
    assert code == 2 and "innehåller inga planer" in err


def test_existing_out_needs_force_and_sources_are_never_targets(tmp_path, export):
    out = tmp_path / "planer.csv"
    out.write_text("gammal", encoding="utf-8")
    code, _, err = export("--out", str(out))
    assert code == 2 and "finns redan" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "gammal"
    assert export("--out", str(out), "--force")[0] == 0
    assert out.read_text(encoding="utf-8-sig").startswith("region,")
    plan = "plans/vasternorrland-regionstyrelsen-2025.md"
    before = (ROOT / plan).read_bytes()
    code, _, err = export("--out", plan, "--force", "--format", "csv", plan)
    assert code == 2 and "är en av filerna som exporteras; vplan skriver aldrig över en källfil" in err
    assert (ROOT / plan).read_bytes() == before


def test_parallel_reading_gives_the_same_rows(tmp_path):
    """Above PARALLEL_FROM files the workers read; the rows and their order are the same as one process's."""
    import sys

    from vplan.api import PARALLEL_FROM
    from vplan.export.run import export
    from vplan.options import Options

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    folder = tmp_path / "plans"
    generate(PARALLEL_FROM + 2, folder)
    opts = Options.for_project(tmp_path)
    one = export([folder], options=opts.with_(jobs=1))
    two = export([folder], options=opts.with_(jobs=2))
    assert not one.failed and len(one.rows) > 1000
    assert one.rows == two.rows


def test_warnings_do_not_stop_the_export(export):
    code, out, err = export("--format", "json", "tests/cases/check/vp404-fotnot-oanvand.md")
    assert code == 0, err
    assert json.loads(out)["format"] == "vplan-export"
    assert "Filerna har 1 varning; vplan check visar dem." in err


def test_no_values_gives_a_workbook_with_the_header_only():
    from vplan.export.xlsx import workbook

    sheets = _sheets(workbook([]))
    assert list(sheets) == ["värden"] and [t for _, _, t in sheets["värden"][0]][:2] == ["region", "nämnd"]


def test_source_date_epoch_sets_the_workbooks_dates(tmp_path, export, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
    out = tmp_path / "planer.xlsx"
    assert export("--out", str(out), "plans/vasternorrland-regionstyrelsen-2025.md")[0] == 0
    z = zipfile.ZipFile(out)
    assert "2025-12-01T00:00:00Z" in z.read("docProps/core.xml").decode()
    assert {i.date_time for i in z.infolist()} == {(2025, 12, 1, 0, 0, 0)}
