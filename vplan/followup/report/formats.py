"""A report's tree made concrete for one format: its charts as the format wants them.

- html: an <img> of the SVG (a data: URI), vector, with the alt text;
- pdf:  typst's image() of the SVG bytes, vector, with the alt text that
        PDF/UA tags the figure with;
- docx: the PNG (a data: URI): Word's own pictures, alt text in the picture's description;
        a traffic light becomes a coloured run (HTML and PDF colour it by its class).
The chart's bytes come from charts.draw; text from the plan reaches typst only
as a string literal (engines.typst_string) and the other writers only as Str nodes.
"""
from __future__ import annotations

import base64

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


def _image(node: dict, fmt: str, drawn: list) -> dict:
    chart = drawn[_chart(node)]
    attr, alt, (_, title) = node["c"]
    if fmt == "pdf":
        from vplan.render.engines import typst_string

        svg = chart.svg.decode("utf-8")
        return n.raw("typst", f'#image(bytes({typst_string(svg)}), format: "svg", '
                              f'alt: {typst_string(n.stringify(alt))}, width: 100%)')
    mime, data = ("image/svg+xml", chart.svg) if fmt == "html" else ("image/png", chart.png)
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    if fmt == "docx":
        attr = [attr[0], attr[1], [("width", "15cm")]]
    return {"t": "Image", "c": [attr, alt, [uri, title]]}


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
