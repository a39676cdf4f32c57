"""Sums in a table as Word shows them: sub-rows that add up to their row, a total row that adds up the rows
above it. What adds up (within rounding) gets its rule; what does not is reported, as the original says it."""
from __future__ import annotations

import re
from decimal import Decimal

from vplan import typography

TOTAL = re.compile(r"(?i)^(summa|totalt?|total|s:a|sammanlagt|sammantaget)\b")


def shown(name: str) -> str:
    """A row name for the report: without footnote marks and emphasis."""
    return re.sub(r"\[\^[^\]]*\]|\*", "", name).strip()


def number(row: dict, col: str) -> Decimal | None:
    v = row.get("värden", {}).get(col)
    if isinstance(v, Decimal):
        return v
    if isinstance(v, dict) and isinstance(v.get("värde"), Decimal) and "radspann" not in v:
        return v["värde"]
    return None


def _blank(row: dict, col: str) -> bool:
    return col not in row.get("värden", {})


def _decimals(values) -> int:
    return max((-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0), default=0)


def _compare(given: Decimal, parts: list[Decimal]) -> tuple[bool, Decimal]:
    """(adds up within rounding, difference)."""
    diff = abs(given - sum(parts, Decimal(0)))
    bound = Decimal(len(parts)) * Decimal("0.5") * Decimal(10) ** -_decimals([given, *parts])
    return diff <= bound, diff


def infer_sums(rows: list[dict], cols: list[str], findings: list[str]) -> Decimal | None:
    needed: list[Decimal] = []
    _level(rows, cols, findings, needed)
    tol = max(needed, default=Decimal(0))
    return tol.normalize() if tol > 0 else None


def _level(rows: list[dict], cols: list[str], findings: list[str], needed: list[Decimal]) -> None:
    _summary_rows(rows)
    for j, row in enumerate(rows):
        if row.get("rader"):
            _subrows(row, cols, findings, needed)
            _level(row["rader"], cols, findings, needed)
        elif TOTAL.match(row["namn"]) or (row.get("_bold") and j == len(rows) - 1 and j >= 2):
            _total(row, rows[:j], cols, findings, needed)


def _summary_rows(rows: list[dict]) -> None:
    """A bold group label, its rows, then "Total …" under them: one row with a summarad, as vplan writes it."""
    j = 1
    while j < len(rows):
        group, total = rows[j - 1], rows[j]
        if group.get("rader") and not group.get("värden") and total.get("värden") and not total.get("rader") and (
                TOTAL.match(total["namn"]) or total.get("_bold")):
            group["värden"], group["summarad"] = total["värden"], total["namn"]
            del rows[j]
        j += 1


def _subrows(row: dict, cols: list[str], findings: list[str], needed: list[Decimal]) -> None:
    bad = []
    for col in cols:
        given = number(row, col)
        kids = row["rader"]
        parts = [number(k, col) for k in kids]
        if given is None or any(p is None and not _blank(k, col) for p, k in zip(parts, kids)) or all(
                p is None for p in parts):
            continue
        ok, diff = _compare(given, [p for p in parts if p is not None])
        if ok:
            needed.append(diff)
        else:
            bad.append((col, given, sum((p for p in parts if p is not None), Decimal(0))))
    if bad:
        row["delsumma"] = False
        if all(k.get("_sub") for k in row["rader"]) and all(total < given for _c, given, total in bad):
            return  # "varav" rows name a part of the row, not all of it: nothing to add up
        col, given, total = bad[0]
        findings.append(f"delraderna under ”{shown(row['namn'])}” summerar till {typography.number(total)} i kolumnen {col}, "
                        f"men raden anger {typography.number(given)} i Word-filen; raden fick delsumma: false")


def _total(row: dict, above: list[dict], cols: list[str], findings: list[str], needed: list[Decimal]) -> None:
    """A total row: the sum of all rows above it (formel: summa), or of those since the last total (a formula
    of their ids). A "Summa" row right after another total is a figure of its own and is left as it is."""
    last_total = max((k for k, r in enumerate(above) if TOTAL.match(r["namn"]) or r.get("formel")), default=-1)
    segment = above[last_total + 1:]
    tried = [(above, "summa")] + ([(segment, None)] if 2 <= len(segment) < len(above) else [])
    for rows, formula in tried:
        diffs = _adds_up(row, rows, cols)
        if diffs is not None:
            row["formel"] = formula or " + ".join(_row_id(r, above) for r in rows)
            needed.extend(diffs)
            return
    if TOTAL.match(row["namn"]) and len(segment) >= 2:
        col = next((c for c in cols if number(row, c) is not None and _adds_up(row, segment, [c]) is None), None)
        if col is not None:
            parts = sum((number(r, col) or Decimal(0) for r in segment), Decimal(0))
            findings.append(f"summaraden ”{shown(row['namn'])}” anger {typography.number(number(row, col))} i kolumnen {col}, "
                            f"men raderna ovanför summerar till {typography.number(parts)} i Word-filen; raden står "
                            "som den var, utan formel")


def _adds_up(row: dict, rows: list[dict], cols: list[str]) -> list[Decimal] | None:
    """The differences per column when `row` is the sum of `rows` within rounding, else None."""
    if not rows:
        return None
    diffs = []
    for col in cols:
        given = number(row, col)
        if given is None:
            continue
        parts = [number(r, col) for r in rows]
        if any(p is None and not _blank(r, col) for p, r in zip(parts, rows)):
            return None
        ok, diff = _compare(given, [p for p in parts if p is not None])
        if not ok:
            return None
        diffs.append(diff)
    return diffs or None


def _row_id(row: dict, siblings: list[dict]) -> str:
    """The row's id for a formula, made from its name the first time it is needed."""
    if "id" not in row:
        from vplan.importer.ids import unique_id

        taken = {r["id"] for r in siblings if "id" in r}
        row["id"] = unique_id(row["namn"], taken, "rad")
    return row["id"]
