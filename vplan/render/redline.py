"""vplan build --redline REV: the current plan with its changes since REV marked.

The plan as git had it at REV and the plan on disk are both read with the
reader and paired with vplan.diff's matching (redline_pairs). The current
plan's template nodes are then built with the changes marked (redline_context)
and rendered by the house style's own templates, after an opening part
(_andringar.md.j2): which version it is compared with, a legend and a summary
of the changes. Each format gets its own Markdown (redline_marks), so each
can carry a cue that does not rely on colour or on the line alone.

The documents are written beside the official ones, as
dist/<plan>.andringar.<format>, and never over them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import UsageError
from vplan.options import Options
from vplan.render.build import (
    BuildResult, Output, PlanBuild, Prepared, check_before_build, check_names, finish_build, git_facts,
    render_formats, render_meta, source_epoch, style_hash,
)

SUFFIX = "andringar"
INTRO = "_andringar.md.j2"
INTRO_ID = "andringsmarkering"


@dataclass(frozen=True)
class Revision:
    """The git version a marked-up document is compared with."""

    repo: Path
    name: str  # as the user wrote it: a tag, a branch, HEAD~2, a hash
    commit: str
    date: str  # the commit's date, ÅÅÅÅ-MM-DD

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def label(self) -> str:
        """"a1b2c3d (2024-11-20)", or "v-forslag (a1b2c3d, 2024-11-20)" for a name."""
        if self.commit.startswith(self.name.lower()):
            return f"{self.short} ({self.date})"
        return f"{self.name} ({self.short}, {self.date})"


def build_redline(paths=(), *, revision: str, options: Options) -> BuildResult:
    """Marked-up documents for every plan named (default: plans/) against `revision`."""
    from vplan.api import collect

    files = collect(paths, options)
    check_names(files)
    rev = resolve(revision, options, files)
    return BuildResult(tuple(redline_plan(f, rev, options=options) for f in files))


def resolve(revision: str, options: Options, files=()) -> Revision:
    """The commit `revision` names, in the repository that holds the plans."""
    from vplan.diff import gitio

    starts = [Path(f).resolve().parent for f in files[:1]] + [options.project_dir, Path.cwd()]
    repo = next((r for r in map(gitio.root, starts) if r is not None), None)
    if repo is None:
        raise UsageError("Mappen är inte ett git-arkiv, så det finns ingen äldre version att jämföra med.",
                         "Kör vplan build --redline i arkivet med planerna.")
    if not gitio.is_revision(repo, revision):
        raise UsageError(f"”{revision}” är ingen version i git.",
                         "Ange en gren, en tagg eller en commit, till exempel --redline HEAD~1 eller --redline main.")
    done = gitio._git(["log", "-1", "--format=%H %cs", "--end-of-options", f"{revision}^{{commit}}", "--"], repo)
    commit, date = done.stdout.decode().split()
    return Revision(repo, revision, commit, date)


def redline_plan(path: Path, rev: Revision, *, options: Options) -> PlanBuild:
    """Check one plan, read its older version and write its marked-up documents."""
    checked, facts, refused = check_before_build(path, options)
    if refused:
        return refused
    draft = bool(checked.errors)

    def produce():
        commit, commit_time = git_facts(Path(path))
        old = older_plan(Path(path), rev, options)
        epoch = source_epoch(options, commit_time)
        prepared = {fmt: prepare(checked.plan, old, Path(path), rev, fmt=fmt, options=options, draft=draft,
                                 epoch=epoch) for fmt in options.formats}
        first = next(iter(prepared.values()))
        facts.update(house_style=first.style.name, style_sha256=style_hash(first.style), git_commit=commit)
        if first.diagnostics:
            return first.diagnostics
        return write_outputs(Path(path), _render(prepared), options)

    return finish_build(checked, facts, draft, produce)


def older_plan(path: Path, rev: Revision, options: Options):
    """The plan as it was at `rev`; None when it did not exist then (everything is new)."""
    from vplan.diff import _read, gitio
    from vplan.render.errors import RenderError

    name = _repo_path(path, rev.repo)
    if name is None:
        raise RenderError(f"planen ligger utanför git-arkivet {rev.repo}")
    name = _older_name(rev, name)
    if name is None:
        return None
    data = gitio.read(rev.repo, rev.commit, name)
    plan, errors = _read(name, data, str(options.schema_dir))
    if plan is None:
        first = errors[0] if errors else None
        why = f"{first.message.rstrip('.')} (rad {first.pos.line}). " if first else ""
        raise RenderError(f"planen går inte att läsa i versionen {rev.label}",
                          f"{why}Välj en version där planen går att läsa.")
    return plan


def _repo_path(path: Path, repo: Path) -> str | None:
    try:
        return path.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return None


def _older_name(rev: Revision, name: str) -> str | None:
    """The plan's path at `rev`: the same, or the one git sees it renamed from, or None."""
    from vplan.diff import gitio

    listed = gitio._git(["ls-tree", "--name-only", "-z", rev.commit, "--", name], rev.repo).stdout
    if listed.split(b"\0")[0].decode("utf-8", "surrogateescape") == name:
        return name
    folder = str(Path(name).parent) if Path(name).parent != Path(".") else "."
    for change in gitio.changed_files(rev.repo, rev.commit, None, [folder]):
        if change.status == "R" and change.new_path == name:
            return change.old_path
    return None


