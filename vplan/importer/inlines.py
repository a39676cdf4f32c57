"""Pandoc inline nodes -> plain text, or the little markup a data block's text may hold (bold, italic, footnote)."""
from __future__ import annotations

from typing import Callable

_PLAIN_WRAPPERS = ("Span", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript", "Quoted", "Cite", "Link")


def plain(nodes) -> str:
    """The text a reader sees, spaces collapsed; footnotes and images left out."""
    return " ".join(_plain(nodes).split())


def _plain(nodes) -> str:
    out = []
    for x in nodes:
        t = x.get("t")
        if t == "Str":
            out.append(x["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Strong", "Emph"):
            out.append(_plain(x["c"]))
        elif t in ("Span", "Link"):
            out.append(_plain(x["c"][1]))
        elif t == "Quoted":
            out.append("”" + _plain(x["c"][1]) + "”")
        elif t in ("Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            out.append(_plain(x["c"]))
        elif t == "Cite":
            out.append(_plain(x["c"][1]))
        elif t in ("Code", "Math", "RawInline"):
            out.append(x["c"][1])
    return "".join(out)


def block_text(blocks) -> str:
    """A cell's or a note's blocks as plain text, paragraphs joined by a space."""
    return " ".join(plain(b["c"]) for b in _leaf_blocks(blocks))


def _leaf_blocks(blocks):
    for b in blocks:
        t = b.get("t")
        if t in ("Plain", "Para", "Header"):
            yield b if t != "Header" else {"t": "Para", "c": b["c"][2]}
        elif t == "Div":
            yield from _leaf_blocks(b["c"][1])
        elif t in ("BulletList", "OrderedList"):
            for item in (b["c"] if t == "BulletList" else b["c"][1]):
                yield from _leaf_blocks(item)
        elif t == "LineBlock":
            for line in b["c"]:
                yield {"t": "Para", "c": line}
        elif t == "BlockQuote":
            yield from _leaf_blocks(b["c"])
        elif t == "Table":  # a table inside a cell: its cells' text, row by row
            _a, _cap, _specs, head, bodies, foot = b["c"]
            for row in head[1] + [r for body in bodies for r in body[2] + body[3]] + foot[1]:
                for cell in row[1]:
                    yield from _leaf_blocks(cell[4])
        elif t == "Figure":
            yield from _leaf_blocks(b["c"][2])


def lines(blocks) -> list[list]:
    """A cell's content as lines of inlines: one per paragraph and per line break."""
    out: list[list] = []
    for b in _leaf_blocks(blocks):
        cur: list = []
        for x in b["c"]:
            if x.get("t") == "LineBreak":
                out.append(cur)
                cur = []
            else:
                cur.append(x)
        out.append(cur)
    return [ln for ln in out if plain(ln)]


def escape(text: str) -> str:
    """Text for a data block: only *, [ and \\ mean something there (docs/format.md)."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[")


class Marker:
    """Writes inlines with **bold**, *italic* and [^id] footnotes; collects the footnotes it names."""

    def __init__(self, note_text: Callable[[list], str]):
        self.notes: list[tuple[str, str]] = []  # (id, text) of footnotes met in data blocks
        self.note_text = note_text
        self.images = 0  # images met: a data block's text cannot hold them

    def __call__(self, nodes) -> str:
        return " ".join(self._mark(nodes).split())

    def _mark(self, nodes) -> str:
        out = []
        for x in nodes:
            t = x.get("t")
            if t == "Str":
                out.append(escape(x["c"]))
            elif t in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif t in ("Strong", "Emph"):
                inner = self._mark(x["c"]).strip()
                mark = "**" if t == "Strong" else "*"
                out.append(f"{mark}{inner}{mark}" if inner else "")
            elif t == "Note":
                ident = f"t{len(self.notes) + 1}"
                self.notes.append((ident, self.note_text(x["c"])))
                out.append(f"[^{ident}]")
            elif t in ("Span", "Link", "Quoted", "Cite"):
                inner = self._mark(x["c"][1])
                out.append(f"”{inner}”" if t == "Quoted" else inner)
            elif t in _PLAIN_WRAPPERS:
                out.append(self._mark(x["c"]))
            elif t in ("Code", "Math", "RawInline"):
                out.append(escape(x["c"][1]))
            elif t == "Image":
                self.images += 1
                out.append(escape(plain(x["c"][1])))
        return "".join(out)


def strip_marks(nodes) -> list:
    """Nodes without Strong and Emph: for names where bold only marks a total row."""
    out = []
    for x in nodes:
        if x.get("t") in ("Strong", "Emph"):
            out += strip_marks(x["c"])
        else:
            out.append(x)
    return out


def is_bold(nodes) -> bool:
    """True when all the visible text is bold."""
    visible = [x for x in nodes if x.get("t") not in ("Space", "SoftBreak", "LineBreak")]
    return bool(visible) and all(x.get("t") == "Strong" or (x.get("t") == "Span" and is_bold(x["c"][1]))
                                 for x in visible)


def from_text(text: str) -> list:
    """Str and Space nodes for a text."""
    out: list = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def count_images(node) -> int:
    """Images anywhere inside a pandoc node or list of nodes."""
    if isinstance(node, list):
        return sum(count_images(x) for x in node)
    if isinstance(node, dict):
        return (node.get("t") == "Image") + count_images(node.get("c"))
    return 0
