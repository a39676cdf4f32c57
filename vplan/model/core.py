"""Positions and diagnostics: the two types every layer shares."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


def made_in_bulk(cls):
    """Class decorator, written above @dataclass(frozen=True), for model objects made by the
    hundred in every plan: an __init__ with the same parameters, defaults and factories that
    fills the instance's __dict__ at once. The generated frozen __init__ calls
    object.__setattr__ once per field, which costs about three times as much.

    Made from the class's own field names the way dataclasses makes its __init__ (exec of a
    def); nothing of any input ever reaches it."""
    from dataclasses import MISSING, fields

    params, lines, scope = [], [], {"_MISSING": MISSING}
    for f in fields(cls):
        if not f.init or f.kw_only or hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__:
            raise TypeError(f"made_in_bulk cannot make {cls.__name__}.__init__")
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            lines.append(f"    if {f.name} is _MISSING:\n        {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
    lines.append("    d = self.__dict__")
    lines += [f"    d[{f.name!r}] = {f.name}" for f in fields(cls)]
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines), scope)  # noqa: S102
    scope["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = scope["__init__"]
    return cls


@made_in_bulk
@dataclass(frozen=True, order=True)
class Pos:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

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
