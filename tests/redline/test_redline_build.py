"""vplan build --redline: a proposal and the decided plan in a real git
repository; every scripted change must be visible in the PDF's text and in the
HTML with its old and new value and a textual cue, the HTML must pass axe-core
and the PDF must stay tagged PDF/UA."""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from redline_support import (  # noqa: F401 (fixture)
    git, html_marks, load_edit, make_repo, output, pdf_text, redline, squeeze,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "judges"))
import axe_run  # noqa: E402

SHOWN = load_edit()["synligt"]


def html(repo) -> str:
    return output(repo, "html").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", sorted(SHOWN))
def test_change_is_in_the_pdf_text_with_old_new_and_label(redline, change):
    repo, _ = redline
    text = squeeze(pdf_text(output(repo, "pdf"), "-layout"))
    wanted = SHOWN[change]["pdf"]
    for part in [wanted] if isinstance(wanted, str) else wanted:
        assert part in text


@pytest.mark.parametrize("change", sorted(SHOWN))
def test_change_is_marked_in_the_html_with_ins_del_and_hidden_words(redline, change):
    repo, _ = redline
    assert SHOWN[change]["html"] in html_marks(html(repo))


def test_hidden_words_are_visually_hidden_not_removed(redline):
    repo, _ = redline
    page = html(repo)
    assert '<ins class="andring"><span class="visuellt-dold">Tillagt: </span>' in page
    assert '<del class="andring"><span class="visuellt-dold">Borttaget: </span>' in page
    assert re.search(r"\.visuellt-dold\s*\{[^}]*clip-path: inset\(50%\)", page)
    assert "display: none" not in page.split(".visuellt-dold", 1)[1].split("}", 1)[0]


def test_start_has_note_legend_and_summary(redline):
    repo, _ = redline
    text = squeeze(pdf_text(output(repo, "pdf")))
    commit = git(repo, "rev-parse", "--short=7", "forslag")
    note = f"Ändringsmarkerad version jämfört med forslag ({commit}, 2024-11-20)"
    assert note in text  # on the cover and in every page header
    assert text.count(note) >= 10
    assert "Teckenförklaring: understruken text är tillagd, genomstruken text är borttagen." in text
    assert ("Sammanfattning: 2 uppgifter ändrade, 1 indikator borttagen, 1 målvärde ändrat, 1 uppdrag tillagt, "
            "2 tabellceller ändrade, 1 stycke ändrat.") in text
    assert "då planen hade status förslag" in text
    page = html(repo)
    assert f"<title>Verksamhetsplan 2025 (2026–2027) – ändringsmarkerad version</title>" in page
    assert note in squeeze(page)


def test_official_documents_are_left_alone(redline):
    repo, result = redline
    assert {o.path.name for o in result.plans[0].outputs} == {
        "plan.andringar.html", "plan.andringar.docx", "plan.andringar.pdf"}
    assert not (repo / "dist" / "plan.pdf").exists()


def test_pdf_stays_tagged_pdf_ua(redline):
    from pypdf import PdfReader

    repo, _ = redline
    pdf = PdfReader(io.BytesIO(output(repo, "pdf").read_bytes()))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).startswith("sv")
    xmp = root["/Metadata"].get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp)


def test_pdf_tags_the_lines_too(redline):
    """typst also tags underline and strike-through as text decoration (layout attributes)."""
    repo, _ = redline
    raw = output(repo, "pdf").read_bytes()
    assert b"/TextDecorationType /LineThrough" in raw or b"/TextDecorationType/LineThrough" in raw
    assert b"/TextDecorationType /Underline" in raw or b"/TextDecorationType/Underline" in raw


def test_docx_has_labels_and_lines(redline):
    docx = pytest.importorskip("docx")
    repo, _ = redline
    runs = [r for t in docx.Document(str(output(repo, "docx"))).tables for row in t.rows for c in row.cells
            for p in c.paragraphs for r in p.runs]
    texts = [(r.text, bool(r.font.strike), bool(r.font.underline)) for r in runs]
    at = texts.index(("75\u00a0%", True, False))
    assert texts[at - 1][0] == "borttaget: " and ("78\u00a0%", False, True) in texts[at:at + 4]


def test_html_has_no_axe_violations(redline):
    reason = axe_run.missing()
    if reason:
        pytest.skip(f"axe-domaren kan inte köras: {reason}")
    repo, _ = redline
    [result] = axe_run.run_axe([output(repo, "html")])
    assert result["violations"] == [] and result["external_requests"] == []


# --- other revisions ---------------------------------------------------------------

@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_repo(tmp_path, load_edit())


