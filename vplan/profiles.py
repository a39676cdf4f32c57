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
        # A chapter name is short; a pattern from a project's profile never sees a page-long title.
        return bool(self.monster and re.match(self.monster, title.strip()[:200], re.IGNORECASE))


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


def _pattern(value) -> str | None:
    """A chapter-name pattern, compiled once to refuse a broken one (and one that backtracks:
    nested repetition such as (a+)+ is refused, so a chapter title cannot hang check)."""
    if value is None:
        return None
    text = str(value)
    re.compile(text)
    if re.search(r"[+*}]\)[+*{]", text):
        raise re.error(f"{text!r} har en upprepning i en upprepning, som kan göra kontrollen mycket långsam")
    return text


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
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
        chapters = tuple(ChapterSpec(str(c["namn"]), tuple(str(a) for a in c.get("alternativ", ())),
                                     _pattern(c.get("mönster")), bool(c.get("mål")), bool(c.get("valfritt")))
                         for c in data["kapitel"])
        levels = tuple(str(n) for n in data["nivåer"])
        prof = Profile(str(data["namn"]), str(data.get("beskrivning", "")), chapters,
                       data.get("andra_kapitel", "tillåtna"), levels,
                       data.get("kräver_innehåll", levels[-1]), path)
    except (OSError, UnicodeDecodeError, YAMLError, KeyError, TypeError, AttributeError, IndexError,
            re.error) as exc:
        from vplan.errors import UsageError

        mark = getattr(exc, "problem_mark", None)
        if isinstance(exc, KeyError):
            what = f"nyckeln {exc} saknas"
        elif isinstance(exc, YAMLError):
            what = f"YAML-fel på rad {mark.line + 1}" if mark else "YAML-fel"
        elif isinstance(exc, re.error):
            what = f"ett mönster går inte att använda: {exc}"
        else:
            what = "fel form: se exemplen"
        raise UsageError(f"Strukturprofilen {path} går inte att läsa ({what}).",
                         "Rätta profilen efter exemplen i schema/profiles/, eller ta bort den så att "
                         "vplans inbyggda profil används.") from None
    _cache[path] = prof
    return prof
