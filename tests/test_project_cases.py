"""Project cases: each folder in tests/cases/projekt/ is a region's repository
(plans/, its own vplan.toml or pyproject.toml, schema/profiles/) beside the
exact output of the command in its `expected` file, run inside that folder.
VPLAN_UPDATE_SNAPSHOTS=1 rewrites them."""
from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from test_check_cases import UPDATE, format_expected, parse_expected

CASES = Path(__file__).parent / "cases" / "projekt"


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_project_case(name, tmp_path, monkeypatch, run_cli):
    src = CASES / name
    expected_path = src / "expected"
    expected = parse_expected(expected_path.read_text(encoding="utf-8"))
    repo = tmp_path / name
    shutil.copytree(src, repo, ignore=shutil.ignore_patterns("expected"))
    monkeypatch.chdir(repo)
    monkeypatch.delenv("VPLAN_DEBUG", raising=False)
    code, out, err = run_cli(shlex.split(expected["command"])[2:])
    got = format_expected(expected["command"], code, out, err)
    if UPDATE:
        expected_path.write_text(got, encoding="utf-8")
        return
    assert got == expected_path.read_text(encoding="utf-8")
    assert "Traceback" not in out + err and "Internt fel" not in out + err
