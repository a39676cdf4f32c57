"""`vplan diff`: what changed in a plan, by meaning rather than by line.

- compare.py: two Plans -> changes (metadata, sections, prose, footnotes)
- blocks.py, tables.py: indicators, assignments, risks, appendices, tables
- match.py, words.py: pairing items across versions, word-level differences
- gitio.py: revisions and file contents from git
- report.py: text (terminal), Markdown (pull requests) and JSON
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from vplan.diff.changes import ADDED, CHANGED, DELETED, UNCHANGED, UNREADABLE, DiffResult, FileDiff
from vplan.errors import UsageError

WORKTREE_LABEL = "arbetskopian"


def _is_followup(path: str, data: bytes | None) -> bool:
    from vplan.followup.read import looks_like_followup

    return data is not None and looks_like_followup(Path(path).parts, data)


def _read(path: str, data: bytes, schema_dir):
    from vplan.model import Severity
    from vplan.read import read_text

    if _is_followup(path, data):  # (document, follow-up meta): see vplan.diff.followup
        from vplan.diff.followup import read

        return read(path, data, schema_dir)

    plan, diags = read_text(path, data, schema_dir)
    errors = [d for d in diags if d.severity is Severity.ERROR and not _only_bom(d)]
    return (plan if not errors else None), errors


def _only_bom(diag) -> bool:
    return diag.code == "VP003" and "BOM" in diag.message


def overview(plan) -> str:
    from vplan.diff.changes import plural

    if isinstance(plan, tuple):  # a follow-up
        doc = plan[0]
        return (f"”{doc.meta.titel}”: " + ", ".join((
            plural(sum(len(b.utfall) for b in doc.blocks() if getattr(b, "kind", "") == "utfall"), "utfall", "utfall"),
            plural(sum(len(b.bedomningar) for b in doc.blocks() if getattr(b, "kind", "") == "bedömning"),
                   "bedömning", "bedömningar"))))

    parts = [plural(len(plan.chapters), "kapitel", "kapitel"),
             plural(sum(1 for _ in plan.indicators()), "indikator", "indikatorer"),
             plural(sum(1 for _ in plan.assignments()), "uppdrag", "uppdrag"),
             plural(sum(1 for _ in plan.tables()), "tabell", "tabeller")]
    return f"”{plan.meta.titel}”: " + ", ".join(parts)


def diff_bytes(path: str, old: bytes | None, new: bytes | None, *, schema_dir: str | None = None,
               old_path: str | None = None, old_label: str = "före", new_label: str = "efter") -> FileDiff:
    """Compare two versions of one plan; None for a side where the plan does not exist."""
    from vplan.diff.compare import diff_plans

    if old is None and new is None:
        return FileDiff(path, UNCHANGED)
    if old is None or new is None:
        plan, _ = _read(path, new if old is None else old, schema_dir)
        status = ADDED if old is None else DELETED
        return FileDiff(path, status, old_path=old_path, title=_title(plan) if plan else None,
                        overview=overview(plan) if plan else None)
    if old == new:
        return FileDiff(path, UNCHANGED, old_path=old_path)
    old_plan, old_errors = _read(old_path or path, old, schema_dir)
    new_plan, new_errors = _read(path, new, schema_dir)
    if old_plan is None or new_plan is None:
        side, errors = (old_label, old_errors) if old_plan is None else (new_label, new_errors)
        first = errors[0] if errors else None
        why = f": {first.message} (rad {first.pos.line})" if first else ""
        warning = f"Planen går inte att läsa i {side}{why} Visar ändrade rader i stället."
        return FileDiff(path, UNREADABLE, old_path=old_path, warning=warning,
                        line_diff=tuple(_line_diff(path, old, new, old_path)))
    if isinstance(old_plan, tuple) != isinstance(new_plan, tuple):
        return FileDiff(path, UNREADABLE, old_path=old_path, warning="Den ena versionen är en plan och den andra "
                        "en uppföljning. Visar ändrade rader i stället.",
                        line_diff=tuple(_line_diff(path, old, new, old_path)))
    if isinstance(new_plan, tuple):
        from vplan.diff.followup import diff_followups

        changes = tuple(diff_followups(old_plan, new_plan))
    else:
        changes = tuple(diff_plans(old_plan, new_plan))
    return FileDiff(path, CHANGED if changes else UNCHANGED, changes, old_path=old_path)


def _title(plan) -> str:
    return (plan[0] if isinstance(plan, tuple) else plan).meta.titel


MAX_LINE_PAIRS = 1_000_000  # changed lines old x new that difflib matches (quadratic) one by one


def _line_diff(path, old: bytes, new: bytes, old_path=None) -> list[str]:
    a = old.decode("utf-8", "replace").splitlines()
    b = new.decode("utf-8", "replace").splitlines()
    from vplan.diff.words import common_ends

    names = (f"a/{old_path or path}", f"b/{path}")
    start, end = common_ends(a, b)
    if (len(a) - start - end) * (len(b) - start - end) <= MAX_LINE_PAIRS:
        return list(difflib.unified_diff(a, b, *names, lineterm=""))
    # A rewrite too large to match line by line: one hunk, the old middle out and the new in.
    lo, a_hi, b_hi = max(0, start - 3), len(a) - max(0, end - 3), len(b) - max(0, end - 3)
    hunk = [f"--- {names[0]}", f"+++ {names[1]}", f"@@ -{lo + 1},{a_hi - lo} +{lo + 1},{b_hi - lo} @@"]
    hunk += [" " + line for line in a[lo:start]]
    hunk += ["-" + line for line in a[start:len(a) - end]]
    hunk += ["+" + line for line in b[start:len(b) - end]]
    hunk += [" " + line for line in a[len(a) - end:a_hi]]
    return hunk


def diff_files(old: Path, new: Path, *, options) -> DiffResult:
    """Two plan files on disk (for example two exports of the same plan)."""
    from vplan.api import display_path

    from vplan.paths import read_regular, reason

    try:
        a, b = read_regular(old), read_regular(new)  # a FIFO is refused, never waited on
    except OSError as exc:
        raise UsageError(f"Filen {exc.filename or old} kan inte läsas: {reason(exc)}.",
                         "Kontrollera att båda filerna är vanliga filer som du får läsa.") from None
    name_a, name_b = display_path(Path(old)), display_path(Path(new))
    fd = diff_bytes(name_b, a, b, schema_dir=str(options.schema_dir), old_label=name_a, new_label=name_b)
    return DiffResult((fd,), name_a, name_b)


def diff_revisions(old: str = "HEAD", new: str | None = None, paths=(), *, options) -> DiffResult:
    """Every plan that differs between revision `old` and `new` (None: the working tree)."""
    from vplan.api import SKIP_NAMES
    from vplan.diff import gitio

    repo = gitio.root(Path.cwd()) or gitio.root(options.project_dir)
    if repo is None:
        raise UsageError("Mappen är inte ett git-arkiv.",
                         "Kör vplan diff i ett git-arkiv, eller jämför två filer: vplan diff gammal.md ny.md.")
    for rev in (old, new):
        if rev is not None and not gitio.is_revision(repo, rev):
            raise UsageError(f"”{rev}” är ingen version i git.", "Ange en gren, en tagg eller en commit, "
                             "till exempel HEAD~1 eller main.")
    specs = [_pathspec(repo, p) for p in paths] or _default_specs(repo, options)
    files = []
    new_label = new or WORKTREE_LABEL
    for ch in gitio.changed_files(repo, old, new, specs):
        name = ch.new_path or ch.old_path
        if not name.endswith(".md") or Path(name).name.lower() in SKIP_NAMES:
            continue
        a = gitio.read(repo, old, ch.old_path) if ch.old_path else None
        b = gitio.read(repo, new, ch.new_path) if ch.new_path else None
        fd = diff_bytes(name, a, b, schema_dir=str(options.schema_dir),
                        old_path=ch.old_path if ch.status == "R" else None, old_label=old, new_label=new_label)
        files.append(fd)
    return DiffResult(tuple(sorted(files, key=lambda f: f.path)), old, new_label)


def _pathspec(repo: Path, raw: str) -> str:
    path = Path(raw).resolve()
    try:
        return os.path.relpath(path, repo.resolve()) if path.is_relative_to(repo.resolve()) else raw
    except ValueError:
        return raw


def _default_specs(repo: Path, options) -> list[str]:
    folders = [options.project_dir / name for name in ("plans", "uppfoljning")]
    found = [_pathspec(repo, str(f)) for f in folders if f.exists()]
    return found or ["*.md"]


__all__ = ["diff_bytes", "diff_files", "diff_revisions", "DiffResult", "FileDiff", "CHANGED", "UNCHANGED",
           "ADDED", "DELETED", "UNREADABLE"]
