"""The reference document pandoc styles a DOCX after, made from a house style.

It starts from pandoc's own reference.docx and changes the XML in the zip:
styles (fonts, colours, headings, table), an A4 page, a cover header with the
logo, and a header and footer that carry the title, diary number, status and
"Sida x av y". A house style
that ships its own ``reference.docx`` (a region's Word template) is used as is.
"""
from __future__ import annotations

import io
import re
import zipfile
from html import escape as _escape

from vplan.render._meta import RenderMeta
from vplan.render.housestyle import HouseStyle


def escape(text: str, _entities: dict | None = None) -> str:
    """XML text and attribute values (xml.sax.saxutils would pull in urllib.request: 50 ms)."""
    return _escape(text, quote=True)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_BASE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
# A4 in twentieths of a point; margins 2.5 cm left, 2.3 cm right.
PAGE_W, PAGE_H, MARGIN_L, MARGIN_R = 11906, 16838, 1417, 1304
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R
_HANGING = {1: 680, 2: 794, 3: 907, 4: 1134}


def reference_docx(style: HouseStyle, meta: RenderMeta) -> bytes:
    from vplan.render._pandoc import default_data_file

    own = style.find("reference.docx")
    if own is not None:
        return own.read_bytes()
    parts = _unzip(default_data_file("reference.docx"))
    parts["word/styles.xml"] = _restyle(parts["word/styles.xml"].decode("utf-8"), style).encode()
    parts["word/header1.xml"] = _header(meta, style).encode("utf-8")
    parts["word/header2.xml"] = _cover_header(meta, style, parts).encode("utf-8")
    parts["word/footer1.xml"] = _footer(meta).encode("utf-8")
    parts["word/_rels/document.xml.rels"] = _add_rels(parts["word/_rels/document.xml.rels"])
    parts["[Content_Types].xml"] = _add_types(parts["[Content_Types].xml"])
    parts["word/document.xml"] = _set_section(parts["word/document.xml"])
    parts["word/settings.xml"] = _swedish_settings(parts["word/settings.xml"])
    if _numbered(style):
        parts["word/numbering.xml"] = _add_heading_numbering(parts["word/numbering.xml"], style.numbering)
    return _zip(parts, meta.epoch)


# --- styles -----------------------------------------------------------------

def _restyle(xml: str, style: HouseStyle) -> str:
    c, f = style.colours, style.fonts
    xml = re.sub(
        r"<w:rFonts [^>]*/>(\s*<w:sz w:val=\"24\" />\s*<w:szCs w:val=\"24\" />)",
        _fonts(f.docx) + r'<w:color w:val="%s"/><w:sz w:val="22"/><w:szCs w:val="22"/>' % _hex(c.text),
        xml,
        count=1,
    )
    xml = re.sub(r'<w:lang w:val="[^"]*"', '<w:lang w:val="sv-SE"', xml, count=1)
    for style_id, body in _style_bodies(style).items():
        xml = _replace_style(xml, style_id, body)
    return xml.replace("</w:styles>", _extra_styles(style) + "</w:styles>")


