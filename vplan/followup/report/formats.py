"""A report's tree made concrete for one format: its charts as the format wants them.

- html: an <img> of the SVG (a data: URI), vector, with the alt text;
- pdf:  typst's image() of the SVG bytes, vector, with the alt text that
        PDF/UA tags the figure with;
- docx: the PNG (a data: URI): Word's own pictures, alt text in the picture's description;
        a traffic light becomes a coloured run (HTML and PDF colour it by its class).
The chart's bytes come from charts.draw; text from the plan reaches typst only
as a string literal (engines.typst_string) and the other writers only as Str nodes.

pandoc's time follows the bytes it reads, and a report's SVGs are most of them:
for HTML and PDF the tree holds a token per chart (TOKEN + the SVG's digest, in
the base64 alphabet so it is a valid data: URI), and `fill` puts the chart into
pandoc's output in its place.
"""
from __future__ import annotations

import base64
import hashlib

from vplan.followup.report.document import CHART_SCHEME
from vplan.render.tree import nodes as n


def for_format(tree, fmt: str, drawn: list):
    """A copy of `tree` (a document, blocks or inlines) with every chart image made concrete."""
    if isinstance(tree, list):
        out = []
        for x in tree:
            if _chart(x) is not None:
                out.append(_image(x, fmt, drawn))
            elif fmt == "docx" and _light(x):
                out.append(_docx_light(x))
            else:
                out.append(for_format(x, fmt, drawn))
        return out
    if isinstance(tree, dict):
        return {k: for_format(v, fmt, drawn) if k in ("c", "blocks") else v for k, v in tree.items()}
    return tree


def _chart(node) -> int | None:
    if isinstance(node, dict) and node.get("t") == "Image":
        target = node["c"][2][0]
        if target.startswith(CHART_SCHEME):
            return int(target[len(CHART_SCHEME):])
    return None


TOKEN = "VPLANDIAGRAM"


def token(chart) -> str:
    return TOKEN + hashlib.sha256(chart.svg).hexdigest()[:24]


def fill(output, fmt: str, drawn: list):
    """pandoc's output (HTML bytes or typst source) with each chart's token replaced by the chart."""
    for chart in drawn:
        if fmt == "html":
            output = output.replace(token(chart).encode("ascii"), base64.b64encode(chart.svg))
        elif fmt == "pdf":
            from vplan.render.engines import typst_string

            output = output.replace(token(chart), typst_string(chart.svg.decode("utf-8")))
    return output


def _image(node: dict, fmt: str, drawn: list) -> dict:
    chart = drawn[_chart(node)]
    attr, alt, (_, title) = node["c"]
    if fmt == "pdf":
        from vplan.render.engines import typst_string

        return n.raw("typst", f'#image(bytes({token(chart)}), format: "svg", '
                              f'alt: {typst_string(n.stringify(alt))}, width: 100%)')
    if fmt == "html":
        return {"t": "Image", "c": [attr, alt, [f"data:image/svg+xml;base64,{token(chart)}", title]]}
    uri = f"data:image/png;base64,{base64.b64encode(chart.png).decode('ascii')}"
    return {"t": "Image", "c": [[attr[0], attr[1], [("width", "15cm")]], alt, [uri, title]]}


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
