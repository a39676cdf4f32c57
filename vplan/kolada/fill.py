"""What a follow-up needs from Kolada, and what to do with each value Kolada gives.

The follow-up needs, for each indicator of its plan with a Kolada id, the outcomes of
the year before the plan period (the plan's last known outcome) up to the follow-up's
own year. A value is added only where the follow-up has none for that indicator and
year; a value a person wrote is never changed, and a different one is reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from vplan.model import Number, PerOrg


@dataclass(frozen=True)
class Wanted:
    indicator: str  # the plan's indicator id
    kpi: str
    goal: str | None  # the title of the goal the indicator stands under in the plan


@dataclass
class Plan:
    """The outcome of comparing Kolada's values with the follow-up."""

    add: dict[str, dict[int, tuple[Decimal, str]]] = field(default_factory=dict)  # id -> year -> (value, kpi)
    same: list[tuple[str, int]] = field(default_factory=list)
    differ: list[tuple[str, int, str, Decimal, str]] = field(default_factory=list)  # id, year, ours, Kolada, kpi
    missing: list[tuple[str, int, str, str | None]] = field(default_factory=list)  # id, year, kpi, status
    skipped: list[tuple[str, str]] = field(default_factory=list)  # id, why (Swedish)


def years(followup) -> list[int]:
    plan = followup.plan.meta
    return list(range(plan.fran - 1, followup.meta.period.year + 1))


def wanted(followup) -> tuple[list[Wanted], list[tuple[str, str]]]:
    """The indicators to fetch, and those with a Kolada id that cannot be filled in (id, why)."""
    from vplan.followup.goals import goal_of

    goals = goal_of(followup.plan)
    per_org = {o.id for o in followup.outcomes() if o.organisation}
    found, skipped = [], []
    for ind in followup.plan.indicators():
        if not ind.kolada:
            continue
        if ind.typ != "kvantitativ":
            skipped.append((ind.id, "indikatorn är kvalitativ, och Kolada har bara tal"))
        elif ind.id in per_org or any(isinstance(v.value, PerOrg) for v in (*ind.utfall, *ind.mal)):
            skipped.append((ind.id, "indikatorn har värden per organisation, och Kolada har ett värde för hela "
                                    "regionen"))
        else:
            goal = goals.get(ind.id)
            found.append(Wanted(ind.id, ind.kolada, goal.title if goal else None))
    return found, skipped


def tidy(value: Decimal) -> Decimal:
    """72.0 -> 72, 72.50 -> 72.5: as a person would write it."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def compare(followup, want: list[Wanted], fetched: dict[str, dict[int, tuple]], all_years: list[int]) -> Plan:
    """What to add, what already agrees, what differs and what Kolada lacks."""
    own = {}
    for o in followup.outcomes():
        if o.organisation is None:
            own.setdefault(o.id, {v.year: v.value for v in o.values})
    plan = Plan()
    for w in want:
        values = fetched.get(w.kpi, {})
        for year in all_years:
            value, status = values.get(year, (None, None))
            if value is None:
                plan.missing.append((w.indicator, year, w.kpi, status))
                continue
            value = tidy(value)
            ours = own.get(w.indicator, {}).get(year)
            if ours is None:
                plan.add.setdefault(w.indicator, {})[year] = (value, w.kpi)
            elif isinstance(ours, Number) and ours.value == value:
                plan.same.append((w.indicator, year))
            else:
                shown = shown_number(ours.value) if isinstance(ours, Number) else getattr(ours, "text", str(ours))
                plan.differ.append((w.indicator, year, shown, value, w.kpi))
    return plan


def shown_number(value: Decimal) -> str:
    """A number for a message: 67 100, 3,1."""
    from vplan.typography import number

    return number(value, space=" ")