def _style_bodies(style: HouseStyle) -> dict[str, str]:
    c, f = style.colours, style.fonts
    head = _fonts(f.docx_headings)
    primary = _hex(c.primary)
    chapter_break = "<w:pageBreakBefore/>" if style.chapter_on_new_page else ""

    def heading(level: int, size: int, extra_ppr: str = "", extra_rpr: str = "") -> str:
        # Word numbers the headings (numbering.xml); a tab after the number and a
        # hanging indent line the titles up.
        hang = _HANGING[level] if _numbered(style) else 0
        numbered = (
            f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'
            f'<w:tabs><w:tab w:val="left" w:pos="{hang}"/></w:tabs>' if hang else ""
        )
        indent = f'<w:ind w:left="{hang}" w:hanging="{hang}"/>' if hang else ""
        return _para(
            f"heading {level}",
            f"<w:keepNext/><w:keepLines/>{extra_ppr}{numbered}"
            f'<w:spacing w:before="{360 - 60 * level}" w:after="120"/>{indent}'
            f'<w:outlineLvl w:val="{level - 1}"/>',
            f'{head}<w:b/><w:color w:val="{primary}"/>{extra_rpr}{_size(size)}',
            next_id="BodyText",
        )

    return {
        "Title": _para("Title", '<w:spacing w:before="2400" w:after="240"/>',
                       f'{head}<w:b/><w:color w:val="{primary}"/>{_size(28)}', next_id="BodyText"),
        "Subtitle": _para("Subtitle", '<w:spacing w:after="480"/>', _size(16), next_id="BodyText"),
        "Author": _para("Author", '<w:spacing w:after="40"/>',
                        f'<w:color w:val="{primary}"/><w:b/>{_size(13)}'),
        "Date": _para("Date", '<w:spacing w:after="240"/>', _size(11)),
        "AbstractTitle": _para("Abstract Title", '<w:spacing w:before="720" w:after="120"/>',
                               f'{head}<w:b/><w:color w:val="{primary}"/>{_size(11)}'),
        "Abstract": _para("Abstract", '<w:spacing w:after="60"/>', _size(10)),
        "Heading1": heading(1, 18, chapter_break),
        "Heading2": heading(2, 14),
        "Heading3": heading(3, 12),
        "Heading4": heading(4, 11, extra_rpr="<w:i/>"),
        "TOCHeading": _para("TOC Heading", '<w:pageBreakBefore/><w:spacing w:after="240"/>',
                            f'{head}<w:b/><w:color w:val="{primary}"/>{_size(18)}',
                            based_on="Normal", next_id="BodyText", style_id="TOCHeading"),
        "TableCaption": _para("Table Caption", '<w:keepNext/><w:spacing w:before="240" w:after="80"/>',
                              f'{head}<w:b/><w:color w:val="{primary}"/>{_size(10)}'),
        # Tight lists and table cells: no size of its own, so a list is body
        # size and a cell takes the table style's smaller size.
        "Compact": _para("Compact", '<w:spacing w:before="30" w:after="30"/>', "",
                         based_on="BodyText"),
        "Hyperlink": _char("Hyperlink", f'<w:color w:val="{_hex(c.accent)}"/><w:u w:val="single"/>'),
        "Table": _table_style(style),
    }


def _extra_styles(style: HouseStyle) -> str:
    mark = _hex(style.colours.mark)
    return (
        _para("header", f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
              '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" '
              f'w:color="{_hex(style.colours.accent)}"/></w:pBdr><w:spacing w:after="0"/>',
              _size(8.5), style_id="Header")
        + _para("footer", f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
                '<w:spacing w:after="0"/>', _size(8.5), style_id="Footer")
        + _para("Tabell varav", '<w:ind w:left="284"/><w:spacing w:before="30" w:after="30"/>',
                _size(9.5), based_on="BodyText", style_id="Tabellvarav")
        # cells of a table too wide for 9.5 pt (the Lua filter chooses)
        + _para("Tabell liten", '<w:spacing w:before="20" w:after="20"/>', _size(8),
                based_on="BodyText", style_id="Tabellliten")
        + _para("Tabell varav liten", '<w:ind w:left="227"/><w:spacing w:before="20" w:after="20"/>',
                _size(8), based_on="BodyText", style_id="Tabellvaravliten")
        + _char("Utkastmarkering", f'<w:b/><w:color w:val="{mark}"/><w:spacing w:val="20"/>',
                style_id="Utkastmarkering")
        + "".join(_toc_style(level, style) for level in range(1, 10))
    )


def _toc_style(level: int, style: HouseStyle) -> str:
    """Word's "toc N" styles: the number, a tab, the title, dots to the page number."""
    left = 240 * (level - 1)
    hang = _HANGING.get(level, 1134) if _numbered(style) else 0
    tabs = f'<w:tab w:val="left" w:pos="{left + hang}"/>' if hang else ""
    bold = "<w:b/>" if level == 1 else ""
    return _para(
        f"toc {level}",
        f'<w:tabs>{tabs}<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
        f'<w:spacing w:before="{120 if level == 1 else 0}" w:after="40"/>'
        f'<w:ind w:left="{left + hang}" w:right="567" w:hanging="{hang}"/>',
        bold, style_id=f"TOC{level}", next_id="BodyText",
    )


