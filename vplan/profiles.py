"""Structure profiles: which chapters a plan needs. Profiles are YAML data."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChapterSpec:
    namn: str
    alternativ: tuple[str, ...]
    monster: str | None
    mal: bool
    valfritt: bool

    def matches(self, title: str) -> bool:
        t = title.strip().casefold()
        if t == self.namn.casefold() or t in (a.casefold() for a in self.alternativ):
            return True
        return bool(self.monster and re.match(self.monster, title.strip(), re.IGNORECASE))


@dataclass(frozen=True)
class Profile:
    namn: str
    beskrivning: str
    kapitel: tuple[ChapterSpec, ...]
    andra_kapitel: str
    nivaer: tuple[str, ...]
    kraver_innehall: str
    path: str


class ProfileError(Exception):
    pass


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
    path = find_profile(name, dirs)
    if path is None:
        raise ProfileError(name)
    if project_dir is not None:
        from vplan.paths import require_inside

        require_inside(path, project_dir, "Strukturprofilen")
    return _load(str(path))


_cache: dict[str, Profile] = {}


def _load(path: str) -> Profile:
    if path in _cache:
        return _cache[path]
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    chapters = tuple(ChapterSpec(c["namn"], tuple(c.get("alternativ", ())), c.get("mönster"),
                                 bool(c.get("mål")), bool(c.get("valfritt"))) for c in data["kapitel"])
    levels = tuple(data["nivåer"])
    prof = Profile(data["namn"], data.get("beskrivning", ""), chapters,
                   data.get("andra_kapitel", "tillåtna"), levels,
                   data.get("kräver_innehåll", levels[-1]), path)
    _cache[path] = prof
    return prof
