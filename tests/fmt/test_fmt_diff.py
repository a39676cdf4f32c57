"""`vplan fmt --diff`: the case files' changes as a diff that git applies to give NAME.out.md
exactly, nothing written, exit 1 when something would change and 0 (no output) when not."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT
from test_fmt_cases import CASES, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_diff_applies_to_the_canonical_form_and_nothing_is_written(name, tmp_path, run_cli, monkeypatch):
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.md"
    shutil.copy(CASES / f"{name}.md", plan)
    before = plan.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["fmt", "--project", str(ROOT), "--diff", "plans/plan.md"])
    assert plan.read_bytes() == before, "fmt --diff wrote the file"
    expected = (CASES / f"{name}.out.md").read_bytes()
    if expected == before:
        assert (code, out) == (0, "")
        return
    assert code == 1 and out.startswith("--- a/plans/plan.md\n+++ b/plans/plan.md\n")
    assert "skulle formateras om: plans/plan.md" in err
    (tmp_path / "andring.diff").write_text(out, encoding="utf-8", newline="")
    done = subprocess.run(["git", "apply", "andring.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert plan.read_bytes() == expected


def test_canonical_plans_give_no_diff(tmp_path, run_cli):
    shutil.copy(CASES / f"{NAMES[0]}.out.md", tmp_path / "plan.md")
    assert run_cli(["fmt", "--project", str(ROOT), "--diff", str(tmp_path / "plan.md")])[:2] == (0, "")


def test_line_endings_alone_are_named(tmp_path, run_cli):
    text = (CASES / f"{NAMES[0]}.out.md").read_text(encoding="utf-8")
    (tmp_path / "plan.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run_cli(["fmt", "--project", str(ROOT), "--diff", str(tmp_path / "plan.md")])
    assert code == 1 and "bara radsluten (CRLF blir LF)" in err and out.count("\n-") == text.count("\n")
