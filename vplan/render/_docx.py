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
from xml.sax.saxutils import escape

from vplan.render._meta import RenderMeta
from vplan.render.housestyle import HouseStyle

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
        # pandoc writes "2.1<tab>Title": a tab stop and hanging indent line the titles up.
        hang = _HANGING[level] if style.numbering else 0
        numbered = (
            f'<w:tabs><w:tab w:val="left" w:pos="{hang}"/></w:tabs>'
            f'<w:ind w:left="{hang}" w:hanging="{hang}"/>' if hang else ""
        )
        return _para(
            f"heading {level}",
            f"<w:keepNext/><w:keepLines/>{extra_ppr}{numbered}"
            f'<w:spacing w:before="{360 - 60 * level}" w:after="120"/>'
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
        "Compact": _para("Compact", '<w:spacing w:before="30" w:after="30"/>', _size(9.5),
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
        + _char("Utkastmarkering", f'<w:b/><w:color w:val="{mark}"/><w:spacing w:val="20"/>',
                style_id="Utkastmarkering")
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


# --- header, footer, page ---------------------------------------------------

def _header(meta: RenderMeta, style: HouseStyle) -> str:
    left = meta.title + (f" · Dnr {meta.diary_number}" if meta.diary_number else "")
    runs = _run(left)
    if meta.draft_mark:
        runs += "<w:r><w:tab/></w:r>" + _run(meta.draft_mark, '<w:rStyle w:val="Utkastmarkering"/>')
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
        runs += "<w:r><w:tab/></w:r>" + _run(meta.draft_mark, '<w:rStyle w:val="Utkastmarkering"/>')
    ppr = '<w:pStyle w:val="Header"/><w:pBdr><w:bottom w:val="nil"/></w:pBdr>'
    return _story("hdr", f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>", DRAWING_NS)


def _footer(meta: RenderMeta) -> str:
    runs = (
        _run(f"{meta.region} · {meta.board}")
        + "<w:r><w:tab/></w:r>"
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
