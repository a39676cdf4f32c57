"""Constructors for pandoc's document tree (the JSON AST, API 1.23).

Text enters the tree only as Str nodes (via `text`), so no character a user
typed can turn into markup in any output format.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from vplan.read.inline import words

API_VERSION = [1, 23, 1]
Inline = dict
Block = dict


def attr(id: str = "", classes: Iterable[str] = (), pairs: Iterable[tuple[str, str]] = ()) -> list:
    return [id, list(classes), [[k, v] for k, v in pairs]]


def text(value: object) -> list[Inline]:
    """Literal text: Str and Space nodes, nothing else."""
    return words(str(value).strip())


def string(value: str) -> Inline:
    """One Str node holding `value` exactly, spaces and all."""
    return {"t": "Str", "c": value}


def strong(inlines: list[Inline]) -> list[Inline]:
    return [{"t": "Strong", "c": inlines}] if inlines else []


def emph(inlines: list[Inline]) -> list[Inline]:
    return [{"t": "Emph", "c": inlines}] if inlines else []


def span(inlines: list[Inline], id: str = "", classes: Iterable[str] = ()) -> Inline:
    return {"t": "Span", "c": [attr(id, classes), inlines]}


def link(inlines: list[Inline], url: str, classes: Iterable[str] = ()) -> Inline:
    return {"t": "Link", "c": [attr("", classes), inlines, [url, ""]]}


def superscript(inlines: list[Inline]) -> Inline:
    return {"t": "Superscript", "c": inlines}


def line_break() -> Inline:
    return {"t": "LineBreak"}


def space() -> Inline:
    return {"t": "Space"}


def para(inlines: list[Inline]) -> Block:
    return {"t": "Para", "c": inlines}


def plain(inlines: list[Inline]) -> Block:
    return {"t": "Plain", "c": inlines}


def header(level: int, id: str, inlines: list[Inline], classes: Iterable[str] = ()) -> Block:
    return {"t": "Header", "c": [level, attr(id, classes), inlines]}


def div(blocks: list[Block], classes: Iterable[str] = (), id: str = "",
        pairs: Iterable[tuple[str, str]] = ()) -> Block:
    return {"t": "Div", "c": [attr(id, classes, pairs), blocks]}


def bullet_list(items: Sequence[list[Block]]) -> Block:
    return {"t": "BulletList", "c": [list(i) for i in items]}


def definition_list(items: Sequence[tuple[list[Inline], list[list[Block]]]]) -> Block:
    return {"t": "DefinitionList", "c": [[term, defs] for term, defs in items]}


def joined(parts: Sequence[list[Inline]], separator: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for i, part in enumerate(p for p in parts if p):
        if i:
            out += separator
        out += part
    return out


# --- tables -------------------------------------------------------------------

def cell(blocks: list[Block], *, align: str = "AlignDefault", rowspan: int = 1, colspan: int = 1,
         classes: Iterable[str] = ()) -> list:
    return [attr("", classes), {"t": align}, rowspan, colspan, blocks]


def row(cells: list, classes: Iterable[str] = ()) -> list:
    return [attr("", classes), cells]


def table(*, id: str, caption: list[Inline], widths: Sequence[float | None], aligns: Sequence[str],
          head: list, body: list, row_heads: int = 0, classes: Iterable[str] = ()) -> Block:
    colspecs = [[{"t": a}, {"t": "ColWidth", "c": w} if w else {"t": "ColWidthDefault"}]
                for a, w in zip(aligns, widths)]
    return {"t": "Table", "c": [
        attr(id, classes),
        [None, [plain(caption)] if caption else []],
        colspecs,
        [attr(), head],
        [[attr(), row_heads, [], body]],
        [attr(), []],
    ]}


def document(blocks: list[Block], meta: dict) -> dict:
    return {"pandoc-api-version": API_VERSION, "meta": meta, "blocks": blocks}


def meta_inlines(value: object) -> dict:
    return {"t": "MetaInlines", "c": text(value)}


def meta_blocks(blocks: list[Block]) -> dict:
    return {"t": "MetaBlocks", "c": blocks}


def meta_string(value: str) -> dict:
    return {"t": "MetaString", "c": value}


def meta_list(values: list[dict]) -> dict:
    return {"t": "MetaList", "c": values}


def meta_bool(value: bool) -> dict:
    return {"t": "MetaBool", "c": value}


def stringify(nodes) -> str:
    """The visible text of inline or block nodes (for ids and labels)."""
    out: list[str] = []

    def walk(n):
        if isinstance(n, list):
            for x in n:
                walk(x)
            return
        if not isinstance(n, dict):
            return
        t = n.get("t")
        if t == "Str":
            out.append(n["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Note",):
            return
        elif t in ("Link", "Image", "Span", "Div"):
            walk(n["c"][1])
        elif t in ("Code",):
            out.append(n["c"][1])
        elif "c" in n:
            walk(n["c"])

    walk(nodes)
    return "".join(out)
