"""Word files made the way offices make them, written with python-docx: Swedish heading styles with
and without outline levels, typed heading numbers, a table of contents field, Word's own numbered
lists, merged cells, repeated header rows, shaded cells, indented varav rows, footnotes and images."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png(width: int = 8, height: int = 8, rgb=(200, 30, 30)) -> bytes:
    """A small valid PNG, so the tests need no image library."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def _styles(doc):
    """"Rubrik 1" with an outline level (as a Swedish Word names Heading 1), "Rubrik2" without one
    (a region's own style, known by its name), and Word's TOC entry styles."""
    from docx.enum.style import WD_STYLE_TYPE

    for name, level in (("Rubrik 1", 0), ("Rubrik2", None), ("Rubrik 3", 2)):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        st.font.bold = True
        if level is not None:
            st.element.get_or_add_pPr().append(_el("w:outlineLvl", val=level))
    for name in ("toc 1", "toc 2"):
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = doc.styles["Normal"]


def _toc(doc):
    """A TOC field as Word inserts it: a heading, then entries styled "toc 1" inside the field."""
    doc.add_paragraph("Innehåll", style="TOC Heading")
    first = doc.add_paragraph(style="toc 1")
    r = first.add_run()
    r._r.append(_el("w:fldChar", fldCharType="begin"))
    instr = _el("w:instrText")
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    r._r.append(instr)
    r._r.append(_el("w:fldChar", fldCharType="separate"))
    first.add_run("1 Inledning\t3")
    doc.add_paragraph("2 Mål och indikatorer\t4", style="toc 1")
    last = doc.add_paragraph("3 Budgetram\t6", style="toc 1")
    last.add_run()._r.append(_el("w:fldChar", fldCharType="end"))


