"""Indicator blocks and numeric tables -> pandoc Table nodes.

Numbers are formatted the Swedish way (vplan.typography) and shown as
published: with their unit in the cell, a note or marker after the value, one
value spanning rows where the plan writes it once, two header rows where
columns are grouped. Column widths are left to the writers' filter
(vplan.render._filters), which measures the cells of this same tree.
"""
from __future__ import annotations

import re
from typing import Iterable

from vplan import typography
from vplan.model import Number, PerOrg, Text
from vplan.render.tree import nodes as n
from vplan.render.tree.words import slug

_TOTAL_NAME = re.compile(r"^(summa|total|totalt|totala)\b", re.IGNORECASE)
_UNIT_WORDS = {
    "mnkr": ("mnkr", "mkr", "miljoner kr", "miljoner kronor"),
    "tkr": ("tkr", "tusen kr", "tusen kronor", "tusental kronor"),
    "%": ("%", "procent"),
}
INDENT = "\u00a0" * 4  # one level of sub-rows (varav, därav): no format breaks after it
STATUS_SYMBOLS = {"grön": "●", "gul": "◐", "orange": "◐", "röd": "○", "grå": "–", "blå": "◆"}


class TableBuilder:
    def __init__(self, doc):
        self.doc = doc  # the TreeBuilder: words, style, rich(), ids

    @property
    def words(self):
        return self.doc.words

    def caption_id(self, caption: list) -> str:
        return slug("tbl " + n.stringify(caption), self.doc.ids)

    # --- values -------------------------------------------------------------------

    def value(self, value, unit: str | None = None, note: str | None = None) -> list[list]:
        """A cell's lines of inlines: a number (with its unit), a text, one line per organisation."""
        if value is None:
            lines: list[list] = []
        elif isinstance(value, Number):
            lines = [n.text(self.number(value, unit))]
        elif isinstance(value, Text):
            lines = [self.doc.rich(value.text)]
        elif isinstance(value, PerOrg):
            lines = [n.text(f"{org} {self.number(v, unit)}") for org, v in value.values]
        elif isinstance(value, (list, tuple)):
            lines = [self.doc.rich(str(line)) for line in value]
        else:
            lines = [self.doc.rich(str(value))]
        if note:
            if lines:
                lines[-1] = lines[-1] + [n.space()] + self.doc.rich(note)
            else:
                lines = [self.doc.rich(note)]
        return lines

    def number(self, value: Number, unit: str | None) -> str:
        text = typography.number(value.value)
        if unit and self.doc.style.unit_in_cells:
            return typography.with_unit(text, unit)
        return text

    @staticmethod
    def cell_blocks(lines: list[list], bold: bool = False) -> list:
        out: list = []
        for i, line in enumerate(lines):
            if i:
                out.append(n.line_break())
            out += n.strong(line) if bold else line
        return [n.plain(out)] if out else []

    # --- indicators -----------------------------------------------------------------

    def indicator_columns(self, items) -> tuple[list[str], list[bool], list[int], list[int], bool]:
        """Headers for these indicators: name, decided by (if any), one per outcome and target year."""
        w = self.words
        past = sorted({v.year for i in items for v in i.utfall})
        goals = sorted({v.year for i in items for v in i.mal})
        decided = any(i.beslutad_av for i in items)
        headers = [w["indikator"]] + ([w["beslutad_av"]] if decided else [])
        headers += [f"{w['utfall']} {y}" for y in past] + [f"{w['mål_år']} {y}" for y in goals]
        numeric = [False] * (2 if decided else 1) + [True] * (len(past) + len(goals))
        return headers, numeric, past, goals, decided

    def indicator_table(self, caption: list, id_text: list, headers: list[str], numeric: list[bool],
                        body: list) -> dict:
        head = [n.row([n.cell([n.plain(n.text(h))], align=_align(num, i))
                       for i, (h, num) in enumerate(zip(headers, numeric))])]
        return n.table(id=self.caption_id(id_text), caption=caption, widths=[None] * len(headers),
                       aligns=[_align(num, i) for i, num in enumerate(numeric)], head=head, body=body,
                       row_heads=1, classes=["indikatorer"])

    def indicators(self, block) -> list[dict]:
        w = self.words
        items = block.indikatorer
        headers, numeric, past, goals, decided = self.indicator_columns(items)
        covered: dict[int, int] = {}
        body = []
        for ind in items:
            unit = ind.enhet
            cells = [n.cell(self.cell_blocks(self.indicator_name(ind)), align="AlignLeft")]
            if decided:
                cells.append(n.cell(self.cell_blocks([self.doc.rich(ind.beslutad_av)] if ind.beslutad_av else [])))
            values = [_year_value(ind.utfall, y) for y in past] + [_year_value(ind.mal, y) for y in goals]
            first = len(cells)
            for k, yv in enumerate(values):
                col = first + k
                if covered.get(col, 0) > 0:
                    covered[col] -= 1
                    continue
                span = max(1, yv.rowspan) if yv else 1
                if span > 1:
                    covered[col] = span - 1
                lines = self.value(yv.value, unit, yv.note) if yv else []
                cells.append(n.cell(self.cell_blocks(lines), align="AlignRight", rowspan=span))
            body.append(n.row(cells))
        caption = self.doc.rich(block.rubrik) or n.text(w["indikatorer"])
        return [self.indicator_table(caption, caption, headers, numeric, body)]

    def indicator_name(self, ind) -> list[list]:
        name = self.doc.rich(ind.namn)
        if ind.enhet and not self.doc.style.unit_in_cells:
            name = name + n.text(f", {ind.enhet}")
        lines = [name]
        if ind.kluster:
            lines.append(n.text(self.words["kluster"].replace("{n}", str(ind.kluster))))
        for key, value in (("källa", ind.kalla), ("kommentar", ind.kommentar)):
            if value:
                lines.append(n.text(f"{self.words[key]}:") + [n.space()] + self.doc.rich(value))
        return lines

    # --- numeric and text tables ----------------------------------------------------

    def table(self, table) -> list[dict]:
        w = self.words
        columns = list(table.kolumner)
        first = self.doc.rich(table.radrubrik) or n.text(w["post"])
        headers = self.headers(table, first)
        numeric = [False] + [c.typ not in ("text", "status") for c in columns]
        aligns = [_align(num, i) for i, num in enumerate(numeric)]
        head = self.head_rows(columns, headers, aligns)
        body = list(self.rows(table, table.rader, 0, {}))
        caption = self.doc.rich(table.rubrik) or first or n.text(w["tabell"])
        out = [n.table(id=self.caption_id(caption), caption=caption, widths=[None] * len(aligns),
                       aligns=aligns, head=head, body=body, row_heads=1, classes=["tabell"])]
        legend = self.legend(table)
        return out + legend

    def headers(self, table, first: list) -> list[list]:
        """Header cells: the row label's, then each column's, units added where none is named."""
        columns = table.kolumner
        numeric = [c for c in columns if c.typ not in ("text", "status")]
        headers = [first] + [self.doc.rich(c.rubrik) for c in columns]
        texts = [n.stringify(h) for h in headers]
        units = {c.id: c.enhet or table.enhet for c in numeric}
        shared = set(units.values())
        if len(shared) == 1 and None not in shared and numeric:
            unit = shared.pop()
            if not any(_mentions(t, unit) for t in texts):
                headers[0] = headers[0] + [n.space()] + n.text(f"({unit})")
        else:
            for k, c in enumerate(columns, start=1):
                unit = units.get(c.id)
                if unit and not _mentions(texts[k], unit) and not _mentions(texts[0], unit):
                    headers[k] = headers[k] + [n.space()] + n.text(f"({unit})")
        return headers

    def head_rows(self, columns, headers: list[list], aligns: list[str]) -> list:
        groups = [c.grupp for c in columns]
        if not any(groups):
            return [n.row([n.cell([n.plain(h)], align=a) for h, a in zip(headers, aligns)])]
        top = [n.cell([n.plain(headers[0])], align=aligns[0], rowspan=2)]
        second = []
        k = 0
        while k < len(columns):
            group = groups[k]
            if not group:
                top.append(n.cell([n.plain(headers[k + 1])], align=aligns[k + 1], rowspan=2))
                k += 1
                continue
            end = k
            while end < len(columns) and groups[end] == group:
                end += 1
            top.append(n.cell([n.plain(self.doc.rich(group))], align="AlignCenter", colspan=end - k))
            second += [n.cell([n.plain(headers[j + 1])], align=aligns[j + 1]) for j in range(k, end)]
            k = end
        return [n.row(top), n.row(second)]

    def rows(self, table, rows: Iterable, depth: int, covered: dict):
        for row in rows:
            bold = row.formel is not None or bool(_TOTAL_NAME.match(row.namn))
            name = self.doc.rich(row.namn)
            if row.summarad:
                yield self.row(table, name, None, depth, bold=True, covered=covered)
                yield from self.rows(table, row.rader, depth + 1, covered)
                yield self.row(table, self.doc.rich(row.summarad), row, depth, bold=True, covered=covered)
                continue
            group = not row.varden and bool(row.rader)
            yield self.row(table, name, row, depth, bold=bold or group, covered=covered)
            yield from self.rows(table, row.rader, depth + 1, covered)

    def row(self, table, name: list, source, depth: int, *, bold: bool, covered: dict) -> list:
        values = source.varden if source is not None else {}
        spans = source.rowspans if source is not None else {}
        cells = []
        for k, c in enumerate(table.kolumner, start=1):
            if covered.get(k, 0) > 0:
                covered[k] -= 1
                continue
            span = int(spans.get(c.id, 1) or 1)
            if span > 1:
                covered[k] = span - 1
            cells.append((self.column_lines(table, c, source, values.get(c.id)), column_align(c), span))
        return self.assemble_row(name, cells, depth, bold)

    def column_lines(self, table, column, source, value) -> list[list]:
        """A value's lines in this column of this row: a status, or a value with the row's own unit."""
        if column.typ == "status":
            return self.status(table, value)
        # A row's own unit (or its parent row's) is shown in its cells; the column's is in the header.
        unit = table.unit(source, column) if source is not None else None
        unit = unit if unit != (column.enhet or table.enhet) else None
        return self.value(value, unit, (source.notes if source is not None else {}).get(column.id))

    def assemble_row(self, name: list, cells: list[tuple[list, str, int]], depth: int, bold: bool) -> list:
        """A table row: the indented name, then (lines, alignment, rows spanned) per cell."""
        label = ([n.string(INDENT * depth)] if depth else []) + (n.strong(name) if bold else name)
        out = [n.cell([n.plain(label)] if label else [], align="AlignLeft", classes=["delrad"] if depth else [])]
        out += [n.cell(self.cell_blocks(lines, bold), align=align, rowspan=span) for lines, align, span in cells]
        return n.row(out, ["summa"] if bold else [])

    # --- status codes -----------------------------------------------------------------

    def status(self, table, value) -> list[list]:
        if value is None:
            return []
        step = table.step(value)
        if step is None:
            return self.value(value)
        colour = step.farg or ""
        symbol = STATUS_SYMBOLS.get(colour, "")
        label = n.text(f"{symbol} {step.kod} {step.text}".strip())
        return [[n.span(label, classes=["status", f"status-{colour}"] if colour else ["status"])]]

    def legend(self, table) -> list[dict]:
        scale = table.skala
        if not scale:
            return []
        parts = []
        for s in scale:
            symbol = STATUS_SYMBOLS.get(s.farg or "", "")
            parts.append(n.text(f"{symbol} {s.kod} = {s.text}".strip()))
        lead = n.strong(n.text("Teckenförklaring:"))
        return [n.para(lead + [n.space()] + n.joined(parts, n.text(";") + [n.space()]))]


def column_align(column) -> str:
    return "AlignLeft" if column.typ in ("text", "status") else "AlignRight"


def _align(numeric: bool, index: int) -> str:
    return "AlignRight" if numeric and index > 0 else "AlignLeft"


def _year_value(values, year: int):
    return next((v for v in values if v.year == year), None)


def _mentions(header: str, unit: str) -> bool:
    low = header.lower()
    return any(word in low for word in _UNIT_WORDS.get(unit, (unit.lower(),)))
