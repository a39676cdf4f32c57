"""What a round trip must keep, read from the model (vplan.read), not from the text."""
from __future__ import annotations

import re
from decimal import Decimal

from vplan.model import Number, PerOrg, Text


def _value(v):
    if isinstance(v, Number):
        return v.value.normalize()
    if isinstance(v, PerOrg):
        return tuple((k, n.value.normalize()) for k, n in v.values)
    if isinstance(v, Text):
        return _words(v.text)
    if isinstance(v, (list, tuple)):
        return tuple(_words(str(x)) for x in v)
    return v


def _words(text: str) -> str:
    return " ".join(re.sub(r"\[\^[^\]]*\]|\\", "", text).split())


def figures(plan) -> list:
    """Every number of every indikatorer and tabell block, in document order."""
    out: list[Decimal] = []
    for block in plan.blocks():
        if getattr(block, "kind", None) == "indikatorer":
            for ind in block.indikatorer:
                for yv in (*ind.utfall, *ind.mal):
                    out += _numbers(yv.value)
        elif getattr(block, "kind", None) == "tabell":
            def walk(rows):
                for r in rows:
                    for c in block.kolumner:
                        if c.id in r.varden:
                            out.extend(_numbers(r.varden[c.id]))
                    walk(r.rader)
            walk(block.rader)
    return out


def _numbers(v) -> list[Decimal]:
    if isinstance(v, Number):
        return [v.value.normalize()]
    if isinstance(v, PerOrg):
        return [n.value.normalize() for _, n in v.values]
    return []


def chapters(plan) -> list[str]:
    return [c.title for c in plan.chapters]


def goals(plan) -> list[tuple]:
    return [(s.kind, s.number, _words(s.title)) for s in plan.sections() if s.kind in ("målområde", "mål", "delmål")]


def indicators(plan) -> list[tuple]:
    return [(_words(i.namn), i.typ, i.enhet, i.kluster,
             tuple((yv.year, _value(yv.value), yv.rowspan, yv.note) for yv in i.utfall),
             tuple((yv.year, _value(yv.value), yv.rowspan, yv.note) for yv in i.mal))
            for i in plan.indicators()]


def assignments(plan) -> list[tuple]:
    return [(_words(a.text), a.senast, a.status, a.beslutad_av) for a in plan.assignments()]


def risks(plan) -> list[tuple]:
    return [(_words(r.titel or ""), _words(r.beskrivning or "")) for r in plan.risks()]


def appendices(plan) -> list[tuple]:
    return [(a.nummer, _words(a.titel), tuple(_words(i) for i in a.innehall), a.separat, a.i_beslutsunderlaget)
            for a in plan.appendices()]


def tables(plan) -> list[tuple]:
    """Each table's caption, unit, column headings and rows (name and depth): its shape, figures aside."""
    def rows(items, depth=0):
        for r in items:
            yield (_words(r.namn), depth)
            yield from rows(r.rader, depth + 1)
    return [(t.rubrik, t.enhet, tuple(c.rubrik for c in t.kolumner), tuple(rows(t.rader))) for t in plan.tables()]