def _table_style(style: HouseStyle) -> str:
    c = style.colours
    line = f'w:val="single" w:sz="4" w:space="0" w:color="{_hex(c.accent)}"'
    return (
        '<w:style w:type="table" w:default="1" w:styleId="Table">'
        '<w:name w:val="Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="30" w:after="30"/></w:pPr>'
        f"<w:rPr>{_size(9.5)}</w:rPr>"
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders><w:bottom {line}/><w:insideH {line}/></w:tblBorders>"
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr>'
        f'<w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{_hex(c.primary)}"/>'
        "</w:tcBorders>"
        f'<w:shd w:val="clear" w:color="auto" w:fill="{_hex(c.table_header)}"/>'
        '<w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )


def _replace_style(xml: str, style_id: str, body: str) -> str:
    pattern = re.compile(
        r'<w:style [^>]*w:styleId="%s">.*?</w:style>' % re.escape(style_id), re.DOTALL
    )
    new, count = pattern.subn(lambda _: body, xml, count=1)
    if count:
        return new
    return xml.replace("</w:styles>", body + "</w:styles>")


def _para(name: str, ppr: str, rpr: str, *, based_on: str = "Normal",
          next_id: str | None = None, style_id: str | None = None) -> str:
    sid = style_id or name.title().replace(" ", "")
    nxt = f'<w:next w:val="{next_id}"/>' if next_id else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{escape(name)}"/>'
        f'<w:basedOn w:val="{based_on}"/>{nxt}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _char(name: str, rpr: str, *, style_id: str | None = None) -> str:
    sid = style_id or name
    return (
        f'<w:style w:type="character" w:styleId="{sid}"><w:name w:val="{escape(name)}"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:rPr>{rpr}</w:rPr></w:style>'
    )


def _fonts(name: str) -> str:
    n = escape(name, {'"': "&quot;"})
    return f'<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}"/>'


def _size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


# --- numbering and settings -------------------------------------------------

# pandoc drops the reference's lists with ids from 990 (abstract) and 1000 (num) up
HEADING_NUM_ID = 900
_COUNTER_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter",
                    "i": "lowerRoman", "I": "upperRoman"}


def _numbered(style: HouseStyle) -> bool:
    """A pattern without a counting symbol (only separators) numbers nothing."""
    return bool(style.numbering and re.search(r"[1aAiI]", style.numbering))


def heading_levels(pattern: str, depth: int = 9) -> list[tuple[str, str]]:
    """(Word number format, level text) per heading level, read like typst reads "1.1".

    Counting symbols are 1 a A i I; what stands between them is kept. A level
    deeper than the pattern repeats its last symbol with the separator before it.
    """
    parts = re.split(r"([1aAiI])", pattern)
    prefix, counters, suffix = parts[0], parts[1::2], parts[-1]
    seps = [""] + parts[2:-1:2]
    repeat_sep = seps[-1] if len(counters) > 1 else "."
    levels = []
    for n in range(1, depth + 1):
        text = prefix
        for k in range(n):
            sep = seps[k] if k < len(counters) else repeat_sep
            text += (sep if k else "") + f"%{k + 1}"
        levels.append((_COUNTER_FORMATS[counters[min(n - 1, len(counters) - 1)]], text + suffix))
    return levels


