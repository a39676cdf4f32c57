"""Structure profiles: which chapters a plan needs. Profiles are YAML data."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from vplan.errors import UsageError
from vplan.model import Severity


@dataclass(frozen=True)
class ChapterSpec:
    namn: str
    alternativ: tuple[str, ...]
    monster: str | None
    mal: bool
    valfritt: bool

    def matches(self, title: str) -> bool:
        t = title.strip()
        if t.casefold() in self._names:
            return True
        # A chapter name is short; a pattern from a project's profile never sees a page-long title.
        return bool(self.monster and self._pattern.match(t[:200]))

    # Made once per profile (profiles are cached per process), not once per chapter of every plan.
    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset((self.namn.casefold(), *(a.casefold() for a in self.alternativ)))

    @cached_property
    def _pattern(self) -> re.Pattern:
        return re.compile(self.monster, re.IGNORECASE)


@dataclass(frozen=True)
class Profile:
    namn: str
    beskrivning: str
    kapitel: tuple[ChapterSpec, ...]
    andra_kapitel: str
    nivaer: tuple[str, ...]
    kraver_innehall: str
    path: str
    innehall: str = "indikatorer eller uppdrag"  # what each section at level kraver_innehall needs
    allvar: Mapping[str, str] = field(default_factory=dict)  # code -> fel | varning | av
    uppfoljning: tuple[ChapterSpec, ...] = ()  # the chapters a follow-up of the plan needs (VP624)

    def severity(self, code: str, default: Severity) -> Severity | None:
        """The severity this profile gives a code; None when the profile turns it off."""
        chosen = self.allvar.get(code)
        return default if chosen is None else None if chosen == "av" else Severity(chosen)


class ProfileError(Exception):
    """No profile of that name (VP014 reports it on the plan)."""


def find_profile(name: str, dirs) -> Path | None:
    for d in dirs:
        p = Path(d) / f"{name}.yaml"
        if p.is_file():
            return p
    return None


def available(dirs) -> list[str]:
    names = set()
    for d in dirs:
        if Path(d).is_dir():
            names |= {p.stem for p in Path(d).glob("*.yaml")}
    return sorted(names)


def load_profile(name: str, dirs, project_dir=None) -> Profile:
    from vplan.paths import remembered

    return remembered(("profile", name, tuple(map(str, dirs)), str(project_dir)),
                      lambda: _find_and_load(name, dirs, project_dir))


def _find_and_load(name: str, dirs, project_dir) -> Profile:
    path = find_profile(name, dirs)
    if path is None:
        raise ProfileError(name)
    if project_dir is not None:
        from vplan.paths import require_inside

        require_inside(path, project_dir, "Strukturprofilen")
    from vplan.paths import by_version

    return by_version(_cache, str(path), _load)


_cache: dict[tuple[str, int, int], Profile] = {}  # by file version, not name


def _load(path: str) -> Profile:
    loc = _read(path)
    data = loc.data
    chapters = tuple(ChapterSpec(c["namn"], tuple(c.get("alternativ", ())), c.get("mönster"),
                                 bool(c.get("mål")), bool(c.get("valfritt"))) for c in data["kapitel"])
    levels = tuple(data["nivåer"])
    allvar = data.get("allvar", {})
    _check_codes(allvar, loc)
    _check_patterns(data["kapitel"], loc)
    _check_patterns(data.get("uppföljning_kapitel", []), loc, "uppföljning_kapitel")
    level = data.get("kräver_innehåll", levels[-1])
    if level not in levels:
        raise UsageError(f"{loc.pos(('kräver_innehåll',))}: Nyckeln kräver_innehåll är ”{level}”, "
                         "men den nivån finns inte i nivåer.", f"Välj en av nivåerna: {', '.join(levels)}.")
    prof = Profile(data["namn"], data.get("beskrivning", ""), chapters,
                   data.get("andra_kapitel", "tillåtna"), levels,
                   level, path,
                   data.get("innehåll", "indikatorer eller uppdrag"), MappingProxyType(dict(allvar)),
                   tuple(ChapterSpec(c["namn"], tuple(c.get("alternativ", ())), c.get("mönster"), False, False)
                         for c in data.get("uppföljning_kapitel", ())))
    return prof


def _read(path: str):
    """The profile's YAML, checked against schema/profil.schema.json; a broken one stops the run."""
    from vplan.read.schemas import validate
    from vplan.read.yamlload import YamlProblem, load_yaml

    name = _display(path)
    try:
        loc = load_yaml(Path(path).read_text(encoding="utf-8"), name, 1)
    except UnicodeDecodeError:
        raise UsageError(f"Profilen {name} är inte sparad som UTF-8.", "Spara filen som UTF-8.") from None
    except YamlProblem as p:
        raise UsageError(f"{name}:{p.line + 1}:{p.column + 1}: {p.message}", p.hint) from None
    if not isinstance(loc.data, dict):
        raise UsageError(f"Profilen {name} ska innehålla nycklar med värden.",
                         "Se docs/profiler.md i vplan.")
    diags = validate("profil", loc)
    if diags:
        d = diags[0]
        raise UsageError(f"{d.pos}: {d.message}", d.hint or "Se docs/profiler.md i vplan.")
    return loc


def _check_codes(allvar: dict, loc) -> None:
    from vplan.config import problem

    for code in allvar:
        found = problem(code, "ändras")
        if found is not None:
            pos = loc.pos(("allvar", code), key=True)
            raise UsageError(f"{pos}: {found[0]}", found[1])


def _display(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _check_patterns(chapters: list, loc, key: str = "kapitel") -> None:
    for i, c in enumerate(chapters):
        if "mönster" in c:
            try:
                re.compile(c["mönster"])
                if re.search(r"[+*}]\)[+*{]", c["mönster"]):  # (a+)+ backtracks exponentially on a title
                    raise UsageError(f"{loc.pos((key, i, 'mönster'))}: Mönstret för kapitlet ”{c['namn']}” "
                                     "har en upprepning i en upprepning, som kan göra kontrollen mycket långsam.",
                                     "Skriv mönstret utan upprepning i upprepning. Exempel: \"^Ekonomi( [0-9]{4})?$\".")
            except re.error as exc:
                raise UsageError(f"{loc.pos((key, i, 'mönster'))}: Mönstret för kapitlet ”{c['namn']}” "
                                 f"går inte att läsa (tecken {exc.pos + 1 if exc.pos is not None else 1}).",
                                 "Kontrollera parenteser och hakparenteser. Exempel: "
                                 "\"^Ekonomi( [0-9]{4})?$\".") from None