# --- preparing the Markdown ---------------------------------------------------------

def prepare(plan, old, path: Path, rev: Revision, *, fmt: str, options: Options, draft: bool,
            epoch: int | None) -> Prepared:
    """The marked-up pandoc Markdown for one format, with the cover facts and house style."""
    from vplan.render import markdown as md
    from vplan.render.context import document_context
    from vplan.render.housestyle import BUILTIN_DIR, load_house_style
    from vplan.render.redline_context import RedlineBuilder
    from vplan.render.redline_marks import marks_for
    from vplan.render.redline_pairs import Pairing
    from vplan.render.safety import Cleaner, check_logo

    style = load_house_style(plan.meta.mall, options.template_dirs)
    cleaner = Cleaner(options.project_dir, path.resolve().parent)
    old_cleaner = Cleaner(options.project_dir, path.resolve().parent)  # its findings are the old plan's
    logo = check_logo(style, options.project_dir, BUILTIN_DIR)
    if logo:
        cleaner.diagnostics.append(logo)
    words = md.words(style.folders)
    marks = marks_for(fmt, words, style.colours.mark)
    pairing = Pairing(old, plan)
    made: list = []

    def builder(new_plan, clean, merged):
        made.append(RedlineBuilder(new_plan, clean, merged, pairing=pairing, marks=marks,
                                   clean_old=old_cleaner.clean))
        made[0].ids.add(INTRO_ID)
        return made[0]

    context = document_context(plan, clean=cleaner.clean, words=words, draft_errors=draft, builder=builder)
    context["andringar"] = intro_context(plan, old, rev, made[0], marks, style, fmt)
    text = md.render_document(context, style.folders, INTRO) + "\n" + md.render_document(context, style.folders)
    meta = render_meta(plan, draft=draft, epoch=epoch)
    meta = dataclasses.replace(meta, subtitle=f"{meta.subtitle} · {note(rev)}")
    return Prepared(text, meta, style, tuple(cleaner.diagnostics))


def note(rev: Revision) -> str:
    return f"Ändringsmarkerad version jämfört med {rev.label}"


def intro_context(plan, old, rev: Revision, builder, marks, style, fmt: str) -> dict:
    """What _andringar.md.j2 shows: the version compared with, the legend, the changes."""
    from vplan.render._meta import literal
    from vplan.render.engines import typst_string
    from vplan.render.markdown import Md, escape
    from vplan.render.redline_summary import summary

    words = builder.words
    return {
        "ankare": Md("{#" + INTRO_ID + " .unnumbered}"),
        "not": escape(note(rev)),
        "yaml_not": Md(json.dumps(literal(note(rev)), ensure_ascii=False)),
        "yaml_sidtitel": Md(json.dumps(literal(f"{plan.meta.titel} – ändringsmarkerad version"), ensure_ascii=False)),
        "version": escape(rev.label),
        "gammal_status": escape(old.meta.status) if old is not None else None,
        "ny_plan": old is None,
        "etiketter_synliga": fmt != "html",
        "ord_tillagt": escape(marks.added), "ord_borttaget": escape(marks.removed),
        "exempel": Md(f"{marks.delete(escape('borttagen text'))} {marks.ins(escape('tillagd text'))}"),
        "typst": {"farg": Md(typst_string(style.colours.mark)),
                  "tillagt": Md(typst_string(words.get("tillagt", marks.added) + ":")),
                  "borttaget": Md(typst_string(words.get("borttaget", marks.removed) + ":"))},
        **summary(old, plan, marks),
    }


def _render(prepared: dict) -> dict[str, bytes]:
    """Each format from its own Markdown, side by side."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, len(prepared))) as pool:
        futures = {fmt: pool.submit(render_formats, p, (fmt,), parallel=False) for fmt, p in prepared.items()}
        return {fmt: f.result()[fmt] for fmt, f in futures.items()}


def output_path(source: Path, fmt: str, options: Options) -> Path:
    return options.dist_dir / f"{source.stem}.{SUFFIX}.{fmt}"


def write_outputs(source: Path, rendered: dict[str, bytes], options: Options) -> tuple[Output, ...]:
    from vplan.write import write_all

    files = {output_path(source, fmt, options): data for fmt, data in rendered.items()}
    real_source = source.resolve()
    if any(p.resolve() == real_source for p in files):
        raise UsageError(f"vplan skriver aldrig över en plan: {source}.")
    write_all(files)
    return tuple(Output(fmt, output_path(source, fmt, options), len(data), hashlib.sha256(data).hexdigest())
                 for fmt, data in rendered.items())

