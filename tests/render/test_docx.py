"""DOCX: Word styles, a contents field, header and footer, properties, A4, fixed timestamps."""
from __future__ import annotations

import io
import zipfile

import pytest

from render_support import STYLES, meta, renders  # noqa: F401 (fixtures)


def document(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize("style", STYLES)
def test_docx_uses_real_heading_styles_and_a_table_style(renders, style):
    doc = document(renders.get(style, "docx"))
    used = {p.style.name for p in doc.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Title"} <= used
    assert all(t.style.name == "Table" for t in doc.tables)
    header_row = doc.tables[1].rows[0]._tr
    assert header_row.trPr is not None and "tblHeader" in header_row.trPr.xml


@pytest.mark.parametrize("style", STYLES)
def test_docx_has_a_contents_field_titled_innehall(renders, style):
    body = part(renders.get(style, "docx"), "word/document.xml")
    assert 'TOC \\o &quot;1-' in body
    assert ">Innehåll<" in body


@pytest.mark.parametrize("style", STYLES)
def test_docx_properties_name_title_and_swedish(renders, meta, style):
    props = document(renders.get(style, "docx")).core_properties
    assert props.title == meta.title
    assert props.language == "sv-SE"
    custom = part(renders.get(style, "docx"), "docProps/custom.xml")
    assert "24RS64-3" in custom


@pytest.mark.parametrize("style", STYLES)
def test_docx_header_and_footer_carry_title_diary_number_mark_and_page(renders, meta, style):
    section = document(renders.get(style, "docx")).sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    assert meta.title in header and "Dnr 24RS64-3" in header and "FÖRSLAG" in header
    assert "Sida 1 av 1" in footer and "Regionstyrelsen" in footer
    footer_xml = section.footer._element.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_docx_of_a_decided_plan_has_no_mark_in_the_header(renders):
    section = document(renders.get("standard", "docx", "beslutad")).sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "UTKAST" not in header and "FÖRSLAG" not in header




def test_docx_cover_lists_the_document_facts(renders):
    doc = document(renders.get("standard", "docx"))
    authors = [p.text for p in doc.paragraphs if p.style.name == "Author"]
    facts = [line for p in doc.paragraphs if p.style.name == "Abstract"
             for line in p.text.splitlines()]
    assert authors == ["Region Västernorrland", "Regionstyrelsen"]
    assert "Diarienummer: 24RS64-3" in facts and "Status: Förslag" in facts


def test_docx_varav_rows_are_indented_and_numbers_kept(renders):
    doc = document(renders.get("standard", "docx"))
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert ["varav primärvård", "1\u00a0496,0", "1\u00a0553,2", "57,2"] in rows
    varav = doc.tables[1].rows[2].cells[0].paragraphs[0]
    assert varav.style.name == "Tabell varav"


def test_docx_timestamps_come_from_the_document_date(renders):
    data = renders.get("standard", "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {info.date_time[:3] for info in z.infolist()} == {(2024, 11, 20)}
    assert "2024-11-20T00:00:00Z" in part(data, "docProps/core.xml")


def test_docx_wide_table_fills_the_text_width_and_leaves_numbers_room(meta):
    import re

    from render_support import DATA, markdown_tree

    from vplan.render._docx import TEXT_W
    from vplan.render.engines import to_docx
    from vplan.render.housestyle import load_house_style

    markdown = (DATA / "wide-table.md").read_text(encoding="utf-8")
    body = part(to_docx(markdown_tree(markdown), meta, load_house_style("standard")), "word/document.xml")
    columns = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', body)]
    assert len(columns) == 9
    assert '<w:tblW w:type="pct" w:w="5000" />' in body  # Word scales the grid to the width
    share = [c / sum(columns) for c in columns]
    # "2 108,1" is 7 characters: at 9.5 pt about 40 pt, 800 twips, with padding.
    assert min(share[i] for i in (2, 3, 5, 6, 8)) * TEXT_W >= 800
    assert share[0] >= 0.15


@pytest.mark.parametrize("style", STYLES)
def test_docx_cover_page_header_shows_the_logo_with_alt_text(renders, style):
    from vplan.render.housestyle import load_house_style

    data = renders.get(style, "docx")
    section = document(data).sections[0]
    assert section.different_first_page_header_footer
    cover = section.first_page_header._element.xml
    alt = load_house_style(style).logo_alt
    assert f'descr="{alt}"' in cover and "FÖRSLAG" in cover
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.read("word/media/vplan-logotyp.png").startswith(b"\x89PNG")