def _add_heading_numbering(xml: bytes, pattern: str) -> bytes:
    """One multi-level list that the heading styles point at (w:numPr in the styles)."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:pStyle w:val="Heading{i + 1}"/><w:suff w:val="tab"/><w:lvlText w:val="{escape(text)}"/>'
        '<w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{_HANGING.get(i + 1, 1134)}" w:hanging="{_HANGING.get(i + 1, 1134)}"/></w:pPr>'
        "</w:lvl>"
        for i, (fmt, text) in enumerate(heading_levels(pattern))
    )
    abstract = (f'<w:abstractNum w:abstractNumId="{HEADING_NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
                f"{lvls}</w:abstractNum>")
    num = f'<w:num w:numId="{HEADING_NUM_ID}"><w:abstractNumId w:val="{HEADING_NUM_ID}"/></w:num>'
    text = xml.decode("utf-8")
    # every abstractNum comes before the first num
    first_num = text.find("<w:num ")
    at = first_num if first_num != -1 else text.index("</w:numbering>")
    text = text[:at] + abstract + text[at:]
    return text.replace("</w:numbering>", num + "</w:numbering>").encode("utf-8")


def finish_docx(data: bytes, epoch: int, media=None) -> bytes:
    """What pandoc cannot write: list order in numbering.xml, landscape sections; and the
    pictures `media` replaces (path -> bytes in, the same paths out)."""
    parts = _unzip(data)
    if media is not None:
        parts.update(media({path: b for path, b in parts.items() if path.startswith("word/media/")}))
    if "word/numbering.xml" in parts:
        parts["word/numbering.xml"] = _abstracts_first(parts["word/numbering.xml"].decode("utf-8")).encode()
    text = _landscape_sections(parts["word/document.xml"].decode("utf-8"))
    parts["word/document.xml"] = _DATA_NAME.sub(r'\1descr=""', text).encode()
    return _zip(parts, epoch)


# pandoc names an embedded picture by its source; for a data: URI (a follow-up's charts) that
# is the whole image again, in a field some readers show. The alt text stays on wp:docPr.
_DATA_NAME = re.compile(r'(<pic:cNvPr\b[^>]*?)descr="data:[^"]*"')


def _abstracts_first(text: str) -> str:
    """pandoc appends its own lists after the reference's: every abstractNum goes
    before the first num again, as the schema (and Word) wants."""
    abstracts = re.findall(r"<w:abstractNum\b.*?</w:abstractNum>", text, re.S)
    rest = re.sub(r"<w:abstractNum\b.*?</w:abstractNum>\s*", "", text, flags=re.S)
    first_num = rest.find("<w:num ")
    if first_num == -1:
        return text
    return rest[:first_num] + "".join(abstracts) + rest[first_num:]


_PORTRAIT_END = "<!--vplan-slut-staende-->"
_LANDSCAPE_END = "<!--vplan-slut-liggande-->"
_TITLE_PAGE = re.compile(r"<w:titlePg\s*/>")


def _landscape_sections(text: str) -> str:
    """The Lua filter marks where a landscape table starts and ends; each mark
    becomes a section break that copies the document's own section (header,
    footer, margins), turned for the landscape part. Only the first section
    keeps the cover page's own header."""
    if _PORTRAIT_END not in text:
        return text
    last = list(re.finditer(r"<w:sectPr\b.*?</w:sectPr>", text, re.S))[-1]
    final = last.group(0)
    plain = _TITLE_PAGE.sub("", final)

    def turned(section: str) -> str:
        size = re.search(r"<w:pgSz\b[^>]*/>", section).group(0)
        width = re.search(r'w:w="(\d+)"', size).group(1)
        height = re.search(r'w:h="(\d+)"', size).group(1)
        return section.replace(size, f'<w:pgSz w:w="{height}" w:h="{width}" w:orient="landscape"/>')

    def brk(section: str) -> str:
        return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{section}</w:pPr></w:p>'

    text = text[:last.start()] + plain + text[last.end():]
    text = text.replace(_PORTRAIT_END, brk(final), 1)
    return text.replace(_PORTRAIT_END, brk(plain)).replace(_LANDSCAPE_END, brk(turned(plain)))


def _swedish_settings(xml: bytes) -> bytes:
    """Decimal comma and list separator ";" for Word's fields and formulas; Swedish theme fonts."""
    text = xml.decode("utf-8")
    for tag, value in (("decimalSymbol", ","), ("listSeparator", ";")):
        text, found = re.subn(rf'<w:{tag} w:val="[^"]*"\s*/>', f'<w:{tag} w:val="{value}"/>', text)
        if not found:
            text = text.replace("</w:settings>", f'<w:{tag} w:val="{value}"/></w:settings>')
    text = re.sub(r'(<w:themeFontLang w:val=")[^"]*"', r'\1sv-SE"', text)
    return text.encode("utf-8")


