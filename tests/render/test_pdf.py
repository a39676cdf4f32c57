"""PDF: tagged PDF/UA-1 + PDF/A-2a, Swedish, A4, bookmarks, numbers and marks where they belong."""
from __future__ import annotations

import io
import re

import pytest

from render_support import STYLES, meta, pdftotext, renders  # noqa: F401 (fixtures)

A4 = (595.28, 841.89)
RIGHT_MARGIN_PT = 2.3 / 2.54 * 72


def reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def struct_types(root) -> set[str]:
    """Every /S in the structure tree."""
    found: set[str] = set()
    stack = [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not hasattr(node, "get"):
            continue
        if node.get("/S"):
            found.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                stack.append(kid)
    return found


@pytest.mark.parametrize("style", STYLES)
def test_pdf_is_tagged_pdf_ua_with_title_and_language(renders, meta, style):
    pdf = reader(renders.get(style, "pdf"))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).startswith("sv")
    assert pdf.metadata.title == meta.title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)
    assert re.search(r"pdfaid:part(>|=\")2", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp)


@pytest.mark.parametrize("style", STYLES)
def test_pdf_has_bookmarks_headings_table_headers_and_a_logo_with_alt_text(renders, style):
    pdf = reader(renders.get(style, "pdf"))
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    numbers = "1 2 3 4".split() if style != "vasterbotten" else [""] * 4
    chapters = ["Inledning", "Målområden", "Uppdrag", "Uppföljning"]
    assert titles == [f"{n} {c}".strip() for n, c in zip(numbers, chapters)]
    kinds = struct_types(pdf.trailer["/Root"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/TOC", "/Figure", "/Title"} <= kinds


@pytest.mark.parametrize("style", STYLES)
def test_pdf_pages_are_a4_and_text_stays_inside_the_margins(renders, style):
    path = renders.file(style, "pdf")
    for page in reader(renders.get(style, "pdf")).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', pdftotext(path, "-bbox"))]
    assert max(right_edges) <= A4[0] - RIGHT_MARGIN_PT + 1


@pytest.mark.parametrize("style", STYLES)
def test_pdf_numbers_stay_whole_in_their_table_row(renders, style):
    text = pdftotext(renders.file(style, "pdf"), "-layout").replace("\u00a0", " ")
    row = next(line for line in text.splitlines() if "Regional utveckling" in line)
    assert re.search(r"2 259\s+2 250\s+−9,0", row)
    assert "8 683,4" in text
    assert "Sida 1 av" in text


def test_pdf_headings_are_numbered_when_the_style_says_so(renders):
    numbered = pdftotext(renders.file("standard", "pdf"))
    assert "2.1.1 Mål: Regionen agerar som en sammanhållande kraft" in numbered
    assert "1 Inledning" in numbered
    plain = pdftotext(renders.file("vasterbotten", "pdf"))
    assert "Mål: Regionen agerar" in plain and "2.1.1 Mål" not in plain


@pytest.mark.parametrize("status, mark", [("förslag", "FÖRSLAG"), ("utkast", "UTKAST")])
def test_pdf_shows_the_draft_mark_on_every_page(renders, status, mark):
    text = pdftotext(renders.file("standard", "pdf", status))
    pages = text.split("\f")[:-1]
    assert pages and all(mark in page for page in pages)


def test_pdf_of_a_decided_plan_has_no_draft_mark(renders):
    text = pdftotext(renders.file("standard", "pdf", "beslutad")).replace(" ", "")
    assert "UTKAST" not in text and "FÖRSLAG" not in text
    assert "Beslutad" in text and "Regionstyrelsen2024-12-10,§240" in text


def test_pdf_cover_names_region_board_title_and_diary_number(renders):
    cover = pdftotext(renders.file("standard", "pdf"), "-l", "1")
    for expected in ("Region Västernorrland", "Regionstyrelsen", "Verksamhetsplan",
                     "Diarienummer", "24RS64-3", "Status", "Förslag"):
        assert expected in cover


@pytest.mark.parametrize("style", ["standard", "vasterbotten"])
def test_a_nine_column_table_fits_the_page_with_every_number_whole(tmp_path, style):
    from render_support import DATA, load_meta, markdown_tree

    from vplan.render.engines import to_pdf
    from vplan.render.housestyle import load_house_style

    markdown = (DATA / "wide-table.md").read_text(encoding="utf-8")
    path = tmp_path / "bred.pdf"
    path.write_bytes(to_pdf(markdown_tree(markdown), load_meta(), load_house_style(style)))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', pdftotext(path, "-bbox"))]
    assert max(right_edges) <= A4[0] - RIGHT_MARGIN_PT + 1
    text = pdftotext(path, "-layout").replace("\u00a0", " ")
    rows = [line for line in markdown.replace("\u00a0", " ").splitlines()
            if re.match(r"\| Indikator \d+:", line)]
    assert len(rows) == 14
    for row in rows:
        name, *cells = [c.strip() for c in row.strip("|").split("|")]
        number = name.split(":")[0]
        line = next(li for li in text.splitlines() if f"{number}:" in li)
        assert re.search(r"\s+".join(re.escape(c) for c in cells), line), line
