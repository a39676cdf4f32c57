"""Positions and diagnostics: the two types every layer shares."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, order=True, init=False)
class Pos:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def __init__(self, file: str, line: int = 1, column: int = 1, end_line: int | None = None,
                 end_column: int | None = None) -> None:
        # Hundreds of positions are made per plan: filling __dict__ at once costs a third of
        # the generated frozen __init__ (one object.__setattr__ per field).
        d = self.__dict__
        d["file"], d["line"], d["column"], d["end_line"], d["end_column"] = file, line, column, end_line, end_column

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Severity(str, Enum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Diagnostic:
    """One finding of a rule: stable code, Swedish message, exact place."""

    code: str
    severity: Severity
    message: str
    pos: Pos
    hint: str | None = None  # "gör så här": what to do about it
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self):
        return (self.pos.file, self.pos.line, self.pos.column, self.code)
