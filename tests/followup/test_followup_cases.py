"""Follow-up case files: tests/cases/followup/NAME.md is a follow-up of plans/liten-plan.md, and
NAME.expected the exact output of `vplan check` on it. VPLAN_UPDATE_SNAPSHOTS=1 rewrites them."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from test_check_cases import format_expected, parse_expected

CASES = Path(__file__).resolve().parent.parent / "cases" / "followup"
UPDATE = os.environ.get("VPLAN_UPDATE_SNAPSHOTS") == "1"


def project(tmp_path: Path, name: str) -> Path:
    """A repository with the small plan and the case as its follow-up; a plan lies outside it."""
    repo = tmp_path / "repo"
    shutil.copytree(CASES / "plans", repo / "plans")
    (repo / "uppfoljning").mkdir()
    shutil.copyfile(CASES / f"{name}.md", repo / "uppfoljning" / f"{name}.md")
    shutil.copyfile(CASES / "plans" / "liten-plan.md", tmp_path / "utanfor.md")
    return repo


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.md")))
def test_case(name, tmp_path, monkeypatch, run_cli):
    repo = project(tmp_path, name)
    monkeypatch.chdir(repo)
    command = f"$ vplan check uppfoljning/{name}.md"
    code, out, err = run_cli(["check", "--project", str(repo), f"uppfoljning/{name}.md"])
    got = format_expected(command, code, out, err)
    expected_path = CASES / f"{name}.expected"
    if UPDATE:
        expected_path.write_text(got, encoding="utf-8")
        return
    assert got == expected_path.read_text(encoding="utf-8")
    assert parse_expected(got)["exit"] == (0 if name in ("ok", "motsagelse") else 1)  # warnings only: 0
    assert "Traceback" not in out + err


def test_check_of_the_project_finds_the_follow_ups(tmp_path, monkeypatch, run_cli):
    """Without paths, check takes plans/ and uppfoljning/; a follow-up is known by its front matter too."""
    repo = project(tmp_path, "fel-id")
    shutil.copyfile(CASES / "ok.md", repo / "plans" / "uppfoljning-i-fel-mapp.md")
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(["check", "--project", str(repo)])
    assert code == 1
    assert "uppfoljning/fel-id.md" in out and "VP602" in out
    assert "uppfoljning-i-fel-mapp.md" in out and "VP622" in out  # checked against its plan, as a follow-up


def test_a_plan_linked_from_outside_the_project_is_not_read(tmp_path, monkeypatch, run_cli):
    """plan: names a file in plans/ that is a link to a plan outside the repository: VP600."""
    repo = project(tmp_path, "ok")
    (repo / "plans" / "liten-plan.md").unlink()
    (repo / "plans" / "liten-plan.md").symlink_to(tmp_path / "utanfor.md")
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(["check", "--project", str(repo), "uppfoljning/ok.md"])
    assert code == 1
    assert "VP600" in out and "ligger utanför projektet" in out
