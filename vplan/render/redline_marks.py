"""Insertions and deletions as document-tree nodes, and how each format shows them.

The marked-up body is built once, with every change a Span of class
`vplan-ins` or `vplan-del` around the plan's own inline nodes. `Marks.apply`
then turns those Spans into what one format needs, adding only markup the
renderer writes itself (RawInline) around the plan's text, which stays in Str
nodes that pandoc's writers escape:

- html:  <ins>/<del> with a visually hidden "Tillagt: "/"Borttaget: " that
         screen readers read;
- typst: calls to vplan-ins / vplan-del (defined by `typst_helpers`), which
         underline or strike the text and put a small visible "tillagt:" /
         "borttaget:" before it, so the cue is in the PDF's text;
- docx:  pandoc's own underline and strike-through, after the same small label.

A mark without label keeps the line but not the word; it is used when the label
already stands once for a whole row, table or list item.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Mapping

from vplan.render.tree import nodes as n

FLAVOURS = {"html": "html", "pdf": "typst", "docx": "docx"}  # output format -> flavour
INS, DEL, NO_LABEL = "vplan-ins", "vplan-del", "vplan-utan-etikett"
HIDDEN_CLASS = "visuellt-dold"
MARK_CLASS = "andring"  # html.css styles only these <ins>/<del>, not a plan's own struck text
WORDS: Mapping[str, str] = {"tillagt": "tillagt", "borttaget": "borttaget"}


# --- marks in the tree (format-free) ------------------------------------------------

def ins(inlines: list, *, label: bool = True) -> list:
    return _mark(inlines, INS, label)


def delete(inlines: list, *, label: bool = True) -> list:
    return _mark(inlines, DEL, label)


def change(old: list, new: list, *, label: bool = True) -> list:
    """The old text struck, the new underlined, a space between; either may be empty."""
    return n.joined([delete(old, label=label), ins(new, label=label)], [n.space()])


def _mark(inlines: list, kind: str, label: bool) -> list:
    inlines = _trim(list(inlines))
    if not inlines:
        return []
    return [n.span(inlines, classes=[kind] if label else [kind, NO_LABEL])]


def _trim(inlines: list) -> list:
    while inlines and inlines[0]["t"] in ("Space", "SoftBreak"):
        inlines.pop(0)
    while inlines and inlines[-1]["t"] in ("Space", "SoftBreak"):
        inlines.pop()
    return inlines


def mark_kind(node: dict) -> tuple[str, bool] | None:
    """(INS or DEL, labelled?) for a mark Span, None for any other node."""
    if node.get("t") != "Span":
        return None
    classes = node["c"][0][1]
    kind = next((c for c in classes if c in (INS, DEL)), None)
    return (kind, NO_LABEL not in classes) if kind else None


# --- marks per format -----------------------------------------------------------------

@dataclass(frozen=True)
class Marks:
    flavour: str  # html | typst | docx
    added: str = WORDS["tillagt"]
    removed: str = WORDS["borttaget"]
    colour: str = "A4161A"  # docx labels; html and typst take it from the house style

    def apply(self, tree):
        """A copy of `tree` (blocks, inlines or a whole document) with every mark made concrete."""
        if isinstance(tree, list):
            out = []
            for x in tree:
                kind = mark_kind(x) if isinstance(x, dict) else None
                if kind:
                    out += self.concrete(self.apply(x["c"][1]), kind[0] == INS, kind[1])
                else:
                    out.append(self.apply(x))
            return out
        if isinstance(tree, dict):
            return {k: self.apply(v) if k in ("c", "blocks") else v for k, v in tree.items()}
        return tree

    def concrete(self, inlines: list, added: bool, label: bool) -> list:
        return getattr(self, f"_{self.flavour}")(inlines, added, label)

    def _html(self, inlines: list, added: bool, label: bool) -> list:
        tag = "ins" if added else "del"
        word = (self.added if added else self.removed).capitalize()
        cue = f"<span class={HIDDEN_CLASS}>{html.escape(word)}:&#32;</span>" if label else ""
        return [n.raw("html", f"<{tag} class={MARK_CLASS}>{cue}"), *inlines, n.raw("html", f"</{tag}>")]

    def _typst(self, inlines: list, added: bool, label: bool) -> list:
        name = "vplan-ins" if added else "vplan-del"
        call = name if label else f"{name}(etikett:false)"
        # "];" ends the call: text right after it ("(", "[", ".x") is not read as code.
        return [n.raw("typst", f"#{call}["), *inlines, n.raw("typst", "];")]

    def _docx(self, inlines: list, added: bool, label: bool) -> list:
        body = {"t": "Underline" if added else "Strikeout", "c": inlines}
        if not label:
            return [body]
        word = html.escape(self.added if added else self.removed)
        run = ('<w:r><w:rPr><w:b/><w:color w:val="' + self.colour + '"/><w:vertAlign w:val="superscript"/>'
               f'</w:rPr><w:t xml:space="preserve">{word}: </w:t></w:r>')
        return [n.raw("openxml", run), body]


def marks_for(fmt: str, words: Mapping[str, str], colour: str) -> Marks:
    return Marks(FLAVOURS[fmt], words.get("tillagt", WORDS["tillagt"]), words.get("borttaget", WORDS["borttaget"]),
                 colour.lstrip("#").upper())


def typst_helpers(marks: Marks, colour: str) -> dict:
    """The typst definitions the marks call, as a raw block at the start of the document."""
    from vplan.render.engines import typst_string

    return n.raw_block("typst", "\n".join([
        f"#let vplan-farg = rgb({typst_string(colour)})",
        '#let vplan-etikett(ord) = box(text(size: 0.7em, weight: "bold", fill: vplan-farg, baseline: -0.45em, ord))',
        "#let vplan-ins(etikett: true, body) = {",
        f"  if etikett {{ vplan-etikett({typst_string(marks.added + ':')}); h(0.12em) }}",
        "  underline(stroke: 0.8pt + vplan-farg, offset: 1.8pt, evade: false, body)",
        "}",
        "#let vplan-del(etikett: true, body) = {",
        f"  if etikett {{ vplan-etikett({typst_string(marks.removed + ':')}); h(0.12em) }}",
        "  strike(stroke: 0.8pt + vplan-farg, body)",
        "}",
    ]))
