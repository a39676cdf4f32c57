"""Marks in numeric and text tables: columns and rows paired as `vplan diff`
pairs them, changed cells with old and new value (a mixin for RedlineBuilder)."""
from __future__ import annotations

import contextlib
import dataclasses

from vplan.diff.match import pair
from vplan.diff.tables import ROW_SIMILAR, _row_path, flat_rows
from vplan.model import Table
from vplan.render.context import _TOTAL_NAME, _col, _indent, _strong
from vplan.render.markdown import escape, slug


class TableMarks:
    """Needs BlockMarks (caption, cell, _lines, _whole, older) and _Builder's table_columns."""

    def table(self, table: Table, *, removed: bool = False) -> dict:
        old = None if removed else self.pairing.blocks.get(id(table))
        whole = removed or old is None
        if old is None:
            col_pairs = [(None, c) for c in table.kolumner] if not removed else [(c, None) for c in table.kolumner]
        else:
            col_pairs = [(None if oi is None else old.kolumner[oi], None if nj is None else table.kolumner[nj])
                         for oi, nj in pair(old.kolumner, table.kolumner, key=lambda c: c.id, text=lambda c: c.rubrik)]
        union = [n or o for o, n in col_pairs]
        with (self.older() if removed else contextlib.nullcontext()):
            columns, first = self.table_columns(dataclasses.replace(table, kolumner=tuple(union)))
        if old is not None:
            with self.older():
                old_columns, _ = self.table_columns(old)
            old_headers = {c.id: h["rubrik"] for c, h in zip(old.kolumner, old_columns[1:])}
            columns[0] = _col(self.marks.words(old_columns[0]["rubrik"], columns[0]["rubrik"]))
        for k, (o, n) in enumerate(col_pairs, start=1):
            header = columns[k]["rubrik"]
            if whole:
                header = self._whole([header], not removed, label=False)[0]
            elif n is None:
                header = self.marks.delete(header)
            elif o is None:
                header = self.marks.ins(header)
            else:
                header = self.marks.words(old_headers[o.id], header)
            columns[k] = _col(header, columns[k]["tal"])
        if whole:
            columns[0] = _col(self._whole([columns[0]["rubrik"]], not removed, label=False)[0])
        rows = self._table_rows(old, table, col_pairs, removed=removed)
        caption, plain = self.caption(
            table.rubrik, (old or table).rubrik, first or escape(self.words["tabell"]), added=whole and not removed,
            removed=removed, pos=table.at("rubrik"), old_pos=(old or table).at("rubrik"))
        return {"typ": "tabell", "rubrik": caption, "id": slug(f"tbl {plain}", self.ids),
                "kolumner": columns, "rader": rows}

    def _table_rows(self, old, new, col_pairs, *, removed: bool) -> list[dict]:
        if removed:
            pairs = [(r, None, len(p)) for p, r in flat_rows(new.rader)]
        else:
            olds = list(flat_rows(old.rader)) if old else []
            news = list(flat_rows(new.rader))
            pairs = [(None if oi is None else olds[oi][1], None if nj is None else news[nj][1],
                      len(news[nj][0]) if nj is not None else len(olds[oi][0]))
                     for oi, nj in pair(olds, news, key=lambda x: x[1].id, text=lambda x: _row_path(*x),
                                        threshold=ROW_SIMILAR)]
        whole = removed or old is None
        out: list[dict] = []
        pending: list[tuple[int, object, object]] = []  # summary rows to close: (depth, old, new)
        for o, n, depth in pairs:
            while pending and pending[-1][0] >= depth:
                out.append(self._summary_row(*pending.pop(), col_pairs, whole))
            row = n or o
            bold = row.formel is not None or bool(_TOTAL_NAME.match(row.namn))
            group = not row.varden and bool(row.rader)
            if row.summarad:
                out.append(self._row(o, n, depth, col_pairs, bold=True, whole=whole, values=False))
                pending.append((depth, o, n))
                continue
            out.append(self._row(o, n, depth, col_pairs, bold=bold or group, whole=whole))
        while pending:
            out.append(self._summary_row(*pending.pop(), col_pairs, whole))
        return out

    def _summary_row(self, depth, o, n, col_pairs, whole) -> dict:
        return self._row(o, n, depth, col_pairs, bold=True, whole=whole, summary=True)

    def _row(self, o, n, depth, col_pairs, *, bold, whole, values=True, summary=False) -> dict:
        def name(row, older):
            with (self.older() if older else contextlib.nullcontext()):
                return self.md(row.summarad if summary else row.namn, row.at("summarad") if summary else row.pos)

        if o is None or n is None:
            row, added = (n, True) if o is None else (o, False)
            cells = [self._whole([name(row, not added)], added, label=not whole)]
            for oc, nc in col_pairs:
                c = nc if added else oc
                value = row.varden.get(c.id) if (c is not None and values) else None
                with (contextlib.nullcontext() if added else self.older()):
                    lines = self.value(value, row.cell_pos(c.id) if c is not None else row.pos)
                cells.append(self._whole(lines, added, label=False))
        else:
            cells = [self._lines([name(o, True)], [name(n, False)])]
            for oc, nc in col_pairs:
                a = o.varden.get(oc.id) if (oc is not None and values) else None
                b = n.varden.get(nc.id) if (nc is not None and values) else None
                where = n.cell_pos(nc.id) if nc is not None else n.pos
                cells.append(self.cell(a, b, where, o.cell_pos(oc.id) if oc is not None else o.pos,
                                       label=oc is not None and nc is not None))
        cells[0] = [_indent(_strong(line, bold), depth) for line in cells[0]]
        cells[1:] = [[_strong(line, bold) for line in c] for c in cells[1:]]
        return {"celler": cells, "niva": depth, "fet": bold}
