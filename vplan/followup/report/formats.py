"""A report's tree made concrete for one format: its charts as the format wants them.

- html: an <img> of the SVG (a data: URI), vector, with the alt text;
- pdf:  typst's image() of the SVG bytes, vector, with the alt text that
        PDF/UA tags the figure with;
- docx: a PNG: Word's own pictures, alt text in the picture's description;
        a traffic light becomes a coloured run (HTML and PDF colour it by its class).
The chart's bytes come from charts.draw_svg and charts.pictures; text from the plan reaches typst only
as a string literal (engines.typst_string) and the other writers only as Str nodes.

The tree is made before the charts are drawn (vplan.followup.report.drawing), so
it holds marks: for HTML and PDF a token per chart (Marks.token: in the base64
alphabet, so it is a valid data: URI, and with a random part no plan text can
guess), which `fill` replaces in pandoc's output; for Word a stand-in picture
(Marks.stand_in: a tiny PNG, the same bytes for the same chart, so the file's
media names stay reproducible) at the chart's size, which `swap` replaces in the
finished file. pandoc's time follows the bytes it reads, and a report's SVGs
would be most of them.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import struct
import zlib
from dataclasses import dataclass, field

from vplan.followup.report.charts import WIDTH_CM
from vplan.followup.report.document import CHART_SCHEME
from vplan.render.tree import nodes as n


def for_format(tree, fmt: str, marks: Marks, places: list[tuple] | None = None):
    """`tree` (a document, blocks or inlines) with every chart image made concrete, and for Word
    every traffic light. Only the lists and nodes on the way to one are copied; the rest is
    shared with `tree` (the engines never change a tree), so three formats cost one walk
    (`places`, from `marked`) and not three copies of the report."""
    places = marked(tree) if places is None else places
    copies = {(): list(tree) if isinstance(tree, list) else dict(tree)}

    def copied(path: tuple):
        if path not in copies:
            parent = copied(path[:-1])
            node = parent[path[-1]]  # still the original: copy it once, into its copied parent
            parent[path[-1]] = copies[path] = list(node) if isinstance(node, list) else dict(node)
        return copies[path]

    for path in places:
        node = _at(tree, path)
        if _chart(node) is not None:
            copied(path[:-1])[path[-1]] = _image(node, fmt, marks)
        elif fmt == "docx":
            copied(path[:-1])[path[-1]] = _docx_light(node)
    return copies[()]


def marked(tree) -> list[tuple]:
    """Where in `tree` the charts and traffic lights stand: a path of list indexes and keys each."""
    found: list[tuple] = []

    def walk(node, path: tuple) -> None:
        if isinstance(node, list):
            for i, x in enumerate(node):
                if _chart(x) is not None or _light(x):
                    found.append((*path, i))
                else:
                    walk(x, (*path, i))
        elif isinstance(node, dict):
            for key in ("c", "blocks"):
                if key in node:
                    walk(node[key], (*path, key))

    walk(tree, ())
    return found


def _at(tree, path: tuple):
    for step in path:
        tree = tree[step]
    return tree


def _chart(node) -> int | None:
    if isinstance(node, dict) and node.get("t") == "Image":
        target = node["c"][2][0]
        if target.startswith(CHART_SCHEME):
            return int(target[len(CHART_SCHEME):])
    return None


TOKEN = "VPLANDIAGRAM"


@dataclass(frozen=True)
class Marks:
    """Where each of a report's charts stands until it is drawn."""

    charts: tuple  # the report's Charts, in the order of their images' numbers
    nonce: str = field(default_factory=lambda: secrets.token_hex(12))

    def token(self, index: int) -> str:
        return f"{TOKEN}{self.nonce}{index:05d}"  # fixed width: no token is the start of another

    def stand_in(self, index: int) -> bytes:
        """A 1×1 PNG naming the chart: pandoc files it under its digest, and `swap` finds it."""
        digest = hashlib.sha256(repr(self.charts[index]).encode("utf-8")).hexdigest()[:32]
        return _png_1x1(f"vplan-diagram {index} {digest}".encode("ascii"))


def fill(output, fmt: str, drawn: list, marks: Marks):
    """pandoc's output (HTML bytes or typst source) with each chart's token replaced by the chart."""
    for index, chart in enumerate(drawn):
        if fmt == "html":
            output = output.replace(marks.token(index).encode("ascii"), base64.b64encode(chart.svg))
        elif fmt == "pdf":
            from vplan.render.engines import typst_string

            output = output.replace(marks.token(index), typst_string(chart.svg.decode("utf-8")))
    return output


def swap(media: dict, drawn: list, marks: Marks) -> dict:
    """A Word file's media (path -> bytes) with each stand-in replaced by its chart's PNG."""
    real = {marks.stand_in(i): chart.png for i, chart in enumerate(drawn)}
    return {path: real.get(data, data) for path, data in media.items()}


def _image(node: dict, fmt: str, marks: Marks) -> dict:
    index = _chart(node)
    attr, alt, (_, title) = node["c"]
    if fmt == "pdf":
        from vplan.render.engines import typst_string

        return n.raw("typst", f'#image(bytes({marks.token(index)}), format: "svg", '
                              f'alt: {typst_string(n.stringify(alt))}, width: 100%)')
    if fmt == "html":
        return {"t": "Image", "c": [attr, alt, [f"data:image/svg+xml;base64,{marks.token(index)}", title]]}
    chart = marks.charts[index]
    uri = f"data:image/png;base64,{base64.b64encode(marks.stand_in(index)).decode('ascii')}"
    size = [("width", f"{WIDTH_CM}cm"), ("height", f"{chart.height_cm}cm")]  # the stand-in is 1×1
    return {"t": "Image", "c": [[attr[0], attr[1], size], alt, [uri, title]]}


def _png_1x1(text: bytes) -> bytes:
    """A valid one-pixel white PNG with `text` in a tEXt chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\0" + text) + chunk(b"IDAT", zlib.compress(b"\x00\xff"))
            + chunk(b"IEND", b""))


def _light(node) -> bool:
    return isinstance(node, dict) and node.get("t") == "Span" and "trafikljus" in node["c"][0][1]


def _docx_light(node: dict) -> dict:
    """"● Uppfyllt" as one coloured Word run: the words are the report's own, never the plan's."""
    from html import escape

    from vplan.render.tree.typst import STATUS_COLOURS

    colour = next(STATUS_COLOURS[c[7:]] for c in node["c"][0][1] if c[7:] in STATUS_COLOURS and c.startswith("status-"))
    words = escape(n.stringify(node["c"][1]))
    return n.raw("openxml", f'<w:r><w:rPr><w:color w:val="{colour.lstrip("#").upper()}"/></w:rPr>'
                            f'<w:t xml:space="preserve">{words}</w:t></w:r>')
