"""What the CLI and the tests call: load, check (build, fmt and diff live beside)."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from vplan.model import Diagnostic, Plan, Pos, Severity
from vplan.options import Options

SKIP_NAMES = {"readme.md", "changelog.md"}


@dataclass(frozen=True)
class FileResult:
    path: str
    plan: Plan | None
    diagnostics: tuple[Diagnostic, ...]
    lines: tuple[str, ...]  # the source lines, for excerpts in reports
    read: bool = True  # False: the plan could not be read at all, so its rules did not run
    followup: object | None = None  # vplan.followup.model.Followup, when the file is a follow-up
    kind: str = "plan"  # "plan" or "uppföljning": how the report names the file

    @property
    def errors(self):
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


@dataclass(frozen=True)
class CheckResult:
    files: tuple[FileResult, ...]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def exit_code(self, strict: bool = False) -> int:
        bad = self.count(Severity.ERROR) + (self.count(Severity.WARNING) if strict else 0)
        return EXIT_FINDINGS if bad else EXIT_OK


def display_path(path: Path) -> str:
    from vplan.paths import shown

    return shown(path)


def collect(paths, options: Options) -> list[Path]:
    """Plan files named or found below the given folders (default: plans/)."""
    from vplan.paths import plan_root, real, require_inside

    if not paths:  # the plans, and their follow-ups when there are any
        paths = [options.project_dir / "plans"]
        followups = options.project_dir / "uppfoljning"
        if followups.is_dir() and any(followups.glob("*.md")):
            paths.append(followups)
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and plan_root(p, options.project_dir) == real(options.project_dir):
            require_inside(p, options.project_dir, "Mappen")  # plans/ linked to a folder elsewhere
        if p.is_dir():
            inside = sorted(f for f in p.rglob("*.md")
                            if f.name.lower() not in SKIP_NAMES and not any(
                                part.startswith(".") for part in f.relative_to(p).parts))
            if not inside:
                raise UsageError(f"Mappen {display_path(p)} innehåller inga planer (.md-filer).",
                                 "Ange en mapp med planer, till exempel plans/.")
            found += inside
        elif p.exists():  # a FIFO or device too: load() refuses it without reading
            found.append(p)
        else:
            raise UsageError(f"Filen eller mappen {raw} finns inte.", "Kontrollera sökvägen.")
    return found


def load(path: Path, *, options: Options, lines: bool = True) -> FileResult:
    """Read one plan and run every rule over it. lines=False: the source lines only with findings."""
    from vplan.paths import NotRegular, read_regular, reason

    name = display_path(path)
    refused = _refuse(path, name, options)
    if refused is not None:
        return FileResult(name, None, (refused,), (), read=False)
    try:
        data = read_regular(path)
    except NotRegular:
        return FileResult(name, None, (Diagnostic(
            "VP003", Severity.ERROR, "Filen är ingen vanlig fil (den är till exempel en namngiven pipe eller en enhet).",
            Pos(name, 1, 1), "Planer ska vara vanliga textfiler (.md). Ta bort filen eller byt namn på den."),), (),
            read=False)
    except OSError as exc:
        raise UsageError(f"Filen {name} kan inte läsas: {reason(exc)}.",
                         "Kontrollera att filen finns och att du har behörighet att läsa den.") from None
    from vplan.followup.read import looks_like_followup

    if looks_like_followup(Path(name).parts, data):
        from vplan.followup.load import check_followup

        return check_followup(name, path, data, options=options)
    return check_bytes(name, data, options=options, lines=lines)


def check_bytes(name: str, data: bytes, *, options: Options, lines: bool = True) -> FileResult:
    """Read and check a plan held in memory (a plan about to be written, say) as if it were the file `name`.
    lines=False: the source lines only when there are findings."""
    from vplan.profiles import ProfileError, load_profile
    from vplan.read import read_text
    from vplan.read.limits import cap_findings
    from vplan.rules import Context, run_rules

    plan, diags = read_text(name, data, str(options.schema_dir))
    if plan is not None:
        try:
            profile = load_profile(plan.meta.profil, options.profile_dirs, options.project_dir)
        except ProfileError:
            profile = None
        diags = _select(diags + run_rules(Context(plan, profile, options)), plan, profile, options)
    diags = sorted(dict.fromkeys(diags), key=Diagnostic.sort_key)  # stable: same input, same order
    diags = cap_findings(diags, name)
    # The lines show findings in context (and a build records them); a clean plan checked needs none.
    shown = tuple(data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")) if lines or diags else ()
    return FileResult(name, plan, tuple(diags), shown, read=plan is not None)


def _refuse(path: Path, name: str, options: Options) -> Diagnostic | None:
    """VP008 for a plan that is a link leading out of the project (or out of its own folder)."""
    from vplan.paths import is_inside, plan_root, real

    root = plan_root(path, options.project_dir)
    if is_inside(path, root):
        return None
    target = os.readlink(path) if os.path.islink(path) else str(real(path))
    return Diagnostic("VP008", Severity.ERROR, f"Planen är en länk till {target}, som ligger utanför projektet.",
                      Pos(name, 1, 1), "Lägg planen i projektet i stället för att länka till den, eller ta bort länken.")


def _select(diags: list[Diagnostic], plan: Plan, profile, options: Options) -> list[Diagnostic]:
    """The profile's severities, then the project's and the plan's own choice of rules."""
    from dataclasses import replace

    from vplan.config import Selection, for_plan, protected

    selection, bad_codes = for_plan(Selection(options.select, options.ignore), plan.meta)
    out = []
    for d in diags:
        severity = d.severity if profile is None or protected(d.code) else profile.severity(d.code, d.severity)
        if severity is not None and selection.active(d.code):
            out.append(d if severity is d.severity else replace(d, severity=severity))
    return out + bad_codes


