"""Helpers and fixtures for the `vplan import` tests: the example plans built to DOCX once per session, a scratch project."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLANS, ROOT


@pytest.fixture(scope="session")
def built_docx(tmp_path_factory) -> dict[str, Path]:
    """plan stem -> the DOCX vplan's own build makes of it."""
    from vplan.options import Options
    from vplan.render.build import build

    out = tmp_path_factory.mktemp("docx")
    result = build([str(p) for p in PLANS], options=Options(project_dir=ROOT, formats=("docx",), out_dir=out))
    assert result.exit_code == 0, [(p.source, p.status, p.message) for p in result.plans]
    return {p.stem: out / f"{p.stem}.docx" for p in PLANS}


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "plans").mkdir()
    return tmp_path


def import_into(project: Path, docx: Path, out: Path | None = None, force: bool = False):
    """Run the import as the command does; the outcome and the plan read back from disk."""
    from vplan.importer.command import import_file
    from vplan.options import Options
    from vplan.read import read_file

    outcome = import_file(docx, out=out, force=force, options=Options(project_dir=project))
    plan, diags = read_file(outcome.target)
    assert plan is not None, diags
    return outcome, plan
