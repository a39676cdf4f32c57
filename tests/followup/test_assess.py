"""Outcomes against targets: the verdicts behind the report's lights and rule VP613."""
from __future__ import annotations

from decimal import Decimal

import pytest

from vplan.followup import assess
from vplan.model import Indicator, Number, PerOrg, Pos, Text, YearValue

P = Pos("x.md")


def value(v):
    if isinstance(v, dict):
        return PerOrg(tuple((k, Number(Decimal(str(n)))) for k, n in v.items()))
    return Number(Decimal(str(v))) if isinstance(v, (int, float)) else Text(v)


def indicator(utfall=None, mal=None, riktning=None, typ="kvantitativ") -> Indicator:
    years = lambda d: tuple(YearValue(y, value(v), P) for y, v in (d or {}).items())  # noqa: E731
    return Indicator("i", "Indikator", typ, None, None, None, None, None, years(utfall), years(mal), None, P,
                     riktning=riktning)


class Outcome:  # the two fields verdict() reads
    def __init__(self, values):
        self.values = tuple(YearValue(y, value(v), P) for y, v in values.items())


@pytest.mark.parametrize("utfall, mal, riktning, outcomes, level", [
    ({2023: 4}, {2025: 6}, None, {2025: 6}, assess.MET),                  # higher is better, reached
    ({2023: 4}, {2025: 6}, None, {2024: 4, 2025: 5}, assess.PARTLY),      # towards the target
    ({2023: 4}, {2025: 6}, None, {2024: 5, 2025: 3}, assess.MISSED),      # away from it
    ({2023: 7.5}, {2025: 7.0}, None, {2025: 6.9}, assess.MET),            # target below baseline: lower is better
    ({2023: 7.5}, {2025: 7.0}, None, {2025: 7.3}, assess.PARTLY),
    ({}, {2025: 165}, None, {2024: 171, 2025: 167}, assess.PARTLY),       # baseline from the follow-up itself
    ({}, {2025: 120}, "lägre", {2025: 112}, assess.MET),                  # said in the plan
    ({}, {2025: -42}, None, {2024: -35, 2025: -38}, assess.PARTLY),       # a reduction: further below zero
    ({}, {2025: -42}, None, {2025: -45}, assess.MET),
    ({2023: 77}, {2025: "Bibehålla/öka"}, None, {2025: 77}, assess.MET),
    ({2023: 77}, {2025: "Bibehålla/öka"}, None, {2025: 76}, assess.MISSED),
    ({}, {2025: "Högre än 75"}, None, {2025: 78}, assess.MET),
    ({}, {2025: "<16 %"}, None, {2025: 17}, assess.MISSED),
    ({}, {2025: "I jämförelse med riket"}, None, {2025: 4.6}, None),    # words vplan cannot read
    ({}, {2027: 8}, None, {2025: 6}, None),                              # no target for the year
])
def test_numeric_verdicts(utfall, mal, riktning, outcomes, level):
    v = assess.verdict(indicator(utfall, mal, riktning), [Outcome(outcomes)], 2025)
    assert v.level == level


@pytest.mark.parametrize("outcome, level", [("Ja", assess.MET), ("Delvis", assess.PARTLY), ("Nej", assess.MISSED)])
def test_qualitative_verdicts(outcome, level):
    ind = indicator(mal={2025: "Ja"}, typ="kvalitativ")
    assert assess.verdict(ind, [Outcome({2025: outcome})], 2025).level == level


def test_per_organisation_values_and_trend():
    ind = indicator(utfall={2023: {"RVN": 78, "RLF": 77}}, mal={2025: "Bibehålla/öka"})
    v = assess.verdict(ind, [Outcome({2025: 76})], 2025, "RLF")
    assert (v.previous.value, v.trend, v.level) == (Decimal(77), "ned", assess.MISSED)
    assert assess.verdict(ind, [Outcome({2025: 79})], 2025, "RVN").trend == "upp"
