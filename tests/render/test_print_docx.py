"""DOCX as Word and LibreOffice show it: a filled table of contents, headings numbered by
Word, captions "Tabell N" as fields, one text size for body and lists, Swedish settings."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest

from render_support import STYLES, libreoffice_pdf_of, markdown_tree, renders  # noqa: F401 (fixtures)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def _contents(body: str) -> str:
    found = re.search(r'<w:sdt>.*?w:val="Table of Contents".*?</w:sdt>', body, re.S)
    assert found, "ingen innehållsförteckning"
    return found.group(0)


def _entries(body: str) -> list[str]:
    """Each entry's visible text: the w:t runs of a TOC paragraph, tabs as tabs."""
    entries = []
    for para in re.findall(r'<w:p><w:pPr><w:pStyle w:val="TOC\d"/>.*?</w:p>', _contents(body), re.S):
        pieces = re.findall(r"<w:t[^>]*>([^<]*)</w:t>|<w:(tab)/>", para)
        entries.append("".join(t or "\t" for t, tab in pieces).rstrip("\t"))
    return entries


def _headings(doc) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in doc.paragraphs
            if p.style.name.startswith("Heading")]


@pytest.mark.parametrize("style", STYLES)
def test_contents_lists_every_heading_before_word_updates_it(renders, style):
    import docx

    from vplan.render.housestyle import load_house_style

    data = renders.get(style, "docx")
    body = part(data, "word/document.xml")
    depth = load_house_style(style).toc_depth
    entries = [e.split("\t")[-1] for e in _entries(body)]
    headings = [text for level, text in _headings(docx.Document(io.BytesIO(data))) if level <= depth]
    assert entries == headings and len(entries) >= 5
    contents = _contents(body)
    assert f'TOC \\o &quot;1-{depth}&quot;' in contents  # Word can still update it
    assert contents.count("PAGEREF vplan-toc-") == len(entries)
    for n in range(1, len(entries) + 1):
        assert f'w:name="vplan-toc-{n}"' in body  # every page reference has its bookmark


def test_contents_entries_carry_the_numbers_word_gives_the_headings(renders):
    entries = _entries(part(renders.get("standard", "docx"), "word/document.xml"))
    assert "1\tInledning" in entries
    assert "2.1.1\tMål: Regionen agerar som en sammanhållande kraft" in entries
    plain = _entries(part(renders.get("vasterbotten", "docx"), "word/document.xml"))
    assert "Mål: Regionen agerar som en sammanhållande kraft" in plain


