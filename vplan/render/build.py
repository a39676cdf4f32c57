"""vplan build: plans that pass the check -> one document tree -> HTML, DOCX and PDF in dist/.

One plan goes read -> check -> document tree (vplan.render.tree) -> one engine
call per format -> atomic write. Every output of a plan is rendered into memory first
and written together, so a failed render leaves the previous files untouched.
"""
from __future__ import annotations

import functools
import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from vplan.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError
from vplan.model import Diagnostic, Plan
from vplan.options import Options

FORMATS = ("html", "docx", "pdf")
# Findings that stop even a draft: the engines cannot take such a text.
UNBUILDABLE = frozenset({"VP421"})
DRAFT_STAMP = "UTKAST – innehåller fel"

BUILT, DRAFT, REFUSED, FAILED, UNCHANGED = "byggd", "utkast", "fel", "misslyckad", "oförändrad"
STATUS_WORDS = {BUILT: "Byggd", DRAFT: "Utkast byggt", REFUSED: "Har fel, byggs inte",
                FAILED: "Misslyckades", UNCHANGED: "Oförändrad"}


@dataclass(frozen=True)
class Output:
    format: str
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class PlanBuild:
    """What happened to one plan. Plain data, so it can cross a process boundary."""

    source: str  # the plan as the user named it
    status: str  # BUILT, DRAFT, REFUSED, FAILED or UNCHANGED
    outputs: tuple[Output, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    lines: tuple[str, ...] = ()  # source lines, for the check report's excerpts
    message: str | None = None  # why a render failed: the step and what it said
    source_sha256: str | None = None
    house_style: str | None = None
    style_sha256: str | None = None
    git_commit: str | None = None
    kind: str = "plan"  # or "uppföljning": how the report names the file


@dataclass(frozen=True)
class BuildResult:
    plans: tuple[PlanBuild, ...]

    def with_status(self, *statuses: str) -> list[PlanBuild]:
        return [p for p in self.plans if p.status in statuses]

    @property
    def exit_code(self) -> int:
        if self.with_status(FAILED):
            return EXIT_USAGE
        return EXIT_FINDINGS if self.with_status(REFUSED) else EXIT_OK


@dataclass(frozen=True)
class Prepared:
    """A plan ready for the engines: its document tree, cover facts and house style."""

    document: dict  # pandoc's JSON document tree (vplan.render.tree)
    meta: object  # vplan.render.engines.RenderMeta
    style: object  # vplan.render.housestyle.HouseStyle
    diagnostics: tuple[Diagnostic, ...] = field(default=())


def build(paths=(), *, options: Options) -> BuildResult:
    """Build every plan named (default: plans/) into options.dist_dir."""
    from vplan.api import collect

    from vplan.render import _typst

    _typst.require_for(options.formats)
    files = collect(paths, options)
    check_names(files)
    return BuildResult(tuple(build_plan(f, options=options) for f in files))


def check_names(files: list[Path]) -> None:
    """Two plans with the same file name would overwrite each other's documents (also where
    the file system ignores case or how å is written, as on Windows and macOS)."""
    seen: dict[str, Path] = {}
    for f in files:
        other = seen.setdefault(name_key(f.stem), f)
        if other != f:
            raise UsageError(f"Två planer heter {f.stem}: {other} och {f}. Dokumenten skulle skriva över "
                             "varandra.", "Byt namn på den ena filen, eller bygg dem var för sig med --out.")


def name_key(name: str) -> str:
    """What two document names must not share: "Å" and "å", composed or not, are one name."""
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold()


def check_before_build(path: Path, options: Options):
    """(checked, facts, refusal): a plan is built only if it passes check, or with --draft."""
    from vplan import paths
    from vplan.api import load

    checked = load(path, options=options)
    digest = checked.plan.source_sha256 if checked.plan else paths.digest(path)  # a FIFO must not hang
    facts = {"source_sha256": digest, "lines": checked.lines, "kind": checked.kind}
    blocked = any(d.code in UNBUILDABLE for d in checked.errors)
    if checked.plan is None or (checked.errors and not options.draft) or blocked:
        return checked, facts, PlanBuild(checked.path, REFUSED, diagnostics=checked.diagnostics, **facts)
    return checked, facts, None


def build_plan(path: Path, *, options: Options, parallel: bool = True) -> PlanBuild:
    """Check one plan and, if it may be built, render and write its documents."""
    checked, facts, refused = check_before_build(path, options)
    if refused:
        return refused
    draft = bool(checked.errors)
    if checked.followup is not None:  # a follow-up: its report (vplan.followup.report)
        from vplan.followup.report import build as report

        if checked.followup.plan is None:
            return PlanBuild(checked.path, REFUSED, diagnostics=checked.diagnostics, **facts)
        facts["source_sha256"] = report.source_digest(Path(path), options)
        return finish_build(checked, facts, draft,
                            lambda: report.produce(checked, Path(path), facts, options=options, draft=draft))

    def produce():
        commit, commit_time = git_facts(Path(path))
        prepared = prepare(checked.plan, Path(path), options=options, draft=draft,
                           epoch=source_epoch(options, commit_time))
        facts.update(house_style=prepared.style.name, style_sha256=style_hash(prepared.style),
                     git_commit=commit)
        if prepared.diagnostics:
            return prepared.diagnostics
        return write_outputs(Path(path), render_formats(prepared, options.formats, parallel=parallel), options)

    return finish_build(checked, facts, draft, produce)


def finish_build(checked, facts: dict, draft: bool, produce) -> PlanBuild:
    """Run `produce` (render and write: the outputs, or diagnostics that refuse the plan)
    and turn its outcome or failure into a PlanBuild naming the plan and the step."""
    from vplan import paths
    from vplan.render.errors import RenderError

    source = checked.path
    try:
        result = produce()
    except RenderError as err:
        return PlanBuild(source, FAILED, diagnostics=checked.diagnostics, message=str(err), **facts)
    except OSError as err:
        return PlanBuild(source, FAILED, diagnostics=checked.diagnostics,
                         message=f"dokumenten kunde inte skrivas: {paths.reason(err)} ({err.filename})", **facts)
    if result and isinstance(result[0], Diagnostic):
        found = tuple(d for d in result if d not in checked.diagnostics)
        return PlanBuild(source, REFUSED, diagnostics=checked.diagnostics + found, **facts)
    return PlanBuild(source, DRAFT if draft else BUILT, result, checked.diagnostics, **facts)


def prepare(plan: Plan, path: Path, *, options: Options, draft: bool = False,
            epoch: int | None = None) -> Prepared:
    """Plan -> document tree and cover facts, with the house style it names."""
    from vplan.render.tree.document import document_tree

    style, words = house_style(plan, options)
    tree, builder = document_tree(plan, words=words, style=style, root=options.project_dir,
                                  base_dir=path.resolve().parent, draft=draft)
    return Prepared(tree, render_meta(plan, draft=draft, epoch=epoch), style,
                    refusals(builder, style, options, draft=draft))


def house_style(plan: Plan, options: Options):
    """The house style the plan names, and its words with the defaults filled in."""
    from vplan.render.housestyle import load_house_style
    from vplan.render.tree.words import house_words, words_with_defaults

    style = load_house_style(plan.meta.mall, options.template_dirs)
    return style, words_with_defaults(house_words(style.folders))


def refusals(builder, style, options: Options, *, draft: bool) -> tuple[Diagnostic, ...]:
    """What keeps a built tree from being written: unsafe prose, a logo leading out of the repository."""
    from vplan.model import Severity
    from vplan.render.housestyle import builtin_dir
    from vplan.render.safety import check_logo

    # check makes the same walk and refuses such a plan; a draft is built with the
    # unsafe parts shown as text, so only a plain build is refused here.
    found = [] if draft else [d for d in builder.diagnostics if d.severity == Severity.ERROR]
    logo = check_logo(style, options.project_dir, builtin_dir())
    return tuple(found + ([logo] if logo else []))


def render_meta(plan: Plan, *, draft: bool, epoch: int | None):
    """The cover facts the engines print: title, region, status, decision, date."""
    from vplan import typography
    from vplan.read.plan import valid_iso_date
    from vplan.render.engines import RenderMeta

    m = plan.meta
    decision = None
    if m.beslut and valid_iso_date(m.beslut.datum):
        decision = f"{m.beslut.organ} {typography.long_date(m.beslut.datum)}"
        decision += f", {m.beslut.paragraf}" if m.beslut.paragraf else ""
    status = "utkast" if draft else (m.status if m.status in ("utkast", "förslag", "beslutad") else "utkast")
    subtitle = f"Planperiod {typography.period(m.fran, m.till)}"
    return RenderMeta(
        title=m.titel, region=m.region, board=m.namnd, status=status,
        subtitle=f"{subtitle} · {DRAFT_STAMP}" if draft else subtitle,
        diary_number=m.diarienummer, decision=decision if m.status == "beslutad" and not draft else None,
        date=m.datum if m.datum and valid_iso_date(str(m.datum)) else None,
        lang=m.sprak or "sv", source_date_epoch=epoch,
        compiled_by=m.upprattad_av.line if getattr(m, "upprattad_av", None) else None,
    )


def render_formats(prepared: Prepared, formats, *, parallel: bool = True) -> dict[str, bytes]:
    """Bytes per format, one engine call each; the formats run side by side when allowed."""
    from vplan.render import engines
    from vplan.render.errors import RenderError
    from vplan.render.safety import verify_html

    def one(fmt: str) -> bytes:
        data = engines.RENDERERS[fmt](prepared.document, prepared.meta, prepared.style)
        if fmt == "html":
            problem = verify_html(data)
            if problem:
                raise RenderError("säkerhetskontrollen av HTML-filen", f"filen innehöll {problem}")
        return data

    if parallel and len(formats) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=len(formats)) as pool:
            futures = {fmt: pool.submit(one, fmt) for fmt in formats}
            return {fmt: f.result() for fmt, f in futures.items()}
    return {fmt: one(fmt) for fmt in formats}


