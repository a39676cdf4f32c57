"""Running text kept as pandoc nodes that CommonMark can hold: Word's style wrappers removed,
links kept only where a plan may link, images saved beside the plan with their descriptions."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from vplan.importer import inlines

_SAFE_LINK = re.compile(r"(?i)^(https?://|mailto:)")
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".svg"}


@dataclass
class Images:
    folder: str  # relative to the plan: "<plan>-bilder"
    media: dict[str, bytes]
    saved: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes, to write beside the plan
    findings: list[str] = field(default_factory=list)


class Cleaner:
    def __init__(self, images: Images):
        self.images = images
        self.place = ""  # where we are in the Word file, for the report

    def blocks(self, blocks: list) -> list:
        out = []
        for b in blocks:
            out += self.block(b)
        return out

    def block(self, b: dict) -> list:
        t = b.get("t")
        c = b.get("c")
        if t == "Div":
            return self.blocks(c[1])
        if t in ("Para", "Plain"):
            content = self.inlines(c)
            return [{"t": t, "c": content}] if inlines.plain(content) or _has_image(content) else []
        if t == "Header":
            return [{"t": "Para", "c": [{"t": "Strong", "c": self.inlines(c[2])}]}]
        if t == "BulletList":
            items = [self.blocks(item) for item in c]
            return [{"t": "BulletList", "c": [i for i in items if i]}] if any(items) else []
        if t == "OrderedList":
            items = [self.blocks(item) for item in c[1]]
            attrs = [c[0][0], {"t": "Decimal"}, {"t": "Period"}]
            return [{"t": "OrderedList", "c": [attrs, [i for i in items if i]]}] if any(items) else []
        if t == "BlockQuote":
            inner = self.blocks(c)
            return [{"t": "BlockQuote", "c": inner}] if inner else []
        if t == "LineBlock":
            lines = [self.inlines(line) for line in c]
            out: list = []
            for k, line in enumerate(lines):
                out += ([{"t": "LineBreak"}] if k else []) + line
            return [{"t": "Para", "c": out}] if out else []
        if t == "DefinitionList":
            out = []
            for term, defs in c:
                out.append({"t": "Para", "c": [{"t": "Strong", "c": self.inlines(term)}]})
                for d in defs:
                    out += self.blocks(d)
            return out
        if t == "CodeBlock":
            return [{"t": "CodeBlock", "c": [["", [], []], c[1]]}]
        if t == "Figure":
            return self.blocks(c[2])
        return []  # HorizontalRule, RawBlock: no text in them

    def inlines(self, nodes: list) -> list:
        out = []
        for x in nodes:
            t = x.get("t")
            if t in ("Span",):
                out += self.inlines(x["c"][1])
            elif t in ("Underline", "SmallCaps", "Strikeout"):
                out += self.inlines(x["c"])
            elif t in ("Strong", "Emph", "Superscript", "Subscript"):
                inner = self.inlines(x["c"])
                if inner:
                    out.append({"t": t, "c": inner})
            elif t == "Quoted":
                out += [{"t": "Str", "c": "”"}, *self.inlines(x["c"][1]), {"t": "Str", "c": "”"}]
            elif t == "Link":
                target = x["c"][2][0]
                inner = self.inlines(x["c"][1])
                out += [{"t": "Link", "c": [["", [], []], inner, [target, ""]]}] if _SAFE_LINK.match(target) else inner
            elif t == "Note":
                out.append({"t": "Note", "c": self.blocks(x["c"])})
            elif t == "Image":
                out += self.image(x)
            elif t == "Cite":
                out += self.inlines(x["c"][1])
            elif t in ("RawInline",):
                continue
            else:
                out.append(x)
        return out

    def image(self, x: dict) -> list:
        _attr, alt, (url, _title) = x["c"]
        number = len(self.images.saved) + 1
        path = posixpath.normpath(posixpath.join("word", url))
        data = self.images.media.get(path)
        ext = posixpath.splitext(url)[1].lower()
        if data is None or ext not in IMAGE_TYPES:
            why = "den är länkad, inte inbäddad" if data is None else f"formatet {ext or 'okänt'} kan inte visas"
            self.images.findings.append(f"en bild {self.place} kom inte med: {why}. Spara den som PNG och lägg in den")
            alt_text = inlines.plain(alt)
            return [{"t": "Str", "c": f"[Bild: {alt_text}]"}] if alt_text else []
        name = f"{self.images.folder}/bild-{number}{'.jpg' if ext == '.jpeg' else ext}"
        self.images.saved[name] = data
        alt = self.inlines(alt)
        if not inlines.plain(alt):
            self.images.findings.append(f"bild {number} {self.place} saknar beskrivning (alternativtext); skriv en "
                                        f"beskrivning mellan hakparenteserna i ![…]({name})")
            alt = [{"t": "Str", "c": f"Bild {number}"}]
        return [{"t": "Image", "c": [["", [], []], alt, [name, ""]]}]


def _has_image(nodes) -> bool:
    return any(x.get("t") == "Image" for x in nodes)
