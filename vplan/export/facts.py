"""The export's columns, and the facts of a plan: one row per value, with where it stands.

A row is a plain tuple in COLUMNS order, so thousands of them travel cheaply from
the worker processes. Numbers are Decimal as written; text values are str.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from vplan.model import IndicatorBlock, Number, PerOrg, Plan, Section, Table, Text

# Column names in Swedish: these are the headings officials see in Excel (docs/uppfoljning.md).
COLUMNS = ("region", "nämnd", "dokument", "dokumenttyp", "period", "målområde", "mål", "delmål", "id", "namn",
           "organisation", "år", "slag", "värde", "enhet", "tabell", "kolumn", "källa", "fil", "rad")
KIND = COLUMNS.index("slag")
LINE = COLUMNS.index("rad")

# The kinds of fact, in the order the workbook's sheets come in.
KINDS = ("utfall", "målvärde", "budget", "prognos", "avvikelse", "tabellvärde", "bedömning", "uppdragsstatus")

Chain = tuple  # (målområde, mål, delmål): titles, or None
NO_CHAIN: Chain = (None, None, None)


def document_fields(plan: Plan, period: str, path: str) -> tuple:
    """The columns every row of one document shares: region … period, and the file."""
    m = plan.meta
    return (m.region or None, m.namnd or None, m.titel, m.dokumenttyp, period), path


def plan_period(plan: Plan) -> str:
    m = plan.meta
    return str(m.fran) if m.fran == m.till else f"{m.fran}–{m.till}"


def chains(plan: Plan) -> dict[int, Chain]:
    """id(section) -> the goal area, goal and sub-goal it stands under (itself included)."""
    out: dict[int, Chain] = {}

    def visit(section: Section, chain: Chain):
        area, goal, sub = chain
        if section.kind == "målområde":
            chain = (section.title, None, None)
        elif section.kind == "mål":
            chain = (area, section.title, None)
        elif section.kind == "delmål":
            chain = (area, goal, section.title)
        out[id(section)] = chain
        for child in section.sections:
            visit(child, chain)

    for chapter in plan.chapters:
        visit(chapter, NO_CHAIN)
    return out


def placed_blocks(plan: Plan) -> Iterator[tuple[object, Chain]]:
    """Every block of the plan with the goals it stands under, in document order."""
    where = chains(plan)
    for item in plan.preamble:
        if not isinstance(item, Section) and hasattr(item, "kind"):
            yield item, NO_CHAIN
    for section in plan.sections():
        for block in section.blocks:
            yield block, where[id(section)]


_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def name(text: str | None) -> str | None:
    """A name or text as the reader sees it: no footnote marks, **fetstil** without its stars."""
    if text is None:
        return None
    if "[^" in text:
        text = _FOOTNOTE.sub("", text)
    if "*" not in text:
        return text
    from vplan.read.inline import plain as without_marks

    return without_marks(text)


def plain(value) -> list[tuple[str | None, Decimal | str]]:
    """A model value as (organisation, number or text) pairs: one per organisation for a PerOrg."""
    if isinstance(value, Number):
        return [(None, value.value)]
    if isinstance(value, Text):
        return [(None, value.text)]
    if isinstance(value, PerOrg):
        return [(org, n.value) for org, n in value.values]
    return []


def plan_rows(plan: Plan, path: str, period: str | None = None) -> list[tuple]:
    """The facts of a plan (or of a follow-up's body): indicator outcomes and targets, number cells."""
    head, file = document_fields(plan, period or plan_period(plan), path)
    rows: list[tuple] = []
    for block, chain in placed_blocks(plan):
        if isinstance(block, IndicatorBlock):
            rows += _indicator_rows(block, head + chain, file)
        elif isinstance(block, Table):
            rows += _table_rows(block, head + chain, file)
    return rows


def _indicator_rows(block: IndicatorBlock, head: tuple, file: str) -> list[tuple]:
    """A value with radspann counts for the next indicators of the block too, as the table shows it."""
    inds = block.indikatorer
    values: list[list[tuple[str, object]]] = [[] for _ in inds]
    for k, ind in enumerate(inds):
        for kind, years in (("utfall", ind.utfall), ("målvärde", ind.mal)):
            for yv in years:
                for j in range(k, min(k + max(yv.rowspan, 1), len(inds))):
                    values[j].append((kind, yv))
    rows = []
    for ind, found in zip(inds, values):
        for kind, yv in found:
            line = (yv.value_pos or yv.pos).line
            for org, v in plain(yv.value):
                rows.append(head + (ind.id, name(ind.namn), org, yv.year, kind, v, ind.enhet, None, None, ind.kalla,
                                    file, line))
    return rows


_BUDGET = re.compile(r"budget|\bram(ar)?\b|\bplan\b")


def table_kind(column) -> str:
    """budget, prognos, avvikelse or utfall by the column's heading (and group); else tabellvärde."""
    text = f"{column.grupp or ''} {column.rubrik}".lower()
    for word in ("prognos", "avvikelse", "utfall"):
        if word in text:
            return word
    return "budget" if _BUDGET.search(text) else "tabellvärde"


def _table_rows(table: Table, head: tuple, file: str) -> list[tuple]:
    numeric = [(c, table_kind(c)) for c in table.kolumner if c.typ == "tal"]
    rows: list[tuple] = []

    def walk(siblings):
        carried: dict[str, tuple] = {}  # column id -> (cell, line, rows still covered)
        for r in siblings:
            for col, kind in numeric:
                cell, line = r.varden.get(col.id), r.cell_pos(col.id).line
                span = carried.pop(col.id, None)
                if span is not None:
                    if cell is None:
                        cell, line = span[0], span[1]
                    if span[2] > 1:
                        carried[col.id] = (span[0], span[1], span[2] - 1)
                if col.id in r.rowspans:
                    carried[col.id] = (cell, line, r.rowspans[col.id] - 1)
                if isinstance(cell, Number):
                    rows.append(head + (r.id, name(r.namn), None, col.ar, kind, cell.value, table.unit(r, col),
                                        table.rubrik, col.rubrik, None, file, line))
            walk(r.rader)

    walk(table.rader)
    return rows
