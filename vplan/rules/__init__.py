"""Rules over the document model: one code, one place, one docstring each.

A rule is a function `(ctx) -> iterable of Diagnostic`, registered with
`@rule`. The docstring (Swedish: it becomes docs/regler.md) has a summary
line, then "Varför:", "Fel:" and "Rätt:" parts. Reader-level codes (YAML,
schema) are registered too, without a check function, so they are documented
in the same list.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Iterable

from vplan.model import Diagnostic, Plan, Severity

_MODULES = ("reader", "meta", "structure", "indicators", "values", "tables", "references", "content", "build", "placeholders")


@dataclass(frozen=True)
class Context:
    plan: Plan
    profile: object | None  # vplan.profiles.Profile
    options: object  # vplan.options.Options
    _shared: dict = field(default_factory=dict, compare=False, repr=False)

    def shared(self, key: str, make: Callable[[], object]):
        """A value several rules use, made once per plan. Kept here, not in a module-level
        cache, so it goes with the plan and keeps nothing of it alive after."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def texts(self) -> list:
        """(text, where, key) of every prose piece and text field; references.text_pos(where, key)
        is its position."""
        from vplan.rules.references import _texts

        return self.shared("texts", lambda: _texts(self.plan))


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: Callable[[Context], Iterable[Diagnostic]] | None


_registry: dict[str, Rule] = {}
_loaded: list[bool] = []  # not "is _registry empty": a module imported first may have registered its own


def rule(code: str, name: str, severity: Severity = Severity.ERROR, check: bool = True):
    def register(fn):
        if code in _registry:
            raise RuntimeError(f"duplicate rule code {code}")
        _registry[code] = Rule(code, name, severity, (fn.__doc__ or "").strip(), fn if check else None)
        return fn
    return register


def registry() -> MappingProxyType:
    """Read-only map code -> Rule, loading every rule module once."""
    if not _loaded:
        _loaded.append(True)
        for m in _MODULES:
            importlib.import_module(f"vplan.rules.{m}")
        importlib.import_module("vplan.followup.rules")  # VP600–VP649, run by vplan.followup.load
    return MappingProxyType(dict(sorted(_registry.items())))


def run_rules(ctx: Context) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for r in registry().values():
        if r.check is not None:
            out.extend(r.check(ctx))
    return out
