"""A cell's content as a vplan value: a number (with unit and note), one number per organisation, or text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from vplan.importer import inlines, numbers
from vplan.importer.grid import Cell

_ORG_LINE = re.compile(r"^(?P<org>[A-ZÅÄÖ][\wÅÄÖåäö&-]{0,15}):?\s+(?P<num>[-−–+]?\d[\d\s\u00a0,.]*\s?%?)$")
_NOTE = re.compile(r"^(?P<num>.+?)\s*(?P<note>\([^()]{1,30}\)|\*{1,3}|[¹²³⁴⁵]+)$")
DASHES = {"-", "–", "—", "..", "…", "x", "−"}


@dataclass(frozen=True)
class Value:
    number: Decimal | None = None
    unit: str | None = None
    note: str | None = None
    per_org: dict | None = None  # org -> Decimal
    text: str | None = None  # markup, for a value in words
    lines: tuple[str, ...] = ()  # markup per line, for a text cell with several lines
    dash: bool = False  # "–" or "..": nothing to report in that cell

    @property
    def numeric(self) -> bool:
        return self.number is not None or self.per_org is not None


def read(cell: Cell, mark) -> Value | None:
    text = cell.text
    if not text:
        return None
    if text.strip() in DASHES:
        return Value(dash=True, text=text.strip())
    if len(cell.lines) >= 2:
        orgs = [_ORG_LINE.match(inlines.plain(ln)) for ln in cell.lines]
        if all(orgs):
            parsed = {m.group("org"): numbers.parse(m.group("num")) for m in orgs}
            if all(parsed.values()) and len(parsed) == len(orgs):
                units = {u for _, u in parsed.values()}
                return Value(per_org={k: v for k, (v, _) in parsed.items()}, unit=units.pop() if len(units) == 1 else None)
    found = numbers.parse(text)
    if found:
        return Value(number=found[0], unit=found[1])
    m = _NOTE.match(text)
    if m and (inner := numbers.parse(m.group("num"))):
        return Value(number=inner[0], unit=inner[1], note=m.group("note"))
    lines = tuple(mark(ln) for ln in cell.lines)
    return Value(text=" ".join(lines), lines=lines)


def yaml_value(v: Value, rowspan: int = 1):
    """The value as the block writes it: a number, {org: number}, text, or {värde, radspann, not}."""
    base = v.number if v.number is not None else v.per_org if v.per_org is not None else v.text
    if rowspan > 1 or (v.note and v.number is not None):
        out = {"värde": base}
        if rowspan > 1:
            out["radspann"] = rowspan
        if v.note and v.number is not None:
            out["not"] = v.note
        return out
    return base
