"""vplan build --redline REV: the current plan with its changes since REV marked.

The plan as git had it at REV and the plan on disk are both read with the
reader and paired with vplan.diff's matching (redline_pairs). The current
plan's document tree is then built with the changes marked (redline_document),
after an opening chapter (redline_summary): which version it is compared with,
a legend and a summary of the changes. Each format gets its own copy of the
tree with the marks made concrete (redline_marks), so each can carry a cue
that does not rely on colour or on the line alone.

The documents are written beside the official ones, as
dist/<plan>.andringar.<format>, and never over them.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import UsageError
from vplan.options import Options
from vplan.render.build import (
    BuildResult, Output, PlanBuild, Prepared, check_before_build, check_names, finish_build, git_facts,
    render_formats, render_meta, source_epoch, style_hash,
)

SUFFIX = "andringar"


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

    from vplan.render import _typst

    _typst.require_for(options.formats)
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
        prepared = prepare(checked.plan, old, Path(path), rev, options=options, draft=draft, epoch=epoch)
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


# --- preparing the trees ------------------------------------------------------------

def prepare(plan, old, path: Path, rev: Revision, *, options: Options, draft: bool,
            epoch: int | None) -> dict[str, Prepared]:
    """The marked-up document tree for each format, with the cover facts and house style."""
    from vplan.render.build import house_style, refusals
    from vplan.render.redline_document import RedlineBuilder
    from vplan.render.redline_pairs import Pairing

    style, words = house_style(plan, options)
    builder = RedlineBuilder(plan, pairing=Pairing(old, plan), words=words, style=style, root=options.project_dir,
                             base_dir=path.resolve().parent, draft=draft)
    body = builder.blocks()
    refused = refusals(builder, style, options, draft=draft)
    meta = render_meta(plan, draft=draft, epoch=epoch)
    meta = dataclasses.replace(meta, subtitle=f"{meta.subtitle} · {note(rev)}")
    return {fmt: Prepared(tree(fmt, body, plan, old, rev, words, style), meta, style, refused)
            for fmt in options.formats}


def tree(fmt: str, body: list, plan, old, rev: Revision, words, style) -> dict:
    """One format's document: the opening chapter, then the body, every mark made concrete for `fmt`."""
    from vplan.render.redline_document import INTRO_ID
    from vplan.render.redline_marks import marks_for, typst_helpers
    from vplan.render.redline_summary import intro
    from vplan.render.tree import nodes as n

    marks = marks_for(fmt, words, style.colours.mark)
    start = intro(old, plan, version=rev.label, visible_labels=fmt != "html", added=marks.added,
                  removed=marks.removed, anchor=INTRO_ID)
    helpers = [typst_helpers(marks, style.colours.mark)] if marks.flavour == "typst" else []
    meta = {"andringsmarkering": n.meta_inlines(note(rev)),
            "pagetitle": n.meta_inlines(f"{plan.meta.titel} – ändringsmarkerad version")}
    return n.document(helpers + marks.apply(start + body), meta)


def note(rev: Revision) -> str:
    return f"Ändringsmarkerad version jämfört med {rev.label}"


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