def _footnote(doc, paragraph, text: str) -> None:
    """A real footnote: python-docx has no API for them, so the part is added as XML."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    xml = (f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
           '</w:footnotes>').encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    run._r.append(_el("w:footnoteReference", id=1))


def _merge_down(cell_top, cell_bottom):
    cell_top.merge(cell_bottom)


def _header_repeat(row):
    row._tr.get_or_add_trPr().append(_el("w:tblHeader"))


def _shade(cell, fill: str):
    cell._tc.get_or_add_tcPr().append(_el("w:shd", val="clear", color="auto", fill=fill))


def _indent(cell, twips: int = 284):
    p = cell.paragraphs[0]
    p.paragraph_format.left_indent = twips * 635  # EMU per twip


def _bold_row(row):
    for cell in row.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _table(doc, rows, header_rows: int = 1):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                t.cell(r, c).paragraphs[0].add_run(value)
    for r in range(header_rows):
        _header_repeat(t.rows[r])
    return t


def office_plan(path: Path, *, image_alt: str | None = "Karta över länets bibliotek") -> Path:
    import docx

    doc = docx.Document()
    _styles(doc)
    doc.add_paragraph("Verksamhetsplan 2026–2028", style="Title")
    doc.add_paragraph("Kulturnämnden")
    doc.add_paragraph("Region Testbotten")
    _table(doc, [["Diarienummer", "KN 2025/14"], ["Beslutad", "Kulturnämnden 20 november 2025, § 88"]], 0)
    _toc(doc)

    doc.add_paragraph("1 Inledning", style="Rubrik 1")
    p = doc.add_paragraph("Planen bygger på regionplanen och kulturplanen för länet")
    p.add_run(".")
    _footnote(doc, p, "Kulturplanen beslutades av regionfullmäktige 2024.")
    q = doc.add_paragraph("Nämnden arbetar med ")
    q.add_run("tre").bold = True
    q.add_run(" prioriteringar, i ")
    q.add_run("denna").italic = True
    q.add_run(" ordning:")
    for item in ("Läsfrämjande insatser", "Tillgängliga lokaler", "Samverkan med kommunerna"):
        doc.add_paragraph(item, style="List Number")
    pic = doc.add_paragraph()
    import io

    pic.add_run().add_picture(io.BytesIO(png()))
    if image_alt is not None:
        pic.runs[0]._r.xpath(".//wp:docPr")[0].set("descr", image_alt)

    doc.add_paragraph("2 Mål och indikatorer", style="Rubrik 1")
    doc.add_paragraph("2.1 Målområde 1: Kultur för alla", style="Rubrik2")
    doc.add_paragraph("2.1.1 Mål 1 Fler besöker länets kulturinstitutioner", style="Rubrik 3")
    t = _table(doc, [["Indikator", "Utfall 2024", "Målnivå 2026", "Målnivå 2028"],
                     ["Antal besök på länsmuseet", "48\u00a0200", "50\u00a0000", "55\u00a0000"],
                     ["Indikator", "Utfall 2024", "Målnivå 2026", "Målnivå 2028"],
                     ["Andel nöjda besökare, kvinnor", "81 %", "85 %", "90 %"],
                     ["Andel nöjda besökare, män", "77 % (feb-25)", None, None]])
    _merge_down(t.cell(3, 2), t.cell(4, 2))
    _merge_down(t.cell(3, 3), t.cell(4, 3))
    t.cell(3, 2).paragraphs[0].runs[0].text = "85 %"
    para = doc.add_paragraph()
    para.add_run("Mål 2: Barn och unga deltar i kulturlivet").bold = True
    _table(doc, [["Indikator", "Utfall 2024", "Målnivå 2026"], ["Antal elever i kulturskolan", "3 410", "3 600"]])
    doc.add_paragraph("Nämnden får i uppdrag att:")
    for item in ("Ta fram en plan för läsfrämjande arbete senast 2026.", "Utreda en gemensam biljettlösning."):
        doc.add_paragraph(item, style="List Bullet")

    doc.add_paragraph("3 Budgetram", style="Rubrik 1")
    budget = _table(doc, [["Tkr", "Budget", None, "Förändring"],
                          [None, "2025", "2026", None],
                          ["Kulturnämnden", "12\u00a0345", "12\u00a0800", "455"],
                          ["varav bibliotek", "5\u00a0000", "5\u00a0200", "200"],
                          ["varav museer", "7 345", "7 600", "255"],
                          ["Regionteatern", "−1\u00a0200,5", "-1 150,5", "50"],
                          ["Summa", "11\u00a0144,5", "11\u00a0649,5", "505"]], 2)
    budget.cell(0, 1).merge(budget.cell(0, 2))
    budget.cell(0, 1).paragraphs[0].runs[0].text = "Budget"
    for extra in budget.cell(0, 1).paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    budget.cell(0, 0).merge(budget.cell(1, 0))
    budget.cell(0, 3).merge(budget.cell(1, 3))
    _indent(budget.cell(3, 0))
    _indent(budget.cell(4, 0))
    _bold_row(budget.rows[6])
    doc.add_paragraph("Åtgärdernas läge:")
    status = _table(doc, [["Åtgärd", "Läge"], ["Ny bokbuss", "Klar"], ["Digitalt arkiv", "Försenad"],
                          ["Ny scen", "Stoppad"]])
    for r, fill in ((1, "00B050"), (2, "FFFF00"), (3, "FF0000")):
        _shade(status.cell(r, 1), fill)

    doc.add_paragraph("4 Riskbedömning", style="Rubrik 1")
    _table(doc, [["Risk", "Beskrivning"], ["Minskade statsbidrag", "Om bidragen minskar måste verksamhet dras ned."],
                 ["Brist på lokaler", "Flera lokaler behöver renoveras."]])
    doc.add_paragraph("5 Bilagor", style="Rubrik 1")
    doc.add_paragraph("Bilaga 1: Kulturplan för länet")
    doc.add_paragraph("Bilaga 2: Uppföljning av indikatorerna")
    doc.save(path)
    return path


def plain_plan(path: Path) -> Path:
    """A plan typed without any styles: bold lines as headings, typed bullets, an unlabelled cover."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Verksamhetsplan 2027")
    doc.add_paragraph("Miljönämnden, Region Exempelholm")
    for text, bold in [("1 Inledning", True), ("Nämnden arbetar för en hållbar miljö i hela länet.", False),
                       ("2 Målområden", True), ("2.1 Målområde: Ren luft", True), ("Mål 1: Renare luft i städerna", True),
                       ("Nämnden får i uppdrag att:", False), ("• Mäta luften varje månad.", False),
                       ("• Rapportera till fullmäktige.", False), ("3 Ekonomi", True), ("Budgeten är i balans.", False),
                       ("4 Risker", True), ("– Färre mätstationer än planerat", False), ("5 Bilagor", True),
                       ("Bilaga 1 – Mätprogram", False)]:
        doc.add_paragraph().add_run(text).bold = bold
    return _save(doc, path)


def _save(doc, path: Path) -> Path:
    doc.save(path)
    return path


