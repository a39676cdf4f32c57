"""The house style's logo on a DOCX cover: the SVG made a PNG by typst, drawn in a header.

Word needs pixels beside an SVG, and typst, which the PDF uses anyway, can
make them, so no image tool is needed.
"""
from __future__ import annotations

import functools
import struct
from vplan.render._docx import escape

from vplan.render.housestyle import HouseStyle

HEIGHT_EMU = 612000  # 1.7 cm, as on the PDF cover
REL_ID = "rIdVplanLogo"
MEDIA = "media/vplan-logotyp.png"


def logo_png(style: HouseStyle) -> bytes | None:
    if style.logo is None:
        return None
    stat = style.logo.stat()
    return _png(str(style.logo), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _png(path: str, _mtime_ns: int, _size: int) -> bytes:
    """Cached per file version: a build of many plans draws each logo once."""
    from pathlib import Path

    from vplan.render._typst import compile_png

    logo = Path(path)
    source = (
        "#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
        f'#image("/{logo.name}", height: 1.7cm)\n'
    )
    return compile_png(source, root=logo.parent, ppi=300)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def drawing(png: bytes, alt: str) -> str:
    """An inline picture run; `alt` is what a screen reader says."""
    width, height = png_size(png)
    cx, cy = round(HEIGHT_EMU * width / height), HEIGHT_EMU
    descr = escape(alt, {'"': "&quot;"})
    return (
        "<w:r><w:drawing>"
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="1" name="Logotyp" descr="{descr}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logotyp.png" descr="{descr}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{REL_ID}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def header_rels() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="{REL_ID}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/image" Target="{MEDIA}"/></Relationships>'
    ).encode("utf-8")
