"""Swedish numbers as offices type them: 1 234,5 with space or NBSP thousands, − or - minus, a unit after."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACES = "\u00a0\u202f\u2009\u2007 "
_NUMBER = re.compile(
    r"^(?P<sign>[-−–+]?)\s?(?P<int>\d{1,3}(?:[" + _SPACES + r"]\d{3})+|\d+)(?:[,.](?P<dec>\d+))?"
    r"(?:[" + _SPACES + r"]?(?P<unit>%|‰|[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö/²³.]{0,11}))?$")
# Units the importer keeps; any other word after a number makes the cell a text ("12 veckor" stays as written).
UNITS = {"%", "‰", "mnkr", "mkr", "tkr", "kr", "st", "mwh", "kwh", "gwh", "ton", "timmar", "dagar", "år",
         "procent", "milj", "mdkr", "kr/inv", "tkr/inv", "årsarbetare", "åa", "personer", "km", "m²", "m2"}


def parse(text: str) -> tuple[Decimal, str | None] | None:
    """(value, unit) of a cell that is one number, else None."""
    t = text.strip()
    if not t or len(t) > 40:
        return None
    m = _NUMBER.match(t)
    if not m:
        return None
    unit = m.group("unit")
    if unit and unit.lower().rstrip(".") not in UNITS:
        return None
    digits = re.sub("[" + _SPACES + "]", "", m.group("int"))
    if m.group("dec") is not None:
        digits += "." + m.group("dec")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if m.group("sign") in ("-", "−", "–"):
        value = -value
    return value, (unit.rstrip(".") if unit else None)


def is_year(text: str) -> int | None:
    t = text.strip()
    return int(t) if re.fullmatch(r"(19|20)\d\d", t) else None


def yaml_number(value: Decimal) -> str:
    """The number as the plan writes it: a point, no spaces, the decimals kept."""
    s = format(value, "f")
    return "0" if s in ("-0", "+0") else s
