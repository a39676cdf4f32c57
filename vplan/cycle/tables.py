"""Rollover of a tabell block: its year columns move forward, the newest one empty.

A table's year columns (those with `år`) are slots: the slot that held Budget 2024
holds Budget 2025 the next year, with the figures the old table had for 2025, and
so on; a year the old table did not have comes empty. Columns that belong to last
year's calculation (named for a year of the table, or inputs of a year column's
formula, such as "Budgetförändring 2023") are emptied, as is a formula column
whose inputs moved: its figures must be worked out again. Everything else stays.
"""
from __future__ import annotations

from dataclasses import dataclass

from vplan.cycle.yamldata import like, number
from vplan.cycle.years import Shift


@dataclass
class TableChanges:
    tables: int = 0  # tables whose year columns moved
    emptied: int = 0  # columns left without values to fill in


def roll_table(data, *, by: int, changes: TableChanges) -> None:
    """Edit one tabell block's data in place, `by` years forward."""
    columns = [c for c in (data.get("kolumner") or []) if isinstance(c, dict) and isinstance(c.get("id"), str)]
    slots = [c for c in columns if number(c.get("år")) is not None]
    if not slots:
        return
    is_slot = {id(c) for c in slots}
    years = [number(c["år"]) for c in slots]
    shift = Shift(min(years), max(years), by)
    source = _sources(slots, by)
    emptied = _calculation_columns(columns, slots, shift)
    renamed = {c["id"]: shift.text(c["id"]) for c in columns if id(c) in is_slot or c["id"] in emptied}
    renamed = _unique(renamed, {c["id"] for c in columns})
    emptied |= _stale_formulas(columns, set(source) | emptied, emptied)
    old_ids = [c["id"] for c in columns]
    take = {renamed.get(i, i): (None if i in emptied else source.get(i, i)) for i in old_ids}
    for c in columns:
        old = c["id"]
        if id(c) in is_slot or old in emptied:
            for key in ("rubrik", "grupp"):
                if isinstance(c.get(key), str):
                    c[key] = shift.text(c[key])
        if id(c) in is_slot:
            c["år"] = like(c["år"], number(c["år"]) + by)
        if isinstance(c.get("formel"), str):
            c["formel"] = " ".join(renamed.get(t, t) for t in c["formel"].split())
        c["id"] = renamed.get(old, old)
    if isinstance(data.get("rubrik"), str):
        data["rubrik"] = shift.text(data["rubrik"])
    order = [c["id"] for c in columns]
    _move_values(data.get("rader") or [], order, take, set(renamed) | set(source.values()))
    changes.tables += 1
    changes.emptied += sum(1 for c in columns if take[c["id"]] is None and c.get("typ", "tal") == "tal")


def _sources(slots, by: int) -> dict[str, str | None]:
    """Slot column id -> the old column whose figures it takes (its year `by` later), or None.

    First the column of that year in the same role, by heading without the year ("Budget
    2025" fills the new "Budget 2025"); then, for a slot still without one, the only column
    of that year not yet taken ("Plan 2026" fills the new "Budgetram 2026"). Anything less
    certain is left empty rather than guessed."""
    by_year: dict[int, list] = {}
    for c in slots:
        by_year.setdefault(number(c["år"]), []).append(c)
    out: dict[str, str | None] = {}
    for c in slots:
        same = [o for o in by_year.get(number(c["år"]) + by, []) if _role(o) == _role(c)]
        out[c["id"]] = same[0]["id"] if len(same) == 1 else None
    taken = set(out.values())
    for c in slots:
        if out[c["id"]] is None:
            free = [o["id"] for o in by_year.get(number(c["år"]) + by, []) if o["id"] not in taken]
            if len(free) == 1:
                out[c["id"]] = free[0]
                taken.add(free[0])
    return out


def _role(column) -> str:
    """A column's heading without its years: "Budget 2024" -> "budget"."""
    return " ".join(Shift(2000, 2100, 0).strip(str(column.get("rubrik", ""))).casefold().split())


def _calculation_columns(columns, slots, shift: Shift) -> set[str]:
    """Number columns without a year of their own that belong to last year's calculation."""
    inputs = {t for c in slots if isinstance(c.get("formel"), str) for t in c["formel"].split()}
    is_slot = {id(c) for c in slots}
    return {c["id"] for c in columns if id(c) not in is_slot and c.get("typ", "tal") == "tal" and not c.get("formel")
            and (c["id"] in inputs or shift.mentions(c.get("rubrik")) or shift.mentions(c["id"]))}


def _stale_formulas(columns, moved: set[str], emptied: set[str]) -> set[str]:
    """Formula columns computed from a column that moved or was emptied: their figures no longer hold."""
    stale: set[str] = set()
    for c in columns:
        formula = c.get("formel")
        if isinstance(formula, str) and formula.split() != ["summa"]:
            if any(t in moved or t in emptied for t in formula.split()):
                stale.add(c["id"])
        elif formula is not None:  # "summa": the number columns before it
            before = [p["id"] for p in columns[:columns.index(c)] if p.get("typ", "tal") == "tal" and not p.get("formel")]
            if any(t in moved or t in emptied for t in before):
                stale.add(c["id"])
    return stale


def _unique(renamed: dict[str, str], taken: set[str]) -> dict[str, str]:
    """New ids that clash with a column that keeps its id get a suffix."""
    kept = taken - set(renamed)
    out = {}
    for old, new in renamed.items():
        while new in kept or new in out.values():
            new += "-ny"
        out[old] = new
    return out


def _move_values(rows, order: list[str], take: dict[str, str | None], moving: set[str]) -> None:
    """Each row's values under the new column ids, in column order; values of unknown ids stay."""
    for row in rows:
        if not isinstance(row, dict):
            continue
        old = row.get("värden")
        if isinstance(old, dict):
            new = type(old)()  # the loader's own mapping type
            for cid in order:
                src = take.get(cid)
                if src is not None and src in old:
                    new[cid] = old[src]
            for key, value in old.items():
                if key not in take and key not in moving:  # an id no column has (VP304): kept as written
                    new[key] = value
            if new:
                row["värden"] = new
            else:
                del row["värden"]
        _move_values(row.get("rader") or [], order, take, moving)
