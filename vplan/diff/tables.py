"""Changes in tables: columns, rows (with their sub-rows) and cells with differences."""
from __future__ import annotations

import re

from vplan.diff.changes import Change
from vplan.diff.match import moved, pair
from vplan.diff.values import change, data, show
from vplan.model import Table
from vplan.model.spans import row_cover, sibling_lists

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
    _scale(o, where, n, label, subject, out)
    columns = _columns(o, where, n, label, subject, out)
    _rows(o, where, n, label, subject, out, columns)


def _scale(o, where, n, label, subject, out) -> None:
    """The status scale, step by step: a code added, removed, or with new text or colour."""
    old, new = {s.kod: s for s in o.skala}, {s.kod: s for s in n.skala}
    for kod in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(kod), new.get(kod)
        if a is not None and b is not None and (a.text, a.farg) == (b.text, b.farg):
            continue
        text = (f"tillagd: {_step(b)}" if a is None else f"borttagen: {_step(a)}" if b is None
                else f"{_step(a)} → {_step(b)}")
        out.append(Change("table.changed", where, f"Tabell {label}: skala, kod {kod} {text}."
                          if a is None or b is None else f"Tabell {label}: skala, kod {kod}: {text}.",
                          subject={**subject, "fält": "skala", "kod": kod},
                          old=a and {"text": a.text, "färg": a.farg}, new=b and {"text": b.text, "färg": b.farg}))


def _step(s) -> str:
    return f"”{s.text}” ({s.farg})"


def _columns(o, where, n, label, subject, out) -> list[tuple[str | None, str | None]]:
    """Report the columns' changes; (old id, new id) of each column, None on the side it is missing."""
    # A column of a year is that year's column: "Plan 2026" that becomes "Budgetram 2026" is one
    # column renamed, "Budget 2024" and "Budget 2028" are two.
    pairs = pair(o.kolumner, n.kolumner, key=lambda c: c.id, text=lambda c: c.rubrik, then=lambda c: c.ar)
    for oi, nj in pairs:
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
            for attr, what in (("rubrik", "rubrik"), ("grupp", "grupp"), ("typ", "typ"), ("enhet", "enhet"),
                               ("ar", "år"), ("formel", "formel"), ("id", "id")):
                x, y = getattr(a, attr), getattr(b, attr)
                if x != y:
                    out.append(Change("column.changed", where,
                                      f"Tabell {label}: kolumn ”{b.rubrik}”: {what}: {_text(x)} → {_text(y)}.",
                                      subject={**subject, "kolumn": b.id, "fält": what}, old=x, new=y))
    return [(None if oi is None else o.kolumner[oi].id, None if nj is None else n.kolumner[nj].id)
            for oi, nj in pairs]


def _text(v) -> str:
    return "(inget)" if v is None else str(v)


def _row_path(parents, row) -> str:
    return " › ".join(parents + (_name(row.namn),))


def _covered(t: Table) -> dict:
    """id(row) -> {column id: the row whose value spans this row's cell}."""
    out: dict = {}
    for siblings in sibling_lists(t.rader):
        for (j, col), (_i, src) in row_cover(siblings).items():
            out.setdefault(id(siblings[j]), {})[col] = src
    return out


def _cell(row, cid, covered):
    """(value, note, rowspan, written here?) of one cell, a covered cell taking its spanning row's value."""
    src = covered.get(id(row), {}).get(cid)
    if src is not None and cid not in row.varden:
        return src.varden.get(cid), src.notes.get(cid), src.rowspans.get(cid, 1), False
    return row.varden.get(cid), row.notes.get(cid), row.rowspans.get(cid, 1), True


def _rows(o, where, n, label, subject, out, columns) -> None:
    old, new = list(flat_rows(o.rader)), list(flat_rows(n.rader))
    pairs = pair(old, new, key=lambda x: x[1].id, text=lambda x: _row_path(*x), threshold=ROW_SIMILAR)
    old_cov, new_cov = _covered(o), _covered(n)
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
            _row(o, old[oi], n, new[nj], nj in order_moved, where, label, subject, out, old_cov, new_cov, columns)


def _values(table, row) -> str:
    shown = [f"{c.rubrik}: {_show(table, row, c, row.varden[c.id])}" for c in table.kolumner if c.id in row.varden]
    return f" ({'; '.join(shown)})" if shown else ""


def _show(table, row, column, value) -> str:
    """A cell as text: a status code with its meaning, a number with its unit."""
    if column.typ == "status" and value is not None:
        step = table.step(value)
        return f"{show(value)} ”{step.text}”" if step else show(value)
    return show(value, table.unit(row, column))


def _row(ot, old, nt, new, order_moved, where, label, subject, out, old_cov, new_cov, columns) -> None:
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
    for attr, what in (("enhet", "enhet"), ("formel", "formel"), ("summarad", "summarad"), ("delsumma", "delsumma"),
                       ("undantag", "undantag")):
        a, b = getattr(orow, attr), getattr(nrow, attr)
        if a != b:
            out.append(Change("row.changed", where, f"Tabell {label}: {path}: {what}: {show(a)} → {show(b)}.",
                              subject={**rsub, "fält": what}, old=data(a), new=data(b)))
    for old_id, cid in columns:  # a renamed column's cells are compared with its old ones
        a, a_note, a_span, a_own = _cell(orow, old_id, old_cov)
        b, b_note, b_span, b_own = _cell(nrow, cid, new_cov)
        cid = cid or old_id
        col = nt.column(cid) or ot.column(cid)
        csub = {**rsub, "kolumn": cid}
        if a_note != b_note:
            out.append(Change("cell.changed", where, f"Tabell {label}: {path}, {col.rubrik}: not: {show(a_note)} → "
                              f"{show(b_note)}.", subject={**csub, "fält": "not"}, old=a_note, new=b_note))
        if a_own and b_own and a_span != b_span:  # a value now written on the row itself kept its meaning
            out.append(Change("cell.changed", where, f"Tabell {label}: {path}, {col.rubrik}: värdet gäller nu "
                              f"{_span_rows(b_span)} (var {_span_rows(a_span)}).",
                              subject={**csub, "fält": "radspann"}, old=a_span, new=b_span))
        if a == b:
            continue
        unit = nt.unit(nrow, col) if nt.column(cid) else ot.unit(orow, col)
        if col.typ == "status":
            what, delta = f"{_show(ot, orow, col, a)} → {_show(nt, nrow, col, b)}", None
        else:
            what, delta = change(a, b, unit)
        out.append(Change("cell.changed", where, f"Tabell {label}: {path}, {col.rubrik}: {what}.",
                          subject=csub, old=data(a), new=data(b), delta=delta, unit=unit))


def _span_rows(n: int) -> str:
    return "1 rad" if n == 1 else f"{n} rader"
