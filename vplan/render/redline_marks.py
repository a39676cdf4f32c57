"""How an insertion or a deletion is written in pandoc Markdown, per output format.

Each format gets its own Markdown ("flavour"), so each can carry its own
accessible cue without a Lua filter:

- html:  <ins>/<del> with a visually hidden "Tillagt: "/"Borttaget: " that
         screen readers read;
- typst: calls to vplan-ins / vplan-del (defined in _andringar.md.j2), which
         underline or strike the text and put a small visible "tillagt:" /
         "borttaget:" before it, so the cue is in the PDF's text;
- docx:  pandoc's own underline and strike-through, after the same small label.

A mark with `label=False` keeps the line but not the words; it is used when the
label already stands once for a whole row, table or list item.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Mapping

from vplan.render.markdown import Md
from vplan.render.redline_text import GLUE, pieces, word_ops

FLAVOURS = {"html": "html", "pdf": "typst", "docx": "docx"}  # output format -> flavour
HIDDEN_CLASS = "visuellt-dold"
MARK_CLASS = "andring"  # html.css styles only these <ins>/<del>, not a plan's own ~~struck~~ text
WORDS: Mapping[str, str] = {"tillagt": "tillagt", "borttaget": "borttaget"}


@dataclass(frozen=True)
class Marks:
    flavour: str  # html | typst | docx
    added: str = WORDS["tillagt"]
    removed: str = WORDS["borttaget"]
    colour: str = "A4161A"  # docx labels; html and typst take it from the house style

    def ins(self, md: str, *, label: bool = True) -> Md:
        return self._mark(md, True, label)

    def delete(self, md: str, *, label: bool = True) -> Md:
        return self._mark(md, False, label)

    def change(self, old: str, new: str, *, label: bool = True) -> Md:
        """The old text struck, the new underlined; either may be empty."""
        parts = [self.delete(old, label=label) if str(old).strip() else "",
                 self.ins(new, label=label) if str(new).strip() else ""]
        return Md(" ".join(p for p in parts if p))

    def words(self, old: str, new: str) -> Md:
        """Inline Markdown with the words that differ marked; whole texts when the markup forbids."""
        old, new = str(old or ""), str(new or "")
        if " ".join(old.split()) == " ".join(new.split()):
            return Md(new)
        a, b = pieces(old), pieces(new)
        if a is None or b is None:
            return self.change(old, new)
        out = ""
        for op, x, y in word_ops(a, b):
            text = y if op != "-" else x
            glued = text.startswith(GLUE)
            text = text[1:] if glued else text
            shown = text if op == "=" else self.delete(text) if op == "-" else self.ins(text)
            out += ("" if glued or not out else " ") + shown
        return Md(out)

    # --- per format ---------------------------------------------------------------

    def _mark(self, md: str, added: bool, label: bool) -> Md:
        md = str(md).strip()
        if not md:
            return Md("")
        return Md(getattr(self, f"_{self.flavour}")(md, added, label))

    def _html(self, md: str, added: bool, label: bool) -> str:
        tag = "ins" if added else "del"
        word = (self.added if added else self.removed).capitalize()
        # No spaces inside the raw HTML: a grid table may wrap its cell lines at spaces.
        cue = f"<span class={HIDDEN_CLASS}>{html.escape(word)}:&#32;</span>" if label else ""
        return f"`<{tag} class={MARK_CLASS}>{cue}`{{=html}}{md}`</{tag}>`{{=html}}"

    def _typst(self, md: str, added: bool, label: bool) -> str:
        name = "vplan-ins" if added else "vplan-del"
        call = name if label else f"{name}(etikett:false)"
        # "];" ends the call: text right after it ("(", "[", ".x") is not read as code.
        return f"`#{call}[`{{=typst}}{md}`];`{{=typst}}"

    def _docx(self, md: str, added: bool, label: bool) -> str:
        md = balance_brackets(md)
        body = f"[{md}]{{.underline}}" if added else f"~~{md}~~"
        if not label:
            return body
        word = html.escape(self.added if added else self.removed)
        run = ('<w:r><w:rPr><w:b/><w:color w:val="' + self.colour + '"/><w:vertAlign w:val="superscript"/>'
               f'</w:rPr><w:t xml:space="preserve">{word}: </w:t></w:r>')
        return f"`{run}`{{=openxml}}{body}"


def marks_for(fmt: str, words: Mapping[str, str], colour: str) -> Marks:
    return Marks(FLAVOURS[fmt], words.get("tillagt", WORDS["tillagt"]), words.get("borttaget", WORDS["borttaget"]),
                 colour.lstrip("#").upper())


def balance_brackets(md: str) -> str:
    """Escape the [ and ] that close nothing, so the text can stand inside [ … ]{.underline}."""
    opened: list[int] = []
    stray: list[int] = []
    i = 0
    while i < len(md):
        ch = md[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = len(md[i:]) - len(md[i:].lstrip("`"))
            end = md.find("`" * run, i + run)
            i = end + run if end >= 0 else i + run
            continue
        if ch == "[":
            opened.append(i)
        elif ch == "]" and opened:
            opened.pop()
        elif ch == "]":
            stray.append(i)
        i += 1
    for at in sorted(stray + opened, reverse=True):
        md = md[:at] + "\\" + md[at:]
    return md