def test_word_numbers_the_headings_through_the_heading_styles(renders):
    import docx

    data = renders.get("standard", "docx")
    doc = docx.Document(io.BytesIO(data))
    # no typed numbers in the heading text
    assert ("3", "Mål: Regionen agerar som en sammanhållande kraft") in [
        (str(level), text) for level, text in _headings(doc)]
    numbering = part(data, "word/numbering.xml")
    for level in (1, 2, 3):
        num = doc.styles[f"Heading {level}"].element.find(f"{W}pPr/{W}numPr")
        assert num is not None, f"Heading {level} saknar numrering"
        assert num.find(f"{W}ilvl").get(f"{W}val") == str(level - 1)
        num_id = num.find(f"{W}numId").get(f"{W}val")
        abstract = re.search(rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="(\d+)"', numbering).group(1)
        lvl = re.search(rf'<w:abstractNum w:abstractNumId="{abstract}">.*?</w:abstractNum>', numbering, re.S).group(0)
        text = re.search(rf'<w:lvl w:ilvl="{level - 1}">.*?<w:lvlText w:val="([^"]*)"', lvl, re.S).group(1)
        assert text == ".".join(f"%{k}" for k in range(1, level + 1))
    # the schema's order, or Word calls the file damaged
    assert numbering.rfind("<w:abstractNum ") < numbering.find("<w:num ")
    plain = docx.Document(io.BytesIO(renders.get("vasterbotten", "docx")))
    assert plain.styles["Heading 1"].element.find(f"{W}pPr/{W}numPr") is None


def test_captions_are_numbered_by_seq_fields(renders):
    body = part(renders.get("standard", "docx"), "word/document.xml")
    captions = re.findall(r'<w:pStyle w:val="TableCaption" />.*?</w:p>', body, re.S)
    assert len(captions) >= 2
    for n, caption in enumerate(captions, 1):
        assert re.search(r">Tabell[\u00a0 ]</w:t>", caption), caption
        assert re.search(rf'<w:fldSimple w:instr="SEQ Table [^"]*"><w:r><w:t>{n}</w:t>', caption), caption


def test_swedish_decimal_comma_list_separator_and_language(renders):
    data = renders.get("standard", "docx")
    settings = part(data, "word/settings.xml")
    assert re.search(r'<w:decimalSymbol w:val=","\s*/>', settings)
    assert re.search(r'<w:listSeparator w:val=";"\s*/>', settings)
    assert re.search(r'<w:themeFontLang w:val="sv-SE"', settings)
    assert re.search(r'<w:lang [^>]*w:val="sv-SE"', part(data, "word/styles.xml"))


def test_lists_have_the_body_text_size(renders):
    import docx

    doc = docx.Document(io.BytesIO(renders.get("standard", "docx")))

    def size(style):
        while style is not None:
            if style.font.size is not None:
                return style.font.size.pt
            style = style.base_style
        return None  # the document default, 11 pt

    in_lists = {p.style.name for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None}
    in_lists |= {"Compact"}  # pandoc's tight lists
    body = size(doc.styles["Body Text"])
    for name in in_lists:
        assert size(doc.styles[name]) == body, f"{name} har en annan storlek än brödtexten"


@pytest.fixture(scope="module")
def libreoffice_pdf(renders, tmp_path_factory):
    return libreoffice_pdf_of(renders.file("standard", "docx"), tmp_path_factory.mktemp("libreoffice"))


def _words(pdf) -> list[tuple[int, str, float]]:
    """(page, word, height) for every word LibreOffice laid out."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    out = []
    for page, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", xml, re.S), 1):
        for y0, y1, word in re.findall(
                r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', body):
            out.append((page, word, float(y1) - float(y0)))
    return out


def test_libreoffice_shows_the_contents_with_numbered_entries(libreoffice_pdf):
    from render_support import pdftotext

    pages = pdftotext(libreoffice_pdf, "-layout").split("\f")
    contents = next(p for p in pages if "Innehåll" in p)
    lines = [" ".join(line.split()) for line in contents.splitlines()]
    assert any(line.startswith("1 Inledning") for line in lines), contents
    assert any(line.startswith("2.1.1 Mål: Regionen agerar som en sammanhållande") for line in lines), contents
    body = "\n".join(pages[pages.index(contents) + 1:])
    assert re.search(r"^\s*2\.1\.1\s+Mål: Regionen agerar", body, re.M), "rubriken saknar sitt nummer"


def test_libreoffice_lays_out_list_items_at_body_size(libreoffice_pdf):
    words = _words(libreoffice_pdf)
    body = [h for _, w, h in words if w == "Verksamhetsplanen"]
    listed = [h for _, w, h in words if w == "attraktiv"]  # "Regionen ska vara en attraktiv arbetsgivare."
    assert body and listed
    assert abs(max(listed) - body[0]) < 0.5, (body, listed)


def test_no_soft_hyphens_even_in_long_table_words(tmp_path):
    """Word breaks words itself; typed soft hyphens turn up in copied text and searches."""
    from render_support import DATA, load_meta

    from vplan.render.engines import to_docx
    from vplan.render.housestyle import load_house_style

    markdown = (DATA / "wide-table.md").read_text(encoding="utf-8").replace(
        "| Indikator |", "| Personalkostnadsutveckling |")
    data = to_docx(markdown_tree(markdown), load_meta(), load_house_style("standard"))
    assert "Personalkostnadsutveckling" in part(data, "word/document.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert "\u00ad" not in z.read(name).decode("utf-8"), name


WIDE = """# Budget {#budget}

Text före tabellen.

## Budgetramar per område {#budgetramar}

| Mkr | Externa intäkter | Interna intäkter | Personalkostnader | Läkemedel | Övriga externa omkostnader | Avskrivningar | Interna kostnader | Nettobudget |
|:--|--:|--:|--:|--:|--:|--:|--:|--:|
| Regiondirektör | 134 | 14 | −491 | 0 | −68 | 0 | 0 | −411 |
| Utveckling och digitalisering | 8 | 10 | −80 | 0 | −177 | −85 | −10 | −334 |
| **Summa tjänstemannabudget** | **244** | **261** | **−774** | **−31** | **−989** | **−85** | **−808** | **−2 182** |

: Budgetramar per område 2025 {#tbl-budgetramar}

## Efter tabellen {#efter}

Text efter tabellen.
"""


@pytest.fixture(scope="module")
def wide_docx(tmp_path_factory):
    from render_support import load_meta

    from vplan.render.engines import to_docx
    from vplan.render.housestyle import load_house_style

    path = tmp_path_factory.mktemp("bred") / "bred.docx"
    path.write_bytes(to_docx(markdown_tree(WIDE), load_meta(), load_house_style("standard")))
    return path


def test_a_table_too_wide_for_the_page_gets_a_landscape_section(wide_docx):
    import docx

    sections = docx.Document(str(wide_docx)).sections
    assert [s.orientation.name for s in sections] == ["PORTRAIT", "LANDSCAPE", "PORTRAIT"]
    assert sections[1].page_width > sections[1].page_height
    # the cover page's own header stays on the first page only
    assert [s.different_first_page_header_footer for s in sections] == [True, False, False]
    assert all(s.header.paragraphs[0].text.startswith("Verksamhetsplan 2025") for s in sections)


def test_libreoffice_shows_the_wide_table_on_a_landscape_page_with_whole_words(wide_docx, tmp_path):
    pdf = libreoffice_pdf_of(wide_docx, tmp_path)
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S)
    table_pages = [(float(w), float(h), body) for w, h, body in pages if "Personalkostnader" in body]
    assert len(table_pages) == 1, "rubriken Personalkostnader är bruten eller saknas"
    width, height, body = table_pages[0]
    assert width > height, "tabellen står inte på en liggande sida"
    words = re.findall(r">([^<]+)</word>", body)
    for word in ("Avskrivningar", "Nettobudget", "omkostnader", "tjänstemannabudget", "−2\u00a0182"):
        assert word in words or word.replace("\u00a0", " ") in " ".join(words), word
    assert "Budgetramar" in words and "område" in words  # the heading went along


def test_contents_and_word_agree_on_a_roman_and_letter_pattern(tmp_path):
    """numrering "I.a": Word's list levels and the written contents count alike."""
    import docx

    from render_support import DATA, load_meta

    from vplan.render.engines import to_docx
    from vplan.render.housestyle import load_house_style

    folder = tmp_path / "mallar" / "romersk"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text('namn: Romersk\nbas: standard\nrubriker:\n  numrering: "I.a"\n',
                                       encoding="utf-8")
    style = load_house_style("romersk", [tmp_path / "mallar"])
    data = to_docx(markdown_tree((DATA / "sample.md").read_text(encoding="utf-8")), load_meta(), style)
    entries = _entries(part(data, "word/document.xml"))
    assert "I\tInledning" in entries
    assert "II.a.a\tMål: Regionen agerar som en sammanhållande kraft" in entries
    numbering = part(data, "word/numbering.xml")
    num_id = docx.Document(io.BytesIO(data)).styles["Heading 3"].element.find(
        f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
    abstract = re.search(rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="(\d+)"', numbering).group(1)
    levels = re.search(rf'<w:abstractNum w:abstractNumId="{abstract}">.*?</w:abstractNum>', numbering, re.S).group(0)
    formats = re.findall(r'<w:numFmt w:val="([^"]+)"\s*/>', levels)[:3]
    texts = re.findall(r'<w:lvlText w:val="([^"]+)"\s*/>', levels)[:3]
    assert formats == ["upperRoman", "lowerLetter", "lowerLetter"]
    assert texts == ["%1", "%1.%2", "%1.%2.%3"]


def test_a_marked_up_heading_stays_marked_in_the_contents():
    """vplan build --redline: struck and underlined words of a heading, struck and underlined in the contents."""
    from render_support import load_meta

    from vplan.render.engines import to_docx
    from vplan.render.housestyle import load_house_style

    markdown = "# Ekonomi {#ekonomi}\n\n## Budget ~~2024~~ [2025]{.underline}[^1] {#budget}\n\nText.\n\n[^1]: Not.\n"
    entries = re.findall(r'<w:p><w:pPr><w:pStyle w:val="TOC2"/>.*?</w:p>',
                         _contents(part(to_docx(markdown_tree(markdown), load_meta(), load_house_style("standard")),
                                        "word/document.xml")), re.S)
    assert len(entries) == 1
    runs = re.findall(r"<w:r>(?:<w:rPr>(.*?)</w:rPr>)?<w:t[^>]*>([^<]*)</w:t></w:r>", entries[0])
    assert ("<w:strike/>", "2024") in runs
    assert ('<w:u w:val="single"/>', "2025") in runs
    assert "Not." not in entries[0]
