"""Which rule codes run: a project's vplan.toml or [tool.vplan], and a plan's own
`kontroller:` in its front matter. Codes may be prefixes ("VP4"), as in ruff."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import UsageError
from vplan.model import Diagnostic, Severity

CODE = re.compile(r"^VP[0-9]{0,3}$")
KEYS = ("kontrollera", "ignorera")


def protected(code: str) -> bool:
    """VP0xx mean the text could not be read as a plan: turning them off would hide the whole plan."""
    return code.startswith("VP0")


def matches(pattern: str, code: str) -> bool:
    return code.startswith(pattern)


def known(pattern: str) -> bool:
    from vplan.rules import registry

    return bool(CODE.match(pattern)) and any(matches(pattern, c) for c in registry())


def problem(pattern: str, what: str | None = "stängas av") -> tuple[str, str] | None:
    """(message, hint) when `pattern` cannot be used to select or ignore rules; `what` is
    the change a VP0xx code cannot take (None: selecting, which is always allowed)."""
    from vplan.rules import registry

    if not isinstance(pattern, str) or not known(pattern):
        text = pattern if isinstance(pattern, str) else repr(pattern)
        close = (difflib.get_close_matches(text.upper(), list(registry()), n=1, cutoff=0.85)
                 if isinstance(pattern, str) else [])
        hint = f"Menade du ”{close[0]}”?" if close else "Reglerna och deras koder står i docs/regler.md."
        return f"Regeln ”{text}” finns inte.", hint
    if what and all(protected(c) for c in registry() if matches(pattern, c)):
        which = f"Regeln ”{pattern}”" if len(pattern) == 5 else f"Reglerna som börjar med ”{pattern}”"
        return (f"{which} kan inte {what}: de betyder att planen inte går att läsa."
                if len(pattern) < 5 else f"{which} kan inte {what}: den betyder att planen inte går att läsa.",
                f"Rätta felet i planen i stället. Koderna VP001–VP014 kan inte {what}.")
    return None


@dataclass(frozen=True)
class Selection:
    """The codes a check reports: selected, minus ignored; VP0xx always."""

    select: tuple[str, ...] = ("VP",)
    ignore: tuple[str, ...] = ()
    plan_select: tuple[str, ...] = ()  # a plan's own kontrollera: back on even if the project ignores them
    plan_ignore: tuple[str, ...] = ()

    def active(self, code: str) -> bool:
        if protected(code):
            return True
        if any(matches(p, code) for p in self.plan_ignore):
            return False
        if any(matches(p, code) for p in self.plan_select):
            return True
        return any(matches(p, code) for p in self.select) and not any(matches(p, code) for p in self.ignore)


# --- the project's file -------------------------------------------------------

def load_project(project_dir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(select, ignore) from vplan.toml, else pyproject.toml's [tool.vplan]; defaults when neither."""
    own = project_dir / "vplan.toml"
    if own.is_file():
        return _from_file(own, ())
    py = project_dir / "pyproject.toml"
    if py.is_file():
        return _from_file(py, ("tool", "vplan"))
    return ("VP",), ()


def _from_file(path: Path, table: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    import tomllib

    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise UsageError(f"{name} är inte sparad som UTF-8.", "Spara filen som UTF-8.") from None
    except OSError as exc:
        raise UsageError(f"{name} kan inte läsas: {exc.strerror}.") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message is English; keep only where it stopped
        at = re.search(r"line (\d+)", str(exc))
        where = f"{name}:{at.group(1) if at else len(text.rstrip(chr(10)).split(chr(10)))}"
        raise UsageError(f"{where}: Filen går inte att läsa som TOML.",
                         "Kontrollera citattecken och hakparenteser. Skriv listor som "
                         "ignorera = [\"VP404\", \"VP2\"].") from None
    for key in table:
        data = data.get(key, {}) if isinstance(data, dict) else {}
    if not isinstance(data, dict):
        raise UsageError(f"{name}: [{'.'.join(table)}] ska vara en tabell.", "Skriv [tool.vplan] på en egen rad.")
    where = f" i [{'.'.join(table)}]" if table else ""
    for key in data:
        if key == "tool" and not table:
            raise UsageError(f"{name}:{_line(text, key)}: I vplan.toml skrivs inställningarna utan [tool.vplan].",
                             "Ta bort raden [tool.vplan]. Den behövs bara i pyproject.toml.")
        if key not in KEYS:
            meant = {"select": "kontrollera", "ignore": "ignorera"}.get(key)  # ruff's names
            raise UsageError(f"{name}:{_line(text, key)}: Okänd inställning ”{key}”{where}.",
                             f"Menade du {meant}?" if meant else "Inställningarna är kontrollera och ignorera.")
    lists = {}
    for key in KEYS:
        value = data.get(key, ["VP"] if key == "kontrollera" else [])
        if not isinstance(value, list):
            raise UsageError(f"{name}:{_line(text, key)}: Inställningen {key} ska vara en lista med regelkoder.",
                             f"Skriv till exempel {key} = [\"VP404\"].")
        for code in value:
            found = problem(code, "stängas av" if key == "ignorera" else None)
            if found is not None:
                raise UsageError(f"{name}:{_line(text, str(code))}: {found[0]}", found[1])
        lists[key] = tuple(value)
    return lists["kontrollera"], lists["ignorera"]


def _line(text: str, word: str) -> int:
    """The first line with `word` quoted, else as a key: tomllib keeps no positions."""
    lines = [ln.split("#")[0] for ln in text.split("\n")]
    for wanted in (f'"{word}"', f"'{word}'"):
        for n, line in enumerate(lines, 1):
            if wanted in line:
                return n
    for n, line in enumerate(lines, 1):
        if re.match(rf"\s*{re.escape(word)}\s*=", line) or line.strip() == f"[{word}]" \
                or line.strip().startswith(f"[{word}."):
            return n
    return 1


def _display(path: Path) -> str:
    import os

    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# --- a plan's own front matter ------------------------------------------------

def for_plan(base: Selection, meta) -> tuple[Selection, list[Diagnostic]]:
    """The project's selection with the plan's `kontroller:` applied, and any unknown codes."""
    own = meta.kontroller or {}
    diags, lists = [], {}
    for key in KEYS:
        good = []
        for i, code in enumerate(own.get(key, ())):
            found = problem(code, "stängas av" if key == "ignorera" else None)
            if found is None:
                good.append(code)
            else:
                diags.append(Diagnostic("VP011", Severity.ERROR, found[0], meta.at(f"kontroller.{key}.{i}"),
                                        found[1]))
        lists[key] = tuple(good)
    return Selection(base.select, base.ignore, lists["kontrollera"], lists["ignorera"]), diags
