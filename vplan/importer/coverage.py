"""The promise "no text silently dropped", checked: every paragraph and cell of the Word file must be
found in the plan (word for word, numbers as digits) or be named in the report."""
from __future__ import annotations

import re

from vplan.importer import inlines
from vplan.typography import MONTHS

_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"[^\W_]+")
# Words vplan's own documents add around the data (labels, units written out): not the plan's text.
_LABELS = ("kluster med parametrar källa kommentar senast status uppföljning beslutad av riktas till bilaga "
           "innehåll separat dokument ingår inte i beslutsunderlaget indikator indikatorer utfall målnivå mål "
           "post tabell teckenförklaring målvärde målvärden målnivåer resultat nyckeltal risk risker beskrivning uppdrag "
           "pågår klar klart avslutad påbörjad påbörjat genomfört")  # the last: statuses said vplan's way
STOP = set(_LABELS.split()) | set(MONTHS)


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(_DIGIT_GROUP.sub("", text.lower())) if len(t) > 1 or t.isdigit()]


def units(node: dict):
    """(kind, text) of every paragraph, list item, cell and footnote inside a pandoc block."""
    t = node.get("t")
    if t == "Table":
        _a, caption, _s, head, bodies, foot = node["c"]
        if caption[1]:
            from vplan.importer.grid import clean_caption

            yield "tabellrubrik", clean_caption(inlines.block_text(caption[1]))  # "Tabell 17:" is vplan's to number
        for row in head[1] + [r for b in bodies for r in b[2] + b[3]] + foot[1]:
            for cell in row[1]:
                for kind, text in _leaves(cell[4]):
                    yield "cell", text
        return
    yield from _leaves([node])


def _leaves(blocks):
    for b in blocks:
        t = b.get("t")
        if t in ("Para", "Plain"):
            yield "stycke", inlines.plain(b["c"])
            for note in _find_notes(b["c"]):
                yield from (("fotnot", text) for _k, text in _leaves(note["c"]))
        elif t == "Header":
            yield "rubrik", inlines.plain(b["c"][2])
        elif t == "Div":
            yield from _leaves(b["c"][1])
        elif t == "BulletList":
            for item in b["c"]:
                yield from _leaves(item)
        elif t == "OrderedList":
            for item in b["c"][1]:
                yield from _leaves(item)
        elif t == "DefinitionList":
            for term, defs in b["c"]:
                yield "stycke", inlines.plain(term)
                for d in defs:
                    yield from _leaves(d)
        elif t == "BlockQuote":
            yield from _leaves(b["c"])
        elif t == "LineBlock":
            for line in b["c"]:
                yield "stycke", inlines.plain(line)
        elif t == "Table":
            for kind, text in units(b):
                yield kind, text


def _find_notes(nodes):
    for x in nodes:
        t = x.get("t")
        if t == "Note":
            yield x
        elif t in ("Strong", "Emph", "Underline", "Superscript", "Subscript", "SmallCaps", "Strikeout"):
            yield from _find_notes(x["c"])
        elif t in ("Span", "Link", "Quoted"):
            yield from _find_notes(x["c"][1])


def missing(text: str, present: set[str]) -> list[str]:
    return [t for t in tokens(text) if t not in present and t not in STOP]