PARALLEL_FROM = 40  # below this, starting worker processes costs more than it saves


def check(paths=(), *, options: Options, keep_plans: bool = True) -> CheckResult:
    """Check plans; with many files and keep_plans=False, across all cores."""
    from vplan.paths import settled

    with settled():
        return _check(collect(paths, options), options, keep_plans)


def _check(files: list[Path], options: Options, keep_plans: bool) -> CheckResult:
    jobs = options.jobs or os.cpu_count() or 1
    if keep_plans:
        return CheckResult(tuple(load(p, options=options) for p in files))
    if jobs == 1 or len(files) < PARALLEL_FROM:
        # lean here too: a thousand kept plan models make every garbage collection walk them all
        first = [_load_lean(p, options=options) for p in files[:1]]  # imports and compiles what the rest use
        with _frozen_heap():
            return CheckResult(tuple(first + [_load_lean(p, options=options) for p in files[1:]]))
    from functools import partial

    from vplan.workers import reading_pool

    load(files[0], options=options)  # before forking: the workers inherit what it imported and compiled
    # small chunks (some 15 plans of 1 000 on 2 cores): the workers end together, none idles at the end
    chunk = max(1, len(files) // (jobs * 32))
    with _frozen_heap(), reading_pool(jobs) as pool:
        results = pool.map(partial(_load_lean, options=options), files, chunksize=chunk)
        return CheckResult(tuple(results))


@contextmanager
def _frozen_heap():
    """Leave what is alive now (modules, compiled patterns, cached profiles and validators) out of
    garbage collection while plans are read: a collection then walks only what reading made, in
    this process and in workers forked meanwhile. Undone after, for a process that lives on."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _collecting_after():
    """Reading a plan makes tens of thousands of objects and frees nearly all of them by
    reference counting; a garbage collection meanwhile would only walk the growing model.
    Collections wait until the plan is read: a plan's size is capped (read/limits.py), so
    what waits is too."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _load_lean(path: Path, *, options: Options) -> FileResult:
    """load() without the plan, so only diagnostics travel back from a worker."""
    with _collecting_after():
        r = load(path, options=options, lines=False)
        lean = FileResult(r.path, None, r.diagnostics, r.lines if r.diagnostics else (), read=r.read, kind=r.kind)
        # freed by reference counting before collections resume: none is started to walk it
        del r
    return lean
