"""Sums in a table as Word shows them: sub-rows that add up to their row, a total row that adds up the rows
above it. What adds up (within rounding) gets its rule; what does not is reported, as the original says it."""
from __future__ import annotations

import re
from decimal import Decimal

from vplan import typography

TOTAL = re.compile(r"(?i)^(summa|totalt?|total|s:a|sammanlagt|sammantaget)\b")


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
    for j, row in enumerate(rows):
        if row.get("rader"):
            _subrows(row, cols, findings, needed)
            _level(row["rader"], cols, findings, needed)
        elif TOTAL.match(row["namn"]) or (row.get("_bold") and j == len(rows) - 1 and j >= 2):
            _total(row, rows[:j], cols, findings, needed)


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
        col, given, total = bad[0]
        findings.append(f"delraderna under ”{row['namn']}” summerar till {typography.number(total)} i kolumnen {col}, "
                        f"men raden anger {typography.number(given)} i Word-filen; raden fick delsumma: false")


def _total(row: dict, above: list[dict], cols: list[str], findings: list[str], needed: list[Decimal]) -> None:
    if not above:
        return
    diffs = []
    for col in cols:
        given = number(row, col)
        if given is None:
            continue
        parts = [number(r, col) for r in above]
        if any(p is None and not _blank(r, col) for p, r in zip(parts, above)):
            return
        ok, diff = _compare(given, [p for p in parts if p is not None])
        if not ok:
            if TOTAL.match(row["namn"]):
                findings.append(f"summaraden ”{row['namn']}” anger {typography.number(given)} i kolumnen {col}, men "
                                f"raderna ovanför summerar till {typography.number(sum((p for p in parts if p is not None), Decimal(0)))} "
                                "i Word-filen; raden står som den var, utan formel")
            return
        diffs.append(diff)
    if diffs:
        row["formel"] = "summa"
        needed.extend(diffs)
