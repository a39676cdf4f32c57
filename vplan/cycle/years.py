"""Moving years in texts: titles, column headings, ids."""
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

    def strip(self, text: str) -> str:
        """`text` without its years in lo..hi: "Budget 2024" -> "Budget "."""
        return _YEAR.sub(lambda m: "" if self.lo <= int(m.group(1)) <= self.hi else m.group(1), text)
