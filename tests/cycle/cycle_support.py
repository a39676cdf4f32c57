"""Helpers for the yearly-cycle tests: a project of one's own and the diagnostics of a plan in it."""
from __future__ import annotations

import pytest

FILL_IN = ("VP500", "VP501", "VP502", "VP503", "VP504")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "plans").mkdir()
    return tmp_path


def diagnostics(path, project_dir):
    from vplan.api import load
    from vplan.options import Options

    result = load(path, options=Options.for_project(project_dir))
    return result.plan, list(result.diagnostics)


def not_fill_in(diags):
    """What a fresh plan must not have: errors, or warnings other than the fill-in ones."""
    return [f"{d.pos} {d.code} {d.message}" for d in diags if d.code not in FILL_IN or d.severity.value != "varning"]
