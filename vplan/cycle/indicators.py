"""Rollover of an indikatorer block: past targets become outcomes to fill in, new target years open.

Works on ruamel's round-trip data of the block, so comments and the rest stay as written.
"""
from __future__ import annotations

from dataclasses import dataclass

from vplan.cycle.placeholder import placeholder
from vplan.cycle.yamldata import number, put_sorted


@dataclass
class IndicatorChanges:
    outcomes: int = 0  # outcome years opened for figures
    targets: int = 0  # target years opened for values
    dropped: int = 0  # targets before the new period removed, per indicator (a shared one for each)


def _span(value) -> int:
    span = number(value.get("radspann", 1)) if isinstance(value, dict) else 1
    return span if span and span > 0 else 1


def _cover(indicators) -> list[set[int]]:
    """For each indicator, the years it has a target for: its own and those a row above spans to it."""
    out = [set() for _ in indicators]
    for i, ind in enumerate(indicators):
        for key, value in (ind.get("mål") or {}).items():
            year = number(key)
            if year is not None:
                for j in range(i, min(i + _span(value), len(indicators))):
                    out[j].add(year)
    return out


def _needs_targets(ind, had_targets: bool) -> bool:
    """Does the new plan ask this indicator for targets? As VP201 does, or because it had some."""
    return had_targets or (ind.get("typ") == "kvantitativ" and ind.get("sikt") != "lång")


def roll_indicators(data, *, first: int, budget: int, targets: tuple[int, ...], changes: IndicatorChanges) -> None:
    """Edit one block's data for a plan that starts `first`, with budget year `budget` and target years `targets`."""
    indicators = [i for i in (data.get("indikatorer") or []) if isinstance(i, dict)]
    before = _cover(indicators)
    for i, ind in enumerate(indicators):
        mal = ind.get("mål")
        if isinstance(mal, dict):
            for key in [k for k in mal if (number(k) or first) < first]:
                del mal[key]
            if not mal:
                del ind["mål"]
        changes.dropped += sum(1 for y in before[i] if y < first)
        past = sorted(y for y in before[i] if y < budget)
        utfall = ind.get("utfall")
        have = {number(k) for k in utfall} if isinstance(utfall, dict) else set()
        for year in (y for y in past if y not in have):
            if not isinstance(ind.get("utfall"), dict):
                ind["utfall"] = type(ind)()  # the loader's own mapping type
            put_sorted(ind["utfall"], year, placeholder(f"utfall {year}"))
            changes.outcomes += 1
    after = _cover(indicators)
    for i, ind in enumerate(indicators):
        if not _needs_targets(ind, bool(before[i])):
            continue
        for year in (y for y in targets if y not in after[i]):
            if not isinstance(ind.get("mål"), dict):
                ind["mål"] = type(ind)()
            put_sorted(ind["mål"], year, placeholder(f"målvärde {year}"))
            changes.targets += 1
