"""Outcomes against targets: direction of improvement, whether a target is met, the trend.

Used by the consistency rule (VP613) and by the report's traffic lights, so
the two always agree.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from decimal import Decimal

from vplan.model import Indicator, Number, PerOrg, Text

QUALITATIVE_RANK = {"ja": 2, "delvis": 1, "nej": 0}
MET, PARTLY, MISSED = "uppfyllt", "delvis", "ej uppfyllt"
_BOUND = re.compile(r"(högre än|lägre än|<|>)\s*(-?[0-9]+(?:[.,][0-9]+)?)")


@dataclass(frozen=True)
class Verdict:
    """One indicator in one year: its outcome, its target and what they say together."""

    year: int
    outcome: Number | Text | None
    target: Number | Text | None
    previous: Number | None  # the latest earlier numeric outcome: the baseline and the trend's start
    level: str | None  # MET, PARTLY, MISSED; None when the numbers cannot tell
    trend: str | None  # "upp", "ned", "oförändrad"


def number(value, org: str | None = None) -> Decimal | None:
    """The number of a value, the organisation's for a per-organisation value."""
    if isinstance(value, Number):
        return value.value
    if isinstance(value, PerOrg):
        found = [v.value for k, v in value.values if org is None or k == org]
        return found[0] if len(found) == 1 or org is not None and found else None
    return None


def direction(ind: Indicator, org: str | None = None, history: dict | None = None) -> str:
    """"högre" or "lägre": which way is better. The plan may say it (riktning:); otherwise the
    first numeric target against the outcome before it (the plan's, or the follow-up's in
    `history`); a negative target with nothing before it means a reduction; else higher."""
    if ind.riktning:
        return ind.riktning
    known = {yv.year: number(yv.value, org) for yv in ind.utfall}
    known.update({y: v.value for y, v in (history or {}).items() if isinstance(v, Number)})
    for target in ind.mal:
        t = number(target.value, org)
        if t is None:
            continue
        before = [v for y, v in sorted(known.items()) if y < target.year and v is not None]
        if before and t != before[-1]:
            return "högre" if t > before[-1] else "lägre"
        if t < 0:
            return "lägre"  # "−42 %": a reduction, the further below zero the better
    return "högre"


def series(ind: Indicator, outcomes, org: str | None = None) -> dict[int, object]:
    """year -> outcome: the plan's outcomes, then the follow-up's (which win)."""
    out: dict[int, object] = {}
    for yv in ind.utfall:
        if number(yv.value, org) is not None:
            out[yv.year] = Number(number(yv.value, org))
        elif isinstance(yv.value, Text) and yv.value.text.strip().lower() in QUALITATIVE_RANK:
            out[yv.year] = yv.value
    for o in outcomes:
        for yv in o.values:
            out[yv.year] = yv.value
    return dict(sorted(out.items()))


def target_for(ind: Indicator, year: int, org: str | None = None):
    for yv in ind.mal:
        if yv.year == year:
            if isinstance(yv.value, PerOrg):
                n = number(yv.value, org)
                return Number(n) if n is not None else None
            return yv.value
    return None


def verdict(ind: Indicator, outcomes, year: int, org: str | None = None) -> Verdict:
    values = series(ind, outcomes, org)
    outcome = values.get(year)
    earlier = [v for y, v in values.items() if y < year and isinstance(v, Number)]
    previous = earlier[-1] if earlier else None
    target = target_for(ind, year, org)
    better = direction(ind, org, {y: v for y, v in values.items() if y < year})
    return Verdict(year, outcome, target, previous, _level(outcome, target, previous, better),
                   _trend(outcome, previous))


def _level(outcome, target, previous, better: str) -> str | None:
    if outcome is None or target is None:
        return None
    if isinstance(outcome, Text):
        o = QUALITATIVE_RANK.get(outcome.text.strip().lower())
        t = QUALITATIVE_RANK.get(target.text.strip().lower()) if isinstance(target, Text) else None
        if o is None or t is None:
            return None
        return MET if o >= t else PARTLY if o > 0 else MISSED
    value = outcome.value
    if isinstance(target, Number):
        goal = target.value
        if (value >= goal) if better == "högre" else (value <= goal):
            return MET
        if previous is not None and ((value > previous.value) if better == "högre" else (value < previous.value)):
            return PARTLY  # moving towards the target
        return MISSED
    return _worded(target.text.lower(), value, previous, better)


def _worded(text: str, value: Decimal, previous: Number | None, better: str) -> str | None:
    """Targets in words: "Bibehålla/öka", "Öka", "Minska" against the outcome before."""
    bound = _BOUND.search(text)
    if bound:  # "Högre än 75", "Lägre än 5"
        limit = Decimal(bound.group(2).replace(",", "."))
        return MET if (value > limit if bound.group(1) in ("högre än", ">") else value < limit) else MISSED
    if previous is None:
        return None
    keep = "bibehåll" in text
    if "öka" in text:
        return MET if value > previous.value or (keep and value == previous.value) else MISSED
    if "minska" in text:
        return MET if value < previous.value or (keep and value == previous.value) else MISSED
    if keep:  # keep the level: as good as before or better
        return MET if value == previous.value or (value > previous.value) == (better == "högre") else MISSED
    return None


def _trend(outcome, previous: Number | None) -> str | None:
    if not isinstance(outcome, Number) or previous is None:
        return None
    if outcome.value == previous.value:
        return "oförändrad"
    return "upp" if outcome.value > previous.value else "ned"
