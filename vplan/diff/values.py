"""Model values -> Swedish text (through vplan.typography) and JSON-ready data."""
from __future__ import annotations

from decimal import Decimal

from vplan import typography
from vplan.model import Number, PerOrg, Text


def show(value, unit: str | None = None) -> str:
    """2259 -> "2 259 mnkr", Text -> its words, PerOrg -> "RVN 72, RLF 69"."""
    if value is None:
        return "(inget)"
    if isinstance(value, Number):
        return typography.with_unit(typography.number(value.value), unit)
    if isinstance(value, Text):
        return value.text
    if isinstance(value, PerOrg):
        inner = ", ".join(f"{org} {typography.number(n.value)}" for org, n in value.values)
        return typography.with_unit(inner, unit) if unit else inner
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return typography.number(value)
    return str(value)


def change(old, new, unit: str | None = None) -> tuple[str, Decimal | None]:
    """"432 → 391 mnkr (−41 mnkr)" and the difference, for numbers; "a → b" otherwise."""
    if isinstance(old, Number) and isinstance(new, Number):
        delta = new.value - old.value
        delta_unit = "procentenheter" if unit == "%" else unit
        places = max(old.decimals, new.decimals)
        diff = typography.signed(delta.quantize(Decimal(1).scaleb(-places)) if places else delta)
        return (f"{show(old)} → {show(new, unit)} ({typography.with_unit(diff, delta_unit)})", delta)
    return f"{show(old, unit)} → {show(new, unit)}", None


def data(value):
    """A JSON-ready form: numbers stay numbers (Decimal), PerOrg becomes an object."""
    if isinstance(value, Number):
        return value.value
    if isinstance(value, Text):
        return value.text
    if isinstance(value, PerOrg):
        return {org: n.value for org, n in value.values}
    if isinstance(value, tuple):
        return [data(v) for v in value]
    return value
