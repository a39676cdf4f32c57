"""Validated block data -> typed model objects, positions attached."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from vplan.model import (
    Appendix, AppendixBlock, Assignment, AssignmentBlock, Column, Indicator, IndicatorBlock,
    Intention, IntentionBlock, Number, PerOrg, Pos, Risk, RiskBlock, Row, ScaleStep, Table, Text,
    YearValue, status_code,
)
from vplan.read.yamlload import Located


class _FieldPositions(Mapping):
    """key -> Pos of an object's fields, made when a rule asks: most are never asked for."""

    __slots__ = ("_loc", "_path", "_data")

    def __init__(self, loc: Located, path: tuple, data: dict):
        self._loc, self._path, self._data = loc, path, data

    def __getitem__(self, key: str) -> Pos:
        if key not in self._data:
            raise KeyError(key)
        return self.get(key)

    def get(self, key: str, default=None):
        # Not Mapping.get, which goes through __getitem__ and a KeyError: model .at() asks this often.
        data = self._data
        if key not in data:
            return default
        return self._at(key, data[key])

    def _at(self, key: str, value) -> Pos:
        # A whole mapping or list is pointed at by its key, not by its first entry.
        return self._loc.pos(self._path + (key,), key=isinstance(value, (dict, list)))

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(dict(self))


class _CellPositions(_FieldPositions):
    """column id -> Pos of a row's value in that column (its värde when it has additions)."""

    __slots__ = ()

    def _at(self, key: str, value) -> Pos:
        return self._loc.pos(self._path + ((key, "värde") if is_rich(value) else (key,)))


def _fields(loc: Located, path: tuple, data: dict) -> Mapping[str, Pos]:
    return _FieldPositions(loc, path, data)


def value(raw) -> Number | Text | PerOrg:
    kind = type(raw)  # the usual kinds first, without the isinstance chain
    if kind is str:
        return Text(raw)
    if kind is int or kind is Decimal:
        return Number(Decimal(raw))
    if isinstance(raw, bool):
        return Text("Ja" if raw else "Nej")
    if isinstance(raw, (int, Decimal)):
        return Number(Decimal(raw))
    if isinstance(raw, dict):
        return PerOrg(tuple((str(k), Number(Decimal(v))) for k, v in raw.items()))
    return Text(str(raw))


def is_rich(raw) -> bool:
    """{värde: 75, radspann: 2} or {värde: 0.29, not: "(feb-22)"}: a value with additions.
    The schema keeps "värde" out of a per-organisation mapping, so the key decides."""
    return isinstance(raw, dict) and "värde" in raw


def _years(loc: Located, path: tuple, data: dict | None) -> tuple[YearValue, ...]:
    if not data:
        return ()
    out = []
    for y, v in data.items():
        p = path + (y,)
        if is_rich(v):
            out.append(YearValue(int(y), value(v["värde"]), loc.pos(p, key=True), loc.pos(p + ("värde",)),
                                 rowspan=v.get("radspann", 1), note=v.get("not")))
        else:
            out.append(YearValue(int(y), value(v), loc.pos(p, key=True), loc.pos(p)))
    return tuple(out)


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
            pos=loc.pos(p), field_pos=_fields(loc, p, raw), riktning=raw.get("riktning"),
            kolada=raw.get("kolada")))
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


def _cell(v):
    return tuple(v) if isinstance(v, list) else value(v)


def _row(loc: Located, path: tuple, raw: dict) -> Row:
    cells, spans, notes = {}, {}, {}
    values = raw.get("värden") or {}
    for col, v in values.items():
        if is_rich(v):
            cells[col] = _cell(v["värde"])
            if v.get("radspann", 1) > 1:
                spans[col] = v["radspann"]
            if "not" in v:
                notes[col] = v["not"]
        else:
            cells[col] = _cell(v)
    children = tuple(_row(loc, path + ("rader", i), r) for i, r in enumerate(raw.get("rader") or []))
    return Row(
        id=raw.get("id"), namn=raw["namn"], varden=cells, rader=children,
        formel=raw.get("formel"), summarad=raw.get("summarad"), delsumma=raw.get("delsumma"),
        undantag=tuple(raw.get("undantag") or ()), pos=loc.pos(path),
        field_pos=_fields(loc, path, raw), value_pos=_CellPositions(loc, path + ("värden",), values),
        enhet=raw.get("enhet"), rowspans=spans, notes=notes)


def table(loc: Located) -> Table:
    d = loc.data
    cols = tuple(Column(
        id=c["id"], rubrik=c["rubrik"], typ=c.get("typ", "tal"), enhet=c.get("enhet"),
        ar=c.get("år"), formel=c.get("formel"), pos=loc.pos(("kolumner", i)),
        field_pos=_fields(loc, ("kolumner", i), c), grupp=c.get("grupp"))
        for i, c in enumerate(d.get("kolumner") or ()))
    rows = tuple(_row(loc, ("rader", i), r) for i, r in enumerate(d["rader"]))
    scale = tuple(ScaleStep(status_code(s["kod"]), s["text"], s["färg"], loc.pos(("skala", i)))
                  for i, s in enumerate(d.get("skala") or ()))
    return Table(d.get("rubrik"), d.get("radrubrik"), d.get("enhet"),
                 Decimal(d.get("tolerans", 0)), cols, rows, loc.pos(()), _fields(loc, (), d), skala=scale)


def risks(loc: Located) -> RiskBlock:
    d = loc.data
    return RiskBlock(d.get("rubrik"), tuple(
        Risk(r.get("titel"), r.get("beskrivning"), loc.pos(("risker", i)), _fields(loc, ("risker", i), r))
        for i, r in enumerate(d["risker"])), loc.pos(()))


def intentions(loc: Located) -> IntentionBlock:
    d = loc.data
    items = []
    for i, raw in enumerate(d["avsikter"]):
        if isinstance(raw, dict):
            items.append(Intention(raw["text"], raw.get("id"), loc.pos(("avsikter", i)),
                                   _fields(loc, ("avsikter", i), raw)))
        else:
            items.append(Intention(raw, None, loc.pos(("avsikter", i))))
    return IntentionBlock(d.get("rubrik"), d.get("inledning"), tuple(items), loc.pos(()), _fields(loc, (), d))


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
    "avsikter": intentions,
    "tabell": table,
    "risker": risks,
    "bilagor": appendices,
}