def write_outputs(source: Path, rendered: Mapping[str, bytes], options: Options) -> tuple[Output, ...]:
    from vplan.write import write_all

    folder = options.dist_dir
    files = {folder / f"{source.stem}.{fmt}": data for fmt, data in rendered.items()}
    real_source = source.resolve()
    if any(p.resolve() == real_source for p in files):
        raise UsageError(f"vplan skriver aldrig över en plan: {source}.")
    write_all(files)
    return tuple(Output(fmt, folder / f"{source.stem}.{fmt}", len(data), hashlib.sha256(data).hexdigest())
                 for fmt, data in rendered.items())


# --- reproducibility ---------------------------------------------------------

def git_facts(path: Path) -> tuple[str | None, int | None]:
    """The last commit that touched the plan, and its time; (None, None) outside git."""
    from vplan.diff.gitio import safe_env

    folder = path.resolve().parent
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--no-show-signature", "--format=%H %ct", "--", path.name],
            cwd=folder, capture_output=True, text=True, timeout=20, check=False, env=safe_env(folder),
        )
    except (OSError, subprocess.SubprocessError):
        return None, None
    parts = done.stdout.split()
    if done.returncode != 0 or len(parts) != 2 or not parts[1].isdigit():
        return None, None
    return parts[0], int(parts[1])


def source_epoch(options: Options, commit_time: int | None) -> int | None:
    """SOURCE_DATE_EPOCH, else the plan's last commit; None lets the engines use the plan's date."""
    if options.source_date_epoch is not None:
        return options.source_date_epoch
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    return commit_time


def style_hash(style) -> str:
    """sha256 over every file the house style's folders hold (names and bytes)."""
    return _folders_hash(tuple(style.folders))


@functools.lru_cache(maxsize=32)
def _folders_hash(folders: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for f in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            digest.update(f.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()
