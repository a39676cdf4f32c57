"""Marks in indicator and numeric tables: columns, rows and indicators paired as
`vplan diff` pairs them, changed cells with old and new value, whole new or
removed rows marked once. The cells are the tree builder's own (TableBuilder)."""
from __future__ import annotations

import dataclasses

from vplan.diff.match import pair
from vplan.diff.tables import ROW_SIMILAR, _row_path, flat_rows
from vplan.model import Table
from vplan.render import redline_marks as marks
from vplan.render.redline_text import words
from vplan.render.tree import nodes as n
from vplan.render.tree.tables import _TOTAL_NAME, TableBuilder, _align, _year_value, column_align


class RedlineTables(TableBuilder):
    """TableBuilder whose doc is a RedlineBuilder (pairing, lines, whole, caption)."""

    # --- indicators ---------------------------------------------------------------------

    def indicators(self, block, *, removed: bool = False) -> list[dict]:
        doc = self.doc
        old_block, rows = doc.paired_items(block, "indikatorer", removed)
        shown = [x for pair_ in rows for x in pair_ if x is not None]
        headers, numeric, past, goals, decided = self.indicator_columns(shown)
        whole = removed or (old_block is None and all(o is None for o, _ in rows))
        body = []
        for o, new in rows:
            if o is None or new is None:
                ind, added = (new, True) if o is None else (o, False)
                cells = self.indicator_cells(ind, past, goals, decided)
                first = doc.whole(cells[0][:1], added, label=not whole) + doc.whole(cells[0][1:], added, label=False)
                cells = [first] + [doc.whole(c, added, label=False) for c in cells[1:]]
            else:
                cells = [doc.lines(a, b) for a, b in zip(self.indicator_cells(o, past, goals, decided),
                                                          self.indicator_cells(new, past, goals, decided))]
            aligns = ["AlignLeft"] + ["AlignDefault"] * decided + ["AlignRight"] * (len(past) + len(goals))
            body.append(n.row([n.cell(self.cell_blocks(c), align=a) for c, a in zip(cells, aligns)]))
        caption, plain = doc.caption(block.rubrik, (old_block or block).rubrik, n.text(self.words["indikatorer"]),
                                     added=whole and not removed, removed=removed)
        return [self.indicator_table(caption, plain, headers, numeric, body)]

    def indicator_cells(self, ind, past, goals, decided) -> list[list[list]]:
        cells = [self.indicator_name(ind)]
        if decided:
            cells.append([self.doc.rich(ind.beslutad_av)] if ind.beslutad_av else [])
        for values, years in ((ind.utfall, past), (ind.mal, goals)):
            for y in years:
                yv = _year_value(values, y)
                cells.append(self.value(yv.value, ind.enhet, getattr(yv, "note", None)) if yv else [])
        return cells

    # --- numeric and text tables ----------------------------------------------------------

    def table(self, table: Table, *, removed: bool = False) -> list[dict]:
        doc = self.doc
        old = None if removed else doc.pairing.blocks.get(id(table))
        whole = removed or old is None
        if old is None:
            col_pairs = [(c, None) if removed else (None, c) for c in table.kolumner]
        else:
            col_pairs = [(None if oi is None else old.kolumner[oi], None if nj is None else table.kolumner[nj])
                         for oi, nj in pair(old.kolumner, table.kolumner, key=lambda c: c.id, text=lambda c: c.rubrik)]
        union = [new or o for o, new in col_pairs]
        first = doc.rich(table.radrubrik) or n.text(self.words["post"])
        headers = self.headers(dataclasses.replace(table, kolumner=tuple(union)), first)
        headers = self.marked_headers(old, col_pairs, headers, whole=whole, removed=removed)
        aligns = [_align(num, i) for i, num in enumerate([False] + [c.typ not in ("text", "status") for c in union])]
        body = self.marked_rows(old, table, col_pairs, removed=removed)
        caption, plain = doc.caption(table.rubrik, (old or table).rubrik, first, added=whole and not removed,
                                     removed=removed)
        out = n.table(id=self.caption_id(plain), caption=caption, widths=[None] * len(aligns), aligns=aligns,
                      head=self.head_rows(union, headers, aligns), body=body, row_heads=1, classes=["tabell"])
        return [out] + self.legend(table)

    def marked_headers(self, old, col_pairs, headers, *, whole: bool, removed: bool) -> list[list]:
        if whole:
            return [self.doc.whole([h], not removed, label=False)[0] for h in headers]
        old_headers = self.headers(old, self.doc.rich(old.radrubrik) or n.text(self.words["post"]))
        by_id = {c.id: h for c, h in zip(old.kolumner, old_headers[1:])}
        out = [words(old_headers[0], headers[0])]
        for (o, new), header in zip(col_pairs, headers[1:]):
            out.append(marks.delete(header) if new is None else marks.ins(header) if o is None
                       else words(by_id[o.id], header))
        return out

    def marked_rows(self, old, new, col_pairs, *, removed: bool) -> list:
        if removed:
            pairs = [(r, None, len(p)) for p, r in flat_rows(new.rader)]
        else:
            olds = list(flat_rows(old.rader)) if old else []
            news = list(flat_rows(new.rader))
            pairs = [(None if oi is None else olds[oi][1], None if nj is None else news[nj][1],
                      len(news[nj][0]) if nj is not None else len(olds[oi][0]))
                     for oi, nj in pair(olds, news, key=lambda x: x[1].id, text=lambda x: _row_path(*x),
                                        threshold=ROW_SIMILAR)]
        tables = (new if removed else old, new)
        whole = removed or old is None
        out: list = []
        pending: list[tuple] = []  # summary rows to close: (depth, old, new)
        for o, row_new, depth in pairs:
            while pending and pending[-1][0] >= depth:
                out.append(self.marked_row(tables, *pending.pop(), col_pairs, bold=True, whole=whole, summary=True))
            row = row_new or o
            if row.summarad:
                out.append(self.marked_row(tables, depth, o, row_new, col_pairs, bold=True, whole=whole, values=False))
                pending.append((depth, o, row_new))
                continue
            bold = row.formel is not None or bool(_TOTAL_NAME.match(row.namn)) or (not row.varden and bool(row.rader))
            out.append(self.marked_row(tables, depth, o, row_new, col_pairs, bold=bold, whole=whole))
        while pending:
            out.append(self.marked_row(tables, *pending.pop(), col_pairs, bold=True, whole=whole, summary=True))
        return out

    def marked_row(self, tables, depth, o, new, col_pairs, *, bold, whole, values=True, summary=False) -> list:
        doc = self.doc

        def name(row):
            return doc.rich(row.summarad if summary else row.namn)

        def lines(table, column, row):
            if column is None or not values:
                return []
            return self.column_lines(table, column, row, row.varden.get(column.id))

        if o is None or new is None:
            row, added = (new, True) if o is None else (o, False)
            table = tables[1] if added else tables[0]
            names = doc.whole([name(row)], added, label=not whole)
            cells = [doc.whole(lines(table, nc if added else oc, row), added, label=False) for oc, nc in col_pairs]
        else:
            names = doc.lines([name(o)], [name(new)])
            cells = [doc.lines(lines(tables[0], oc, o), lines(tables[1], nc, new), label=oc is not None and nc is not None)
                     for oc, nc in col_pairs]
        aligns = [column_align(new_c or old_c) for old_c, new_c in col_pairs]
        label = n.joined(names, [n.line_break()])
        return self.assemble_row(label, [(c, a, 1) for c, a in zip(cells, aligns)], depth, bold)
