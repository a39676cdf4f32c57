"""Bad and hostile Word files: a Swedish message and exit 2, never a traceback; big tables stay whole."""
from __future__ import annotations

import io
import zipfile

import pytest

from importer_support import import_into, project  # noqa: F401 (a fixture)


def _run(run_cli, project, name, data: bytes | None):
    path = project / name
    if data is not None:
        path.write_bytes(data)
    return run_cli(["import", str(path), "--project", str(project)])


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


@pytest.mark.parametrize("name, data, words", [
    ("plan.docx", "Det här är ingen Word-fil.\n".encode(), "ingen giltig Word-fil"),
    ("plan.docx", _zip({"hej.txt": b"hej"}), "word/document.xml saknas"),
    ("plan.docx", OLE + "EncryptionInfo".encode("utf-16-le"), "lösenordsskyddad"),
    ("plan.docx", OLE, "gamla Word-formatet"),
    ("plan.doc", b"whatever", "ingen Word-fil (.docx)"),
    ("plan.pdf", b"%PDF-1.7", "ingen Word-fil (.docx)"),
    ("saknas.docx", None, "finns inte"),
    ("plan.docx", _zip({"word/document.xml": b"<w:document>trasig"}), "innehåll går inte att läsa"),
    # a zip bomb below the 512 MB limit: 11 MB of text packs into a few kB, and would keep pandoc busy
    ("plan.docx", _zip({"word/document.xml": b"<w:document>" + b" " * (11 * 2**20) + b"</w:document>"}, zipfile.ZIP_DEFLATED),
     "för mycket text för en plan"),
])
def test_unreadable_file_is_a_swedish_error(run_cli, project, name, data, words):
    code, out, err = _run(run_cli, project, name, data)
    assert code == 2, (out, err)
    assert words in err and "Traceback" not in err and "Gör så här:" in err
    assert "parse" not in err and "Error" not in err  # no English from pandoc
    assert not list((project / "plans").iterdir())


def test_refuses_to_overwrite_without_force(run_cli, project, tmp_path_factory):
    from office import office_plan

    docx = office_plan(tmp_path_factory.mktemp("w") / "plan.docx")
    target = project / "plans" / "kultur.md"
    target.write_text("min plan\n", encoding="utf-8")
    code, out, err = run_cli(["import", str(docx), "--out", str(target), "--project", str(project)])
    assert code == 2 and "finns redan" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "min plan\n"
    code, out, err = run_cli(["import", str(docx), "--out", str(target), "--force", "--project", str(project)])
    assert code == 1, err  # written; a missing 2028 target is left to review
    assert target.read_text(encoding="utf-8").startswith("---\nregion: Region Testbotten\n")
    assert "Skrev" in out


def test_refuses_out_outside_the_project(run_cli, project, tmp_path_factory):
    from office import office_plan

    docx = office_plan(tmp_path_factory.mktemp("w") / "plan.docx")
    outside = tmp_path_factory.mktemp("elsewhere") / "plan.md"
    code, _, err = run_cli(["import", str(docx), "--out", str(outside), "--project", str(project)])
    assert code == 2 and "utanför projektet" in err and not outside.exists()


def _big_table_docx(path, rows: int):
    import docx

    doc = docx.Document()
    doc.add_heading("Inledning", 1)
    doc.add_paragraph("En plan med en mycket lång tabell.")
    doc.add_heading("Ekonomi", 1)
    table = doc.add_table(rows=rows + 1, cols=3)
    cells = table._cells  # one walk over the cells: python-docx's cell(r, c) is slow on big tables
    for k, text in enumerate(("Post", "Budget 2025", "Budget 2026")):
        cells[k].text = text
    for r in range(1, rows + 1):
        cells[r * 3].text = f"Post {r}"
        cells[r * 3 + 1].text = f"{r * 1000:,}".replace(",", "\u00a0")
        cells[r * 3 + 2].text = f"{r},5"
    doc.save(path)
    return path


def test_big_table_comes_in_whole(project, tmp_path):
    rows = 900  # a plan holds at most 1 000 table rows (vplan.read.limits)
    outcome, plan = import_into(project, _big_table_docx(tmp_path / "stor.docx", rows))
    table = next(plan.tables())
    assert len(table.rader) == rows
    assert str(table.rader[-1].varden[table.kolumner[0].id].value) == str(rows * 1000)
    assert outcome.target.name == "stor.md"  # no region or board on a cover: the Word file's name


def test_table_over_the_plan_limits_is_reported(project, tmp_path):
    outcome, _ = import_into(project, _big_table_docx(tmp_path / "jatte.docx", 1050))
    assert outcome.exit_code == 1
    assert any("VP007" in line and "tabellrader" in line for line in outcome.lines)


def test_image_that_cannot_be_shown_is_reported(project, tmp_path):
    """An image Word keeps as EMF (or links from outside) is named in the report, not silently dropped."""
    import shutil

    from office import office_plan

    src = office_plan(tmp_path / "bild.docx")
    emf = tmp_path / "emf.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(emf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            name = item.filename.replace(".png", ".emf")
            data = data.replace(b".png", b".emf") if name.endswith((".xml", ".rels")) else data
            zout.writestr(name, data)
    shutil.copy(emf, tmp_path / "kopia.docx")
    outcome, _ = import_into(project, emf)
    assert any("bild" in line and "kom inte med" in line and ".emf" in line for line in outcome.lines)
    assert not (project / "plans" / f"{outcome.target.stem}-bilder").exists()


def test_a_table_the_recognisers_cannot_read_stays_as_text(project, tmp_path, monkeypatch):
    from office import office_plan
    from vplan.importer import body

    def broken(*args, **kwargs):
        raise ValueError("a layout nobody foresaw")

    monkeypatch.setattr(body, "classify", broken)
    monkeypatch.delenv("VPLAN_DEBUG", raising=False)
    outcome, plan = import_into(project, office_plan(tmp_path / "plan.docx"))
    assert any("kunde inte tolkas" in line for line in outcome.lines)
    budget = next(t for t in plan.tables() if any(r.namn == "Regionteatern" for r in t.rader))
    assert all(c.typ == "text" for c in budget.kolumner)
    assert not any("kom inte med" in line for line in outcome.lines)  # every cell is still in the plan


def test_text_a_recogniser_loses_is_named_in_the_report(project, tmp_path, monkeypatch):
    """The last guard: a paragraph that does not reach the plan, for whatever reason, is reported."""
    from office import office_plan
    from vplan.importer import inlines
    from vplan.importer.prose import Cleaner

    keep = Cleaner.block

    def lossy(self, b):
        if b.get("t") == "Para" and "prioriteringar" in inlines.plain(b["c"]):
            return []
        return keep(self, b)

    monkeypatch.setattr(Cleaner, "block", lossy)
    outcome, _ = import_into(project, office_plan(tmp_path / "plan.docx"))
    lost = [line for line in outcome.lines if "kom inte med" in line]
    assert len(lost) == 1 and "Stycke" in lost[0] and "prioriteringar" in lost[0]
