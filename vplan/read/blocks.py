"""Validated block data -> typed model objects, positions attached."""
from __future__ import annotations

from decimal import Decimal

from vplan.model import (
    Appendix, AppendixBlock, Assignment, AssignmentBlock, Column, Indicator,
    IndicatorBlock, Number, PerOrg, Pos, Risk, RiskBlock, Row, Table, Text, YearValue,
)
from vplan.read.yamlload import Located


def _fields(loc: Located, path: tuple, data: dict) -> dict[str, Pos]:
    # A whole mapping or list is pointed at by its key, not by its first entry.
    return {k: loc.pos(path + (k,), key=isinstance(v, (dict, list))) for k, v in data.items()}


def value(raw) -> Number | Text | PerOrg:
    if isinstance(raw, bool):
        return Text("Ja" if raw else "Nej")
    if isinstance(raw, (int, Decimal)):
        return Number(Decimal(raw))
    if isinstance(raw, dict):
        return PerOrg(tuple((str(k), Number(Decimal(v))) for k, v in raw.items()))
    return Text(str(raw))


def _years(loc: Located, path: tuple, data: dict | None) -> tuple[YearValue, ...]:
    if not data:
        return ()
    return tuple(YearValue(int(y), value(v), loc.pos(path + (y,), key=True), loc.pos(path + (y,)))
                 for y, v in data.items())


def indicators(loc: Located) -> IndicatorBlock:
    d = loc.data
    items = []
    for i, raw in enumerate(d["indikatorer"]):
        p = ("indikatorer", i)
        items.append(Indicator(
            id=raw["id"], namn=raw["namn"], typ=raw["typ"], sikt=raw.get("sikt"),
            beslutad_av=raw.get("beslutad_av"), enhet=raw.get("enhet"), kalla=raw.get("källa"),
            kluster=raw.get("kluster"), utfall=_years(loc, p + ("utfall",), raw.get("utfall")),
            mal=_years(loc, p + ("mål",), raw.get("mål")), kommentar=raw.get("kommentar"),
            pos=loc.pos(p), field_pos=_fields(loc, p, raw)))
    return IndicatorBlock(d.get("rubrik"), tuple(items), loc.pos(()))


def assignments(loc: Located) -> AssignmentBlock:
    d = loc.data
    items = []
    for i, raw in enumerate(d["uppdrag"]):
        p = ("uppdrag", i)
        items.append(Assignment(
            id=raw.get("id"), text=raw["text"], beslutad_av=raw.get("beslutad_av"),
            status=raw.get("status"), periodicitet=raw.get("periodicitet"),
            senast=raw.get("senast"), riktas_till=raw.get("riktas_till"),
            pos=loc.pos(p), field_pos=_fields(loc, p, raw)))
    return AssignmentBlock(d.get("rubrik"), d.get("inledning"), tuple(items), loc.pos(()))


def _row(loc: Located, path: tuple, raw: dict) -> Row:
    cells = {}
    for col, v in (raw.get("värden") or {}).items():
        cells[col] = tuple(v) if isinstance(v, list) else value(v)
    children = tuple(_row(loc, path + ("rader", i), r) for i, r in enumerate(raw.get("rader") or []))
    return Row(
        id=raw.get("id"), namn=raw["namn"], varden=cells, rader=children,
        formel=raw.get("formel"), summarad=raw.get("summarad"), delsumma=raw.get("delsumma"),
        undantag=tuple(raw.get("undantag") or ()), pos=loc.pos(path),
        field_pos=_fields(loc, path, raw),
        value_pos={c: loc.pos(path + ("värden", c)) for c in (raw.get("värden") or {})})


def table(loc: Located) -> Table:
    d = loc.data
    cols = tuple(Column(
        id=c["id"], rubrik=c["rubrik"], typ=c.get("typ", "tal"), enhet=c.get("enhet"),
        ar=c.get("år"), formel=c.get("formel"), pos=loc.pos(("kolumner", i)),
        field_pos=_fields(loc, ("kolumner", i), c)) for i, c in enumerate(d["kolumner"]))
    rows = tuple(_row(loc, ("rader", i), r) for i, r in enumerate(d["rader"]))
    return Table(d.get("rubrik"), d.get("radrubrik"), d.get("enhet"),
                 Decimal(d.get("tolerans", 0)), cols, rows, loc.pos(()), _fields(loc, (), d))


def risks(loc: Located) -> RiskBlock:
    d = loc.data
    return RiskBlock(d.get("rubrik"), tuple(
        Risk(r["titel"], r.get("beskrivning"), loc.pos(("risker", i)))
        for i, r in enumerate(d["risker"])), loc.pos(()))


def appendices(loc: Located) -> AppendixBlock:
    d = loc.data
    return AppendixBlock(d.get("rubrik"), tuple(
        Appendix(nummer=a["nummer"], titel=a["titel"], beskrivning=a.get("beskrivning"),
                 innehall=tuple(a.get("innehåll") or ()), separat=bool(a.get("separat", False)),
                 i_beslutsunderlaget=a.get("i_beslutsunderlaget"), pos=loc.pos(("bilagor", i)),
                 field_pos=_fields(loc, ("bilagor", i), a))
        for i, a in enumerate(d["bilagor"])), loc.pos(()))


BUILDERS = {
    "indikatorer": indicators,
    "uppdrag": assignments,
    "tabell": table,
    "risker": risks,
    "bilagor": appendices,
}