# --- header, footer, page ---------------------------------------------------

# To the right margin whatever the page's width, so landscape pages too.
_RIGHT = '<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>'


def _header(meta: RenderMeta, style: HouseStyle) -> str:
    left = meta.title + (f" · Dnr {meta.diary_number}" if meta.diary_number else "")
    runs = _run(left)
    if meta.draft_mark:
        runs += _RIGHT + _run(meta.draft_mark, '<w:rStyle w:val="Utkastmarkering"/>')
    return _story("hdr", f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{runs}</w:p>')


def _cover_header(meta: RenderMeta, style: HouseStyle, parts: dict[str, bytes]) -> str:
    """The first page shows the logo and the mark instead of the running title."""
    from vplan.render import _docx_logo

    runs = ""
    png = _docx_logo.logo_png(style)
    if png is not None:
        parts["word/" + _docx_logo.MEDIA] = png
        parts["word/_rels/header2.xml.rels"] = _docx_logo.header_rels()
        runs = _docx_logo.drawing(png, style.logo_alt)
    if meta.draft_mark:
        runs += _RIGHT + _run(meta.draft_mark, '<w:rStyle w:val="Utkastmarkering"/>')
    ppr = '<w:pStyle w:val="Header"/><w:pBdr><w:bottom w:val="nil"/></w:pBdr>'
    return _story("hdr", f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>", DRAWING_NS)


def _footer(meta: RenderMeta) -> str:
    runs = (
        _run(f"{meta.region} · {meta.board}")
        + _RIGHT
        + _run("Sida ") + _field("PAGE", "1") + _run(" av ") + _field("NUMPAGES", "1")
    )
    return _story("ftr", f'<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{runs}</w:p>')


def _story(tag: str, body: str, namespaces: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:{tag} xmlns:w="{W_NS}" xmlns:r="{R_NS}" {namespaces}>{body}</w:{tag}>'
    )


def _run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _field(code: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(shown)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _add_rels(xml: bytes) -> bytes:
    rels = (
        f'<Relationship Id="rIdVplanHeader" Type="{REL_BASE}/header" Target="header1.xml"/>'
        f'<Relationship Id="rIdVplanCover" Type="{REL_BASE}/header" Target="header2.xml"/>'
        f'<Relationship Id="rIdVplanFooter" Type="{REL_BASE}/footer" Target="footer1.xml"/>'
    )
    return xml.replace(b"</Relationships>", rels.encode() + b"</Relationships>")


def _add_types(xml: bytes) -> bytes:
    types = (
        f'<Override PartName="/word/header1.xml" ContentType="{CT_BASE}.header+xml"/>'
        f'<Override PartName="/word/header2.xml" ContentType="{CT_BASE}.header+xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f'<Override PartName="/word/footer1.xml" ContentType="{CT_BASE}.footer+xml"/>'
    )
    return xml.replace(b"</Types>", types.encode() + b"</Types>")


def _set_section(xml: bytes) -> bytes:
    section = (
        "<w:sectPr>"
        '<w:headerReference w:type="default" r:id="rIdVplanHeader"/>'
        '<w:headerReference w:type="first" r:id="rIdVplanCover"/>'
        '<w:footerReference w:type="default" r:id="rIdVplanFooter"/>'
        '<w:footerReference w:type="first" r:id="rIdVplanFooter"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="1474" w:right="{MARGIN_R}" w:bottom="1361" w:left="{MARGIN_L}" '
        'w:header="680" w:footer="567" w:gutter="0"/>'
        "<w:titlePg/>"
        "</w:sectPr>"
    )
    text = xml.decode("utf-8")
    text, count = re.subn(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\s*/>", section, text,
                          count=1, flags=re.DOTALL)
    if not count:
        text = text.replace("</w:body>", section + "</w:body>")
    return text.encode("utf-8")


# --- zip ----------------------------------------------------------------------

def _unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(parts: dict[str, bytes], epoch: int) -> bytes:
    """Pandoc copies some parts with their zip dates, so they get the document's date."""
    import datetime as dt

    when = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.timezone.utc)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
