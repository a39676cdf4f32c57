"""`vplan rollover`: next year's plan from this year's.

The plan's text is kept line for line except the YAML that must change: the front
matter (period, budget year, target years, status, decision), the indikatorer
blocks (past targets become outcomes awaiting figures, new target years open) and
the tabell blocks with year columns (tables.py). Those are loaded as data
(yamldata.py: fmt's fast path, or ruamel's round trip where there are comments, so
they survive), edited, and written in vplan fmt's canonical form. Where a block
sits is decided by the reader's own scanner (vplan.read.markdown).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from vplan.cycle.indicators import IndicatorChanges, roll_indicators
from vplan.cycle.new import LAST_YEAR
from vplan.cycle.placeholder import placeholder
from vplan.cycle.tables import TableChanges, roll_table
from vplan.cycle.yamldata import dump, like, load, number
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
    doc = load(parts.front_matter, "framsida", schema_dir, f"{name}:2")
    if not isinstance(doc.data, dict):
        raise UsageError(f"{name}: uppgifterna överst är inte nycklar med värden.",
                         "Kontrollera planen med vplan check och rätta den först.")
    front = doc.data
    result = _roll_front(front, till, name)
    edits = {1: (len(parts.front_matter.split("\n")), dump(doc, "framsida", schema_dir))}
    targets = tuple(number(y) for y in front.get("målår") or ()) or tuple(range(result.first, result.last + 1))
    for ev in scan(parts.body, parts.body_line):
        if not (isinstance(ev, Fenced) and ev.closed):
            continue
        kind = block_kind(ev.info)
        if kind not in ("indikatorer", "tabell") or kind == "tabell" and "år" not in ev.body:
            continue  # a table without a year column stays as written, unread
        block = load(ev.body, kind, schema_dir, f"{name}:{ev.body_line}")
        data = block.data
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
        edits[ev.body_line - 1] = (len(ev.body.split("\n")) if ev.body else 0, dump(block, kind, schema_dir))
    for at in sorted(edits, reverse=True):  # 0-based line of the first body line, from the end up
        count, new = edits[at]
        lines[at:at + count] = new.rstrip("\n").split("\n") if new.strip() else []
    result.text = "\n".join(lines)
    return result


def _roll_front(front, till: int, name: str) -> Rollover:
    period = front.get("planperiod")
    first, last = (number(period.get(k)) for k in ("från", "till")) if isinstance(period, dict) else (None, None)
    old_budget = number(front.get("budgetår"))
    if first is None or last is None or old_budget is None:
        raise UsageError(f"{name} saknar planperiod eller budgetår.",
                         "Kontrollera planen med vplan check och rätta den först.")
    by = till - old_budget
    if by <= 0:
        raise UsageError(f"--till {till} ligger inte efter planens budgetår {old_budget}.",
                         f"Ange året som nästa plan gäller, till exempel --till {old_budget + 1}.")
    if last + by > LAST_YEAR:
        raise UsageError(f"Planperioden skulle sluta {last + by}, efter {LAST_YEAR}.", "Ange ett tidigare år.")
    if isinstance(front.get("titel"), str):
        front["titel"] = Shift(first - 1, last, by).text(front["titel"])
    period["från"], period["till"] = like(period["från"], first + by), like(period["till"], last + by)
    front["budgetår"] = like(front["budgetår"], till)
    if isinstance(front.get("målår"), list):
        front["målår"][:] = [like(y, number(y) + by) if number(y) is not None else y for y in front["målår"]]
    front["status"] = "utkast"
    for key in DROPPED_KEYS:
        front.pop(key, None)
    if "diarienummer" in front:  # a new plan is a new case in the registry
        front["diarienummer"] = placeholder("diarienummer")
    return Rollover("", first + by, last + by, till, by)
