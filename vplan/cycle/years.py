"""Moving years: in texts (titles, column headings, ids) and in year-keyed YAML mappings."""
from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = re.compile(r"(?<!\d)(2\d{3})(?!\d)")


@dataclass(frozen=True)
class Shift:
    """Years lo..hi move by `by`: 2025..2027 by 1 makes 2025 into 2026."""

    lo: int
    hi: int
    by: int

    def text(self, text: str) -> str:
        """Every year in lo..hi in `text` moved: "Budget 2024" -> "Budget 2025"; other numbers stay."""
        if not isinstance(text, str):
            return text
        return _YEAR.sub(lambda m: str(int(m.group(1)) + self.by) if self.lo <= int(m.group(1)) <= self.hi
                         else m.group(1), text)

    def mentions(self, text) -> bool:
        return isinstance(text, str) and any(self.lo <= int(y) <= self.hi for y in _YEAR.findall(text))


def year_of(key) -> int | None:
    """A YAML key that is a year (2025 or "2025"), else None."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.isdigit() and len(key) == 4:
        return int(key)
    return None


def put_sorted(mapping, year: int, value) -> None:
    """Add `year: value` to a year-keyed ruamel mapping, in year order."""
    keys = list(mapping)
    at = next((i for i, k in enumerate(keys) if (year_of(k) or 0) > year), len(keys))
    mapping.insert(at, year, value)
