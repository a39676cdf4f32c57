"""Read and check the named files (in parallel for many), keep the facts of those without errors."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vplan.api import PARALLEL_FROM, CheckResult, FileResult, collect, load
from vplan.options import Options


@dataclass(frozen=True)
class Exported:
    rows: tuple[tuple, ...]
    checked: CheckResult  # every file with its findings, as vplan check reports them

    @property
    def failed(self) -> bool:
        return any(f.errors for f in self.checked.files)


def rows_of(result: FileResult) -> list[tuple]:
    """The facts of one checked file."""
    from vplan.export.facts import plan_rows
    from vplan.export.followup import followup_rows

    if result.followup is not None:
        return followup_rows(result.followup, result.path)
    return plan_rows(result.plan, result.path) if result.plan is not None else []


def _one(path: Path, *, options: Options) -> tuple[FileResult, list[tuple]]:
    """Check one file; its facts only when it has no errors. Only findings and rows travel back."""
    r = load(path, options=options)
    rows = [] if r.errors or not r.read else rows_of(r)
    lean = FileResult(r.path, None, r.diagnostics, r.lines if r.diagnostics else (), read=r.read, kind=r.kind)
    return lean, rows


def export(paths=(), *, options: Options, files: list[Path] | None = None) -> Exported:
    """Facts of every file named or found (default plans/ and uppfoljning/), with the check's findings;
    `files`: what collect(paths) already found."""
    files = collect(paths, options) if files is None else files
    jobs = options.jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < PARALLEL_FROM:
        done = [_one(p, options=options) for p in files]
    else:
        from functools import partial

        from vplan.workers import reading_pool

        load(files[0], options=options)  # before forking: the workers inherit what it imported and compiled
        chunk = max(1, len(files) // (jobs * 8))
        with reading_pool(jobs) as pool:
            done = list(pool.map(partial(_one, options=options), files, chunksize=chunk))
    rows = tuple(row for _, found in done for row in found)
    return Exported(rows, CheckResult(tuple(r for r, _ in done)))
