"""One frozen settings object, passed keyword-only through the API."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path


def user_cache_dir() -> Path | None:
    """vplan's cache folder: VPLAN_CACHE_DIR (or None when it says "av"), else the platform's."""
    import os
    import sys

    named = os.environ.get("VPLAN_CACHE_DIR")
    if named is not None:
        off = named.strip().lower() in ("", "0", "av", "nej", "off", "no", "false")
        return None if off else Path(named).expanduser()
    try:
        if sys.platform == "win32":
            return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "vplan" / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "vplan"
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vplan"
    except RuntimeError:  # no home folder to find: no cache
        return None


def _builtin(name: str) -> Path:
    from vplan.paths import builtin

    return builtin(name)


@dataclass(frozen=True)
class Options:
    """Where to find a project's data, and how strict to be.

    `project_dir` is the repository root of the plans (it holds plans/,
    templates/ and schema/); its own templates and profiles win over the
    built-in ones shipped with vplan.
    """

    project_dir: Path = field(default_factory=Path.cwd)
    strict: bool = False
    formats: tuple[str, ...] = ("html", "docx", "pdf")
    out_dir: Path | None = None
    draft: bool = False
    jobs: int | None = None
    source_date_epoch: int | None = None
    # Rule codes or prefixes ("VP4"), as in ruff: from vplan.toml or [tool.vplan].
    select: tuple[str, ...] = ("VP",)
    ignore: tuple[str, ...] = ()
    # -q (-1), normal (0), -v (1); and --color auto|always|never: set on every command by vplan.cli.
    verbosity: int = 0
    color: str = "auto"
    # Where drawn charts are kept between builds (vplan.followup.report.cache); None: draw every time.
    cache_dir: Path | None = field(default_factory=user_cache_dir)

    def __post_init__(self) -> None:
        # pandoc runs in a folder of its own: a relative project folder would name other files there
        object.__setattr__(self, "project_dir", Path(self.project_dir).absolute())

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0

    @property
    def verbose(self) -> bool:
        return self.verbosity > 0

    @classmethod
    def for_project(cls, project_dir: Path, **kw) -> "Options":
        """Options for a project, with the rule selection its own config file makes."""
        from vplan.config import load_project

        select, ignore = load_project(project_dir)
        return cls(project_dir=project_dir, select=select, ignore=ignore, **kw)

    @property
    def schema_dir(self) -> Path:
        own = self.project_dir / "schema"
        return own if (own / "framsida.schema.json").exists() else _builtin("schema")

    @property
    def profile_dirs(self) -> tuple[Path, ...]:
        return (self.project_dir / "schema" / "profiles", _builtin("schema") / "profiles")

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        return (self.project_dir / "templates", _builtin("templates"))

    @property
    def dist_dir(self) -> Path:
        """Where documents go; a dist/ in the project that is a link to elsewhere is refused
        (a folder named outside the project with --out is the user's own choice)."""
        from vplan.paths import plan_root, real, require_inside

        folder = self.out_dir or self.project_dir / "dist"
        if plan_root(folder, self.project_dir) == real(self.project_dir):
            require_inside(folder, self.project_dir, "Utdatamappen",
                           "Ta bort länken (vplan skapar dist/ själv), eller ange en mapp med --out.")
        return folder

    def with_(self, **changes) -> "Options":
        return replace(self, **changes)


def find_project_dir(start: Path) -> Path:
    """The nearest folder at or above `start` with plans/ or a .git, else `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "plans").is_dir() or (folder / ".git").exists():
            return folder
    return start
