"""The rich tables of issue 8 as a reader sees them: grouped headers, values spanning rows,
units and notes in the cells, status cells as symbol, code and words plus colour, intentions."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from build_support import docx_text
from test_build_literal import html_text, pdf_raw_text, squeeze

BASE = Path(__file__).resolve().parents[1] / "cases" / "diff" / "rika-tabeller.base.md"


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    from vplan.options import Options
    from vplan.render.build import build

    project = tmp_path_factory.mktemp("rik")
    (project / "plans").mkdir()
    shutil.copyfile(BASE, project / "plans" / "rik.md")
    result = build([project / "plans" / "rik.md"], options=Options(project_dir=project, out_dir=project / "dist"))
    assert result.exit_code == 0, [(p.status, p.message) for p in result.plans]
    return project / "dist"


def test_every_format_shows_the_values_as_published(rich):
    texts = {"html": html_text(rich / "rik.html"), "docx": docx_text(rich / "rik.docx"),
             "pdf": pdf_raw_text(rich / "rik.pdf")}
    for fmt, text in texts.items():
        flat = squeeze(text)  # a PDF cell may wrap, and typst hyphenates
        for shown in ("0,29 % (feb-22)", "2,3 % ***", "75 %", "Förändring", "245 000 st", "71,2 tkr/inv",
                      "● 4 Full effekt uppnådd", "Utveckla samarbetet med elevhälsan."):
            assert squeeze(shown) in flat, (fmt, shown)


def test_a_value_written_once_is_one_merged_cell(rich):
    html = (rich / "rik.html").read_text(encoding="utf-8")
    assert 'rowspan="2"' in html and html.count(">75\u00a0%<") == 1


def test_status_has_colour_beside_symbol_and_words(rich):
    html = (rich / "rik.html").read_text(encoding="utf-8")
    assert 'class="status status-grön"' in html and "● 4 Full effekt uppnådd" in html
    css = (Path(__file__).resolve().parents[2] / "templates" / "standard" / "html.css").read_text(encoding="utf-8")
    assert ".status-grön { color: #1a7f37; }" in css


def test_grouped_columns_have_a_spanning_header(rich):
    html = (rich / "rik.html").read_text(encoding="utf-8")
    assert 'colspan="2"' in html and ">Förändring<" in html
