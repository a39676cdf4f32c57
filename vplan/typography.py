"""Swedish numbers, dates and units: the one place that decides how they look."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def number(value: Decimal | int, decimals: int | None = None, space: str = NBSP) -> str:
    """2259 -> "2 259", Decimal("-9.0") -> "−9,0", keeping the decimals written."""
    value = Decimal(value)
    if decimals is None:
        exp = value.as_tuple().exponent
        decimals = -exp if isinstance(exp, int) and exp < 0 else 0
    text = f"{abs(value):,.{decimals}f}"
    whole, _, frac = text.partition(".")
    out = whole.replace(",", space) + ("," + frac if frac else "")
    return (MINUS + out) if value < 0 and Decimal(out.replace(space, "").replace(",", ".")) != 0 else out


def signed(value: Decimal, space: str = NBSP) -> str:
    """A difference with its sign: +12, −41."""
    text = number(value, space=space)
    return text if value < 0 else "+" + text


def with_unit(text: str, unit: str | None, space: str = NBSP) -> str:
    if not unit:
        return text
    return f"{text}{space}{unit}"


def long_date(iso: str) -> str:
    """2022-12-06 -> "6 december 2022" for running text."""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


EN_DASH = "\u2013"


def period(first: int, last: int) -> str:
    """2025, 2027 -> "2025–2027" (en dash, no spaces); one year alone if equal."""
    return str(first) if first == last else f"{first}{EN_DASH}{last}"


def deadline(value: int | str) -> str:
    """A year stays a year; an ISO date is written out for running text."""
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return str(value)
    return long_date(value)


def quotes(text: str) -> str:
    """Straight quotes as Swedish ones: "så här" -> ”så här”, 'så' -> ’så’ (the same mark on both sides)."""
    return text.replace('"', "\u201d").replace("'", "\u2019")
