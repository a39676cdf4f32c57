"""`vplan rollover`: next year's plan from this year's.

The plan's text is kept line for line except the YAML that must change: the front
matter (period, budget year, target years, status, decision), the indikatorer
blocks (past targets become outcomes awaiting figures, new target years open) and
the tabell blocks with year columns (tables.py). Those are edited with ruamel's
round trip, so comments survive, and written in vplan fmt's canonical form. Where
a block sits is decided by the reader's own scanner (vplan.read.markdown).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from vplan.cycle.indicators import IndicatorChanges, roll_indicators
from vplan.cycle.placeholder import placeholder
from vplan.cycle.tables import TableChanges, roll_table
from vplan.cycle.years import Shift
from vplan.errors import UsageError

DROPPED_KEYS = ("beslut", "datum")  # the new plan is not decided yet


@dataclass
class Rollover:
    text: str
    first: int
    last: int
    budget: int
    by: int  # years forward
    indicators: IndicatorChanges = field(default_factory=IndicatorChanges)
    tables: TableChanges = field(default_factory=TableChanges)


def rollover_text(text: str, *, name: str, till: int, schema_dir: str | None = None) -> Rollover:
    """Next year's plan (budget year `till`) from the text of a plan that reads; `name` is for messages."""
    from vplan.fmt.document import block_kind, clean, split
    from vplan.read.markdown import Fenced, scan

    parts = split(clean(text))
    if parts.front_matter is None:
        raise UsageError(f"{name} har inga uppgifter om planen överst (front matter).",
                         "Kontrollera planen med vplan check och rätta den först.")
    lines = clean(text).split("\n")
    front = _load(parts.front_matter, name)
    result = _roll_front(front, till, name)
    edits = {1: (len(parts.front_matter.split("\n")), _dump(front, "framsida", schema_dir))}
    targets = tuple(front["målår"]) if front.get("målår") else tuple(range(result.first, result.last + 1))
    for ev in scan(parts.body, parts.body_line):
        if not (isinstance(ev, Fenced) and ev.closed):
            continue
        kind = block_kind(ev.info)
        if kind not in ("indikatorer", "tabell"):
            continue
        data = _load(ev.body, name, ev.body_line)
        if not isinstance(data, dict):
            continue
        if kind == "indikatorer":
            roll_indicators(data, first=result.first, budget=result.budget, targets=targets,
                            changes=result.indicators)
        else:
            before = result.tables.tables
            roll_table(data, by=result.by, changes=result.tables)
            if result.tables.tables == before:
                continue  # no year columns: the block stays exactly as written
        edits[ev.body_line - 1] = (len(ev.body.split("\n")) if ev.body else 0, _dump(data, kind, schema_dir))
    for at in sorted(edits, reverse=True):  # 0-based line of the first body line, from the end up
        count, new = edits[at]
        lines[at:at + count] = new.rstrip("\n").split("\n") if new.strip() else []
    result.text = "\n".join(lines)
    return result


def _roll_front(front, till: int, name: str) -> Rollover:
    period = front.get("planperiod")
    old_budget = front.get("budgetår")
    if not (isinstance(period, dict) and all(isinstance(period.get(k), int) for k in ("från", "till"))
            and isinstance(old_budget, int)):
        raise UsageError(f"{name} saknar planperiod eller budgetår.",
                         "Kontrollera planen med vplan check och rätta den först.")
    by = till - old_budget
    if by <= 0:
        raise UsageError(f"--till {till} ligger inte efter planens budgetår {old_budget}.",
                         f"Ange året som nästa plan gäller, till exempel --till {old_budget + 1}.")
    if period["till"] + by > 2100:
        raise UsageError(f"Planperioden skulle sluta {period['till'] + by}, efter 2100.", "Ange ett tidigare år.")
    shift = Shift(period["från"] - 1, period["till"], by)
    if isinstance(front.get("titel"), str):
        front["titel"] = shift.text(front["titel"])
    period["från"] += by
    period["till"] += by
    front["budgetår"] = till
    if isinstance(front.get("målår"), list):
        for i, year in enumerate(front["målår"]):
            front["målår"][i] = year + by if isinstance(year, int) else year
    front["status"] = "utkast"
    for key in DROPPED_KEYS:
        front.pop(key, None)
    if "diarienummer" in front:  # a new plan is a new case in the registry
        front["diarienummer"] = placeholder("diarienummer")
    return Rollover("", period["från"], period["till"], till, by)


def _load(text: str, name: str, line: int = 2):
    from vplan.fmt.yamlfmt import load

    try:
        return load(text)
    except Exception as exc:  # ruamel's errors have no common base worth naming here
        raise UsageError(f"{name}:{line}: YAML-koden går inte att läsa ({type(exc).__name__}).",
                         "Kontrollera planen med vplan check och rätta den först.") from None


def _dump(data, kind: str, schema_dir) -> str:
    from vplan.fmt.schemaorder import root
    from vplan.fmt.yamlfmt import dump, format_yaml

    return format_yaml(dump(data), root(kind, schema_dir))
