"""Changes in tables: columns, rows (with their sub-rows) and cells with differences."""
from __future__ import annotations

import re

from vplan.diff.changes import Change
from vplan.diff.match import moved, pair
from vplan.diff.values import change, data, show
from vplan.model import Table

ROW_SIMILAR = 0.85  # row names are short: "varav tandvård" must not match "varav primärvård"
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def _name(text: str) -> str:
    return _FOOTNOTE.sub("", text).strip()


def _table_label(table: Table, where) -> str:
    if table.rubrik:
        return f"”{table.rubrik}”"
    return f"tabellen i ”{where[-1]}”" if where else "tabellen"


def _table_text(table: Table) -> str:
    cols = " ".join(c.rubrik for c in table.kolumner)
    rows = " ".join(r.namn for _p, r in flat_rows(table.rader))
    return f"{table.rubrik or ''} {cols} {rows}"


def flat_rows(rows, parents=()):
    """(names of the parent rows, row) for every row and sub-row, in order."""
    for row in rows:
        yield parents, row
        yield from flat_rows(row.rader, parents + (_name(row.namn),))


def tables(old_placed, new_placed, out: list[Change]) -> None:
    old = [(w, b) for w, b in old_placed if isinstance(b, Table)]
    new = [(w, b) for w, b in new_placed if isinstance(b, Table)]
    for oi, nj in pair(old, new, key=lambda x: x[1].rubrik, text=lambda x: _table_text(x[1])):
        if oi is None:
            w, t = new[nj]
            out.append(Change("table.added", w, f"Tabell tillagd: {_table_label(t, w)} "
                              f"({len(t.kolumner)} kolumner, {sum(1 for _ in flat_rows(t.rader))} rader).",
                              subject={"tabell": t.rubrik}))
        elif nj is None:
            w, t = old[oi]
            out.append(Change("table.removed", w, f"Tabell borttagen: {_table_label(t, w)}.",
                              subject={"tabell": t.rubrik}))
        else:
            _table(old[oi][1], *new[nj], out)


def _table(o: Table, where, n: Table, out) -> None:
    label = _table_label(n, where)
    subject = {"tabell": n.rubrik}
    for attr, what in (("rubrik", "rubrik"), ("radrubrik", "radrubrik"), ("enhet", "enhet"), ("tolerans", "tolerans")):
        a, b = getattr(o, attr), getattr(n, attr)
        if a != b:
            out.append(Change("table.changed", where, f"Tabell {label}: {what}: {show(a)} → {show(b)}.",
                              subject={**subject, "fält": what}, old=data(a), new=data(b)))
    _columns(o, where, n, label, subject, out)
    _rows(o, where, n, label, subject, out)


def _columns(o, where, n, label, subject, out) -> None:
    for oi, nj in pair(o.kolumner, n.kolumner, key=lambda c: c.id, text=lambda c: c.rubrik):
        if oi is None:
            c = n.kolumner[nj]
            out.append(Change("column.added", where, f"Tabell {label}: kolumn tillagd: ”{c.rubrik}”.",
                              subject={**subject, "kolumn": c.id}))
        elif nj is None:
            c = o.kolumner[oi]
            out.append(Change("column.removed", where, f"Tabell {label}: kolumn borttagen: ”{c.rubrik}”.",
                              subject={**subject, "kolumn": c.id}))
        else:
            a, b = o.kolumner[oi], n.kolumner[nj]
            for attr, what in (("rubrik", "rubrik"), ("typ", "typ"), ("enhet", "enhet"), ("ar", "år"),
                               ("formel", "formel"), ("id", "id")):
                x, y = getattr(a, attr), getattr(b, attr)
                if x != y:
                    out.append(Change("column.changed", where,
                                      f"Tabell {label}: kolumn ”{b.rubrik}”: {what}: {_text(x)} → {_text(y)}.",
                                      subject={**subject, "kolumn": b.id, "fält": what}, old=x, new=y))


def _text(v) -> str:
    return "(inget)" if v is None else str(v)


def _row_path(parents, row) -> str:
    return " › ".join(parents + (_name(row.namn),))


def _rows(o, where, n, label, subject, out) -> None:
    old, new = list(flat_rows(o.rader)), list(flat_rows(n.rader))
    pairs = pair(old, new, key=lambda x: x[1].id, text=lambda x: _row_path(*x), threshold=ROW_SIMILAR)
    order_moved = moved(pairs)
    for oi, nj in pairs:
        if oi is None:
            parents, row = new[nj]
            out.append(Change("row.added", where, f"Tabell {label}: rad tillagd: {_row_path(parents, row)}"
                              f"{_values(n, row)}.", subject={**subject, "rad": row.id or _name(row.namn)}))
        elif nj is None:
            parents, row = old[oi]
            out.append(Change("row.removed", where, f"Tabell {label}: rad borttagen: {_row_path(parents, row)}"
                              f"{_values(o, row)}.", subject={**subject, "rad": row.id or _name(row.namn)}))
        else:
            _row(o, old[oi], n, new[nj], nj in order_moved, where, label, subject, out)


def _values(table, row) -> str:
    shown = [f"{c.rubrik}: {show(row.varden[c.id], _unit(table, c))}" for c in table.kolumner if c.id in row.varden]
    return f" ({'; '.join(shown)})" if shown else ""


def _unit(table, column) -> str | None:
    if column is None or column.typ == "text":
        return None
    return column.enhet or table.enhet


def _row(ot, old, nt, new, order_moved, where, label, subject, out) -> None:
    (op, orow), (np_, nrow) = old, new
    path = _row_path(np_, nrow)
    rsub = {**subject, "rad": nrow.id or _name(nrow.namn)}
    if _name(orow.namn) != _name(nrow.namn):
        out.append(Change("row.changed", where, f"Tabell {label}: raden ”{_row_path(op, orow)}” heter nu ”{_name(nrow.namn)}”.",
                          subject={**rsub, "fält": "namn"}, old=orow.namn, new=nrow.namn))
    if op != np_:
        out.append(Change("row.moved", where, f"Tabell {label}: raden ”{_name(nrow.namn)}” flyttad från "
                          f"{' › '.join(op) or 'översta nivån'} till {' › '.join(np_) or 'översta nivån'}.",
                          subject=rsub))
    elif order_moved:
        out.append(Change("row.moved", where, f"Tabell {label}: raden ”{path}” har fått en ny plats i ordningen.",
                          subject=rsub))
    for attr, what in (("formel", "formel"), ("summarad", "summarad"), ("delsumma", "delsumma"), ("undantag", "undantag")):
        a, b = getattr(orow, attr), getattr(nrow, attr)
        if a != b:
            out.append(Change("row.changed", where, f"Tabell {label}: {path}: {what}: {show(a)} → {show(b)}.",
                              subject={**rsub, "fält": what}, old=data(a), new=data(b)))
    columns = [c.id for c in nt.kolumner] + [c.id for c in ot.kolumner if nt.column(c.id) is None]
    for cid in columns:
        a, b = orow.varden.get(cid), nrow.varden.get(cid)
        if a == b:
            continue
        col = nt.column(cid) or ot.column(cid)
        unit = _unit(nt, col)
        what, delta = change(a, b, unit)
        out.append(Change("cell.changed", where, f"Tabell {label}: {path}, {col.rubrik}: {what}.",
                          subject={**rsub, "kolumn": cid}, old=data(a), new=data(b), delta=delta, unit=unit))