def tables_plan(path: Path) -> Path:
    """Tables as offices type them: key figures under bare years, an assignment table with status and
    deadline, a budget without a header in its first column, a risk table with three columns."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Verksamhetsplan 2026–2028", style="Title")
    doc.add_paragraph("Regionala utvecklingsnämnden, Region Provinsen")
    doc.add_heading("Inledning", 1)
    doc.add_paragraph("Text om nämnden.")
    doc.add_heading("Mål och uppdrag", 1)
    doc.add_heading("Målområde 1: Hållbar tillväxt", 2)
    doc.add_heading("Mål 1: Fler jobb", 3)
    _table(doc, [["Nyckeltal", "2023", "2024", "2026"], ["Sysselsättningsgrad, %", "78,1", "78,4", "80"],
                 ["Nya företag", "1 204", "1 310", "1 400"]], 0)
    _table(doc, [["Uppdrag", "Beslutad av", "Status", "Klart senast"],
                 ["Ta fram en näringslivsstrategi", "Regionfullmäktige", "Ej påbörjad", "2026-12-31"],
                 ["Utvärdera stödet", "Nämnden", "Pågår", "2027"]], 0)
    doc.add_heading("Ekonomi", 1)
    _table(doc, [["", "2025", "2026"], ["Intäkter", "12 000", "12 500"], ["Kostnader", "-11 000", "-11 900"],
                 ["Totalt", "1 000", "600"]], 0)
    frames = _table(doc, [["Resursramar (tkr)", None, None], ["Post", "Budget 2025", "Budget 2026"],
                          ["Bibliotek", "1 000", "1 100"], ["Museer", "2 000", "2 050"], ["Summa", "3 000", "3 150"]], 0)
    frames.cell(0, 0).merge(frames.cell(0, 2))  # a title row across the table
    doc.add_heading("Risker", 1)
    _table(doc, [["Risk", "Konsekvens", "Åtgärd"], ["Lågkonjunktur", "Färre jobb", "Stöd till företag"]], 0)
    doc.add_heading("Bilagor", 1)
    doc.add_paragraph("Planen har inga bilagor.")
    return _save(doc, path)


def title_heading_plan(path: Path) -> Path:
    """The plan's title set as the first Heading 1, the region on a line below it, no table of contents."""
    import docx

    doc = docx.Document()
    doc.add_heading("Verksamhetsplan 2026 för Tandvårdsnämnden", 1)
    doc.add_paragraph("Region Norrby")
    for title, text in (("Inledning", "Nämnden ansvarar för tandvården i hela länet."), ("Målområden", None)):
        doc.add_heading(title, 1)
        if text:
            doc.add_paragraph(text)
    doc.add_heading("Målområde: Frisk mun", 2)
    doc.add_heading("Mål: Färre hål", 3)
    _table(doc, [["Indikator", "Utfall 2025", "Mål 2026"], ["Kariesfria 12-åringar, %", "71", "75"]], 0)
    for title, text in (("Ekonomi", "Budgeten är i balans."), ("Risker", "Det finns få tandläkare."),
                        ("Bilagor", "Planen har inga bilagor.")):
        doc.add_heading(title, 1)
        doc.add_paragraph(text)
    return _save(doc, path)


TYPED_BODY = [
    "1 Inledning", "Kulturnämnden ansvarar för bibliotek, museer och arkiv i hela länet.",
    "1.1 Nämndens uppdrag", "Nämnden stöder kommunernas bibliotek.", "12 Kommuner deltar",
    "2 Målområden", "2.1 Målområde 1: Kultur för alla", "Mål 1: Fler besöker biblioteken",
    "Indikator\tUtfall 2024\tMålnivå 2026", "Antal besök\t12 000\t13 000", "Andel nöjda besökare, %\t81\t85",
    "Öppet\tmån–fre", "Nämnden får i uppdrag att:", "• Öppna två meröppna bibliotek.", "3 Ekonomi", "Budgeten är i balans.",
    "4 Risker", "– Färre besökare än väntat", "5 Bilagor", "Bilaga 1: Kulturplan för länet"]


def typed_plan(path: Path, *, toc: bool = True) -> Path:
    """A plan pasted into Word: every paragraph in the Normal style, nothing bold, section numbers and a
    table of contents typed as text (dot leaders, and a tab before a page number), a table typed with tabs."""
    import docx

    doc = docx.Document()
    for line in ("Verksamhetsplan 2026", "Kulturnämnden", "Region Exempelholm", "Diarienummer: KN 2025/12"):
        doc.add_paragraph(line)
    if toc:
        doc.add_paragraph("Innehållsförteckning")
        for line in ("1 Inledning..... 2", "1.1 Nämndens uppdrag..... 2", "2 Målområden\t3",
                     "2.1 Målområde 1: Kultur för alla..... 3", "3 Ekonomi..... 4", "4 Risker..... 5",
                     "5 Bilagor..... 6"):
            doc.add_paragraph(line)
    for line in TYPED_BODY:
        doc.add_paragraph(line)
    return _save(doc, path)
