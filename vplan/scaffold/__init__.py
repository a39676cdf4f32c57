"""`vplan init`: a new region repository that passes check and build at once.

It holds a first plan, the region's own house style and structure profile
(copies of the built-in standard ones, every key explained in Swedish), the
project settings, pre-commit hooks, CI for GitHub and GitLab, the git diff
driver's attributes, VS Code settings and a README. Existing files are never
replaced, and nothing is written outside the target folder.
"""
from __future__ import annotations

import datetime
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import UsageError
from vplan.scaffold.content import Region, repository_files

RESERVED = {"standard"}  # a region style named like its base would inherit from itself
_IGNORED = {".git"}  # `git init` first, then `vplan init .`: still an empty folder


@dataclass(frozen=True)
class InitResult:
    root: Path
    plan: str  # the first plan, relative to root; "" when plans/ had plans already
    created: tuple[str, ...]
    kept: tuple[str, ...]  # files that were there already and were left as they were


def slug(text: str) -> str:
    """A name for folders and files: "Region Jämtland Härjedalen" -> "jamtland-harjedalen"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    if len(words) > 1 and words[0] in ("region", "landsting"):
        words = words[1:]
    name = "-".join(words)[:60].strip("-") or "region"
    return f"region-{name}" if name in RESERVED else name


def init_repository(target: Path, *, region: str, board: str = "Regionstyrelsen", year: int | None = None,
                    into_existing: bool = False) -> InitResult:
    """Create the region repository in `target`; see the module docstring."""
    who = Region(_name(region, "--region"), "", _name(board, "--namnd"), _year(year))
    who = Region(who.name, slug(who.name), who.board, who.year)
    root = _prepare(Path(target), into_existing)
    files = {root / rel: data for rel, data in repository_files(who).items()}
    plan_path = root / "plans" / f"{who.slug}-{slug(who.board)}-{who.year}.md"
    if _has_plans(root / "plans"):
        plan_path = None  # a first plan only: a repository with plans gets the rest of the files
    kept = [p for p in [*files, plan_path] if p is not None and os.path.lexists(p)]
    new = {p: d for p, d in files.items() if p not in kept}
    wanted = [*new, *([plan_path] if plan_path else [])]
    for path in wanted:
        _require_inside(path, root)
    folders = {f for p in wanted for f in p.relative_to(root).parents if not (root / f).exists()}
    _create(new)
    plan = ""
    if plan_path is not None:
        try:  # the plan needs the new profile and style in place, so it comes second
            _create({plan_path: _first_plan(who, root).encode("utf-8")})
        except BaseException:
            _remove(new, [root / f for f in folders])  # the repository is made whole or not at all
            raise
        plan = _rel(plan_path, root)
    created = sorted(_rel(p, root) for p in new) + ([plan] if plan else [])
    return InitResult(root, plan, tuple(created), tuple(sorted(_rel(p, root) for p in kept)))


def _has_plans(folder: Path) -> bool:
    return any(name.endswith(".md") for _, _, names in os.walk(folder) for name in names)


def _remove(files, folders) -> None:
    import contextlib

    for path in files:
        path.unlink(missing_ok=True)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _first_plan(who: Region, root: Path) -> str:
    from vplan.cycle.new import new_plan_text

    return new_plan_text(region=who.name, namnd=who.board, year=who.year,
                         profile=who.slug, style=who.slug, root=root)


def _name(text: str, option: str) -> str:
    text = " ".join(str(text).split())
    if not text or len(text) > 100 or any(unicodedata.category(c).startswith("C") for c in text):
        raise UsageError(f"{option} ska vara ett namn på en rad, högst 100 tecken, till exempel "
                         "\"Region Västerbotten\".")
    return text


def _year(year: int | None) -> int:
    if year is None:  # plans are written in the autumn for the coming year
        return datetime.date.today().year + 1
    if not 2000 <= year <= 2100:
        raise UsageError(f"Året {year} går inte att använda.", "Ange budgetåret för den första planen, "
                                                               "till exempel --ar 2026.")
    return year


def _prepare(target: Path, into_existing: bool) -> Path:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} är en fil, inte en mapp.", "Ange en ny mapp, till exempel: vplan init "
                                                              "region-planer --region \"Region X\".")
    if target.is_dir() and not into_existing:
        others = sorted(p.name for p in target.iterdir() if p.name not in _IGNORED)
        if others:
            shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
            raise UsageError(f"Mappen {target} är inte tom ({shown}).",
                             "Ange en ny eller tom mapp, eller lägg till --i-befintlig för att skapa de "
                             "filer som saknas. Filer som redan finns ändras aldrig.")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"Mappen {target} kan inte skapas: {exc.strerror}.") from None
    return target.resolve()


def _require_inside(path: Path, root: Path) -> None:
    from vplan.paths import is_inside

    # the nearest existing folder decides where the file would really land
    folder = next(f for f in (path.parent, *path.parents) if f.exists())
    if not is_inside(folder, root):
        raise UsageError(f"{_rel(folder, root)} är en länk till {os.path.realpath(folder)}, som ligger "
                         "utanför mappen. vplan init skriver bara i den mapp du anger.",
                         "Ta bort länken, eller skapa arkivet i en ny mapp.")


def _create(files: dict[Path, bytes]) -> None:
    from vplan.write import create_all

    try:
        create_all(files)
    except FileExistsError as exc:
        raise UsageError(f"{exc.filename} skapades av något annat medan vplan init körde; inget har ändrats.",
                         "Kör kommandot igen.") from None
    except OSError as exc:
        raise UsageError(f"Filerna kunde inte skrivas ({exc.filename or ''}: {exc.strerror}); "
                         "inget har skapats.", "Kontrollera att du får skriva i mappen och att disken "
                                               "inte är full.") from None


def _rel(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()
