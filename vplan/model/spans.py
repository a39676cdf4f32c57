"""Which cells a value with radspann covers, for the rules that need to know.

A value written once with `radspann: n` stands for this row and the next n-1
rows of the same list (indicators of one block, sibling rows of a table).
"""
from __future__ import annotations

from vplan.model.plan import IndicatorBlock, Row, YearValue

SERIES = (("utfall", "utfall"), ("mal", "mål"))  # (attribute, word in messages)


def indicator_cover(block: IndicatorBlock) -> dict[tuple[int, str, int], tuple[int, YearValue]]:
    """(indicator index, series attr, year) -> (index of the indicator that spans it, its value)."""
    out = {}
    for i, ind in enumerate(block.indikatorer):
        for attr, _label in SERIES:
            for yv in getattr(ind, attr):
                for j in range(i + 1, min(i + yv.rowspan, len(block.indikatorer))):
                    out.setdefault((j, attr, yv.year), (i, yv))
    return out


def row_cover(siblings: tuple[Row, ...] | list[Row]) -> dict[tuple[int, str], tuple[int, Row]]:
    """(row index, column id) -> (index of the sibling row whose value spans it, that row)."""
    out = {}
    for i, row in enumerate(siblings):
        for col, span in row.rowspans.items():
            for j in range(i + 1, min(i + span, len(siblings))):
                out.setdefault((j, col), (i, row))
    return out


def sibling_lists(rows):
    """Every list of rows on the same level: the table's rows, then each row's sub-rows."""
    yield tuple(rows)
    for r in rows:
        if r.rader:
            yield from sibling_lists(r.rader)


def span_cells(rows) -> set[tuple[int, str]]:
    """(id(row), column id) of every cell that spans rows or is covered by a span."""
    out = set()
    for siblings in sibling_lists(rows):
        for (j, col), _src in row_cover(siblings).items():
            out.add((id(siblings[j]), col))
        for r in siblings:
            out.update((id(r), col) for col in r.rowspans)
    return out
