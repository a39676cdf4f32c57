"""What the import tells the official: findings naming the place in the Word file, in Swedish."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    place: str  # "tabell 3 under rubriken ”Ekonomiska ramar”", "försättsbladet", "stycke 12 …"
    message: str

    def line(self) -> str:
        text = self.message[0].upper() + self.message[1:]
        return f"{self.place[0].upper() + self.place[1:]}: {text}" if self.place else text


def place(kind: str, number: int | None, heading: str | None) -> str:
    where = f"{kind} {number}" if number else kind
    return f"{where} under rubriken ”{heading}”" if heading else f"{where} före första rubriken"
