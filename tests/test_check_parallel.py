"""Checking many plans across worker processes gives what checking them one by one gives."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from vplan.api import PARALLEL_FROM, check

CASES = Path(__file__).parent / "cases" / "check"


def test_parallel_check_equals_sequential(tmp_path, options):
    plans = tmp_path / "plans"
    plans.mkdir()
    sources = sorted((Path(__file__).parent.parent / "plans").glob("*.md")) + sorted(CASES.glob("*.md"))
    for i, source in enumerate(sources):
        shutil.copy(source, plans / f"{i:03d}-{source.name}")
    assert len(sources) > PARALLEL_FROM  # else check never starts workers
    one = check([plans], options=replace(options, project_dir=tmp_path, jobs=1), keep_plans=False)
    two = check([plans], options=replace(options, project_dir=tmp_path, jobs=2), keep_plans=False)
    assert [(r.path, r.diagnostics) for r in two.files] == [(r.path, r.diagnostics) for r in one.files]
    assert sum(len(r.diagnostics) for r in one.files) > len(sources) // 2  # the bad cases did report
