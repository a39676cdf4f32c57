"""The document tree as the HTML writer needs it: table semantics, done in Python.

Header cells head columns (scope=col); a text first column heads rows
(scope=row, row_head_columns); "varav …" rows get the class varav; each table
stands in a labelled, focusable region that scrolls by itself, so a wide table
never widens the page (WCAG 1.4.10). No Lua filter runs for HTML: a walk here
costs a fraction of handing the tree to Lua.
"""
from __future__ import annotations

from vplan.render.tree.nodes import stringify


def for_html(document: dict) -> dict:
    """A copy of `document` ready for pandoc's HTML writer; the original is not changed."""
    return {**document, "blocks": _blocks(document["blocks"])}


def _blocks(blocks: list) -> list:
    out = []
    for b in blocks:
        t = b.get("t")
        if t == "Table":
            out.append(_table(b))
        elif t == "Div":
            out.append({"t": t, "c": [b["c"][0], _blocks(b["c"][1])]})
        elif t in ("BulletList",):
            out.append({"t": t, "c": [_blocks(item) for item in b["c"]]})
        elif t == "OrderedList":
            out.append({"t": t, "c": [b["c"][0], [_blocks(item) for item in b["c"][1]]]})
        elif t == "BlockQuote":
            out.append({"t": t, "c": _blocks(b["c"])})
        elif t == "DefinitionList":
            out.append({"t": t, "c": [[term, [_blocks(d) for d in defs]] for term, defs in b["c"]]})
        else:
            out.append(b)
    return out


def _with(attr: list, key: str, value: str) -> list:
    return [attr[0], attr[1], [*attr[2], [key, value]]]


def _table(table: dict) -> dict:
    attr, caption, colspecs, head, bodies, foot = table["c"]
    first_align = colspecs[0][0]["t"] if colspecs else None
    row_heads = len(colspecs) > 1 and first_align not in ("AlignRight", "AlignCenter")
    head_attr, head_rows = head
    head = [head_attr, [[r_attr, [[_with(c[0], "scope", "col"), *c[1:]] for c in cells]]
                        for r_attr, cells in head_rows]]
    new_bodies = []
    for b_attr, heads, intermediate, rows in bodies:
        new_rows = []
        for r_attr, cells in rows:
            if cells:
                first = cells[0]
                c_attr = first[0]
                if row_heads:
                    c_attr = _with(c_attr, "scope", "row")
                if stringify(first[4]).startswith("varav "):
                    c_attr = [c_attr[0], [*c_attr[1], "varav"], c_attr[2]]
                cells = [[c_attr, *first[1:]], *cells[1:]]
            new_rows.append([r_attr, cells])
        new_bodies.append([b_attr, 1 if row_heads else heads, intermediate, new_rows])
    plain_specs = [[spec[0], {"t": "ColWidthDefault"}] for spec in colspecs]
    new = {"t": "Table", "c": [attr, caption, plain_specs, head, new_bodies, foot]}
    label = stringify(caption[1])
    pairs = [["tabindex", "0"], ["role", "region"]] + ([["aria-label", label]] if label else [])
    return {"t": "Div", "c": [["", ["tabellram"], pairs], [new]]}