def test_a_plan_new_since_the_revision_is_all_added(repo, run_cli):
    text = (repo / "plans" / "plan.md").read_text(encoding="utf-8")
    (repo / "plans" / "ny.md").write_text(text.replace("titel: Verksamhetsplan 2025", "titel: Ny plan 2025"),
                                          encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Ny plan")
    code, out, err = run_cli(["build", "--redline", "HEAD~1", "--format", "html", "plans/ny.md"])
    assert code == 0, out + err
    page = html_marks((repo / "dist" / "ny.andringar.html").read_text(encoding="utf-8"))
    assert "Planen fanns inte i versionen HEAD~1" in page
    assert "{+Tillagt: Den här planen visar hur regionstyrelsen" in page
    assert "[-" not in page.split("Teckenförklaring", 1)[1].split("Exempel", 1)[1][40:]


def test_a_renamed_plan_is_compared_with_its_old_name(repo, run_cli):
    git(repo, "mv", "plans/plan.md", "plans/verksamhetsplan.md")
    git(repo, "commit", "-q", "-m", "Nytt namn")
    code, out, err = run_cli(["build", "--redline", "forslag", "--format", "html"])
    assert code == 0, out + err
    page = html_marks((repo / "dist" / "verksamhetsplan.andringar.html").read_text(encoding="utf-8"))
    assert SHOWN["målvärde"]["html"] in page and "Planen fanns inte" not in page


def test_a_plan_unreadable_at_the_revision_is_a_clear_error(repo, run_cli):
    plan = repo / "plans" / "plan.md"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good.replace("titel: Verksamhetsplan", "titel: [Verksamhetsplan", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Trasig")
    git(repo, "tag", "trasig")
    plan.write_text(good, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Lagad")
    code, out, err = run_cli(["build", "--redline", "trasig", "--format", "html"])
    commit = git(repo, "rev-parse", "--short=7", "trasig")
    assert code == 2
    assert f"Fel: plans/plan.md kunde inte byggas. Planen går inte att läsa i versionen trasig ({commit}, " in err
    assert not (repo / "dist" / "plan.andringar.html").exists()


def test_an_unknown_revision_is_a_usage_error(repo, run_cli):
    code, out, err = run_cli(["build", "--redline", "finns-inte"])
    assert code == 2 and "”finns-inte” är ingen version i git." in err


def test_cli_reports_the_marked_up_files(repo, run_cli):
    code, out, err = run_cli(["build", "--redline", "forslag", "--format", "html,pdf"])
    assert code == 0, err
    assert out == ("Byggde en ändringsmarkerad version av plans/plan.md (jämfört med forslag): "
                   "dist/plan.andringar.html, dist/plan.andringar.pdf\n")


# --- hostile text ---------------------------------------------------------------------

HOSTILE_NAME = "- 1) <b>x</b> $5$ \\textbf{y}"
HOSTILE_CELL = "Förbund <i>x</i> @RegionExempel #set `k` [a] ];"


def test_changed_hostile_text_reaches_every_format_literally(tmp_path, monkeypatch):
    """A changed indicator name and a changed cell are marked, and their text is never read as markup."""
    from html import unescape

    from vplan.options import Options
    from vplan.render.redline import build_redline

    spec = load_edit()
    spec["beslut"] = spec["beslut"] + [
        {"replace": "namn: Antal beslut i Regionala samverkansrådet som föregåtts av gemensam dialog\n",
         "with": "namn: '" + HOSTILE_NAME + "'\n"},
        {"replace": "typ: Kommunalförbund\n", "with": "typ: '" + HOSTILE_CELL + "'\n"},
    ]
    repo = make_repo(tmp_path, spec)
    monkeypatch.chdir(repo)
    result = build_redline([repo / "plans" / "plan.md"], revision="forslag",
                           options=Options(project_dir=repo, source_date_epoch=0))
    assert result.exit_code == 0, [(p.status, p.message, p.diagnostics) for p in result.plans]

    def bare(text: str) -> str:
        return re.sub(r"[\s\u00ad]+", "", text)

    marked = html_marks(html(repo))
    assert "{+Tillagt: " + HOSTILE_NAME + "+}" in marked
    assert "{+Tillagt: " + HOSTILE_CELL + "+}" in marked
    assert "[-Borttaget: Kommunalförbund-]" in marked
    pdf = bare(pdf_text(output(repo, "pdf")))
    for text in ("tillagt:" + HOSTILE_NAME, "borttaget:Kommunalförbundtillagt:" + HOSTILE_CELL):
        assert bare(text) in pdf
    docx = pytest.importorskip("docx")
    cells = [unescape(c.text) for t in docx.Document(str(output(repo, "docx"))).tables
             for row in t.rows for c in row.cells]
    assert any(bare("tillagt: " + HOSTILE_NAME) in bare(c) for c in cells)
    assert any(bare("borttaget: Kommunalförbund tillagt: " + HOSTILE_CELL) in bare(c) for c in cells)
