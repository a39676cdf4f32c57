"""vplan diff against a real git repository built in a temporary folder:
revision arguments, the working tree, new/deleted/renamed plans, an
unreadable side, and git's own `git diff` after `vplan git-setup`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent.parent / "cases" / "diff"
ROOT = Path(__file__).resolve().parent.parent.parent
BASE = (CASES / "vasternorrland.base.md").read_text(encoding="utf-8")


def git(repo: Path, *args: str, env=None) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})})
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """Three commits: v1 (the plan), v2 (a target raised), v3 (a second plan added)."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "test@example.se")
    git(tmp_path, "config", "user.name", "Test")
    plan = tmp_path / "plans" / "plan.md"
    plan.parent.mkdir()
    plan.write_text(BASE, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    git(tmp_path, "tag", "v1")
    plan.write_text(BASE.replace("      2025: 6\n      2027: 8\n", "      2025: 6\n      2027: 10\n"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "v2")
    (tmp_path / "plans" / "andra.md").write_text(BASE.replace("status: beslutad", "status: beslutad", 1),
                                                  encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v3")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_revisions(repo, run_cli):
    code, out, _ = run_cli(["diff", "v1", "HEAD~1"])
    assert code == 1
    assert out.startswith("plans/plan.md: 1 målvärde ändrat\n")
    assert "mål 2027: 8 → 10 (+2)" in out


def test_no_change_between_equal_revisions_exits_0(repo, run_cli):
    assert run_cli(["diff", "HEAD", "HEAD"]) == (0, "Inga ändringar i sak.\n", "")


def test_added_plan_is_summarised(repo, run_cli):
    code, out, _ = run_cli(["diff", "HEAD~1", "HEAD"])
    assert code == 1 and out.startswith("plans/andra.md: ny plan (”Verksamhetsplan 2025 (2026–2027)”: 5 kapitel")


def test_working_tree_is_the_default_new_side(repo, run_cli):
    (repo / "plans" / "plan.md").write_text(BASE.replace("status: beslutad", "status: förslag"), encoding="utf-8")
    (repo / "plans" / "andra.md").unlink()
    code, out, _ = run_cli(["diff"])
    assert code == 1
    assert "plans/andra.md: planen är borttagen" in out
    assert "status: beslutad → förslag" in out and "mål 2027: 10 → 8 (−2)" in out


def test_paths_after_double_dash_limit_the_diff(repo, run_cli):
    code, out, _ = run_cli(["diff", "v1", "--", "plans/andra.md"])
    assert code == 1 and "plans/andra.md" in out and "plans/plan.md" not in out


def test_unreadable_side_falls_back_to_a_line_diff(repo, run_cli):
    (repo / "plans" / "plan.md").write_text(BASE.replace("typ: kvantitativ\n", "typ: [kvantitativ\n", 1),
                                            encoding="utf-8")
    code, out, _ = run_cli(["diff", "--", "plans/plan.md"])
    assert code == 1
    assert "kan inte jämföras i sak, visar ändrade rader" in out
    assert "Varning: Planen går inte att läsa i arbetskopian" in out
    assert "+    typ: [kvantitativ" in out


def test_markdown_and_json_formats(repo, run_cli):
    code, out, _ = run_cli(["diff", "v1", "HEAD", "--format", "markdown"])
    assert code == 1 and out.split("\n")[0] == "**plans/andra.md**: ny plan (”Verksamhetsplan 2025 (2026–2027)”: " \
        "5 kapitel, 22 indikatorer, 42 uppdrag, 3 tabeller)  "
    assert "**plans/plan.md**: 1 målvärde ändrat" in out
    code, out, _ = run_cli(["diff", "v1", "HEAD", "--format", "json"])
    data = json.loads(out)
    assert data["version"] == 1 and data["old"] == "v1" and data["new"] == "HEAD"
    change = next(f for f in data["files"] if f["path"] == "plans/plan.md")["changes"][0]
    assert change["kind"] == "target.changed" and change["old"] == 8 and change["new"] == 10 and change["delta"] == 2


def test_unknown_revision_is_a_usage_error(repo, run_cli):
    code, _, err = run_cli(["diff", "finns-inte"])
    assert code == 2 and "varken en version i git eller en fil" in err


def test_git_diff_uses_the_driver_after_git_setup(repo, run_cli):
    command = f"{sys.executable} -m vplan diff --git-extern"
    code, out, _ = run_cli(["git-setup", "--command", command])
    assert code == 0 and "plans/**/*.md diff=vplan" in (repo / ".gitattributes").read_text()
    assert git(repo, "config", "diff.vplan.command").strip() == command
    env = {"PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    shown = git(repo, "diff", "v1", "HEAD~1", env=env)
    assert "plans/plan.md: 1 målvärde ändrat" in shown and "mål 2027: 8 → 10 (+2)" in shown
    log = git(repo, "log", "-p", "--ext-diff", "--format=%s", "-2", env=env)
    assert "ny plan" in log and "1 målvärde ändrat" in log
    plain = git(repo, "diff", "--no-ext-diff", "v1", "HEAD~1")
    assert "-      2027: 8" in plain  # the ordinary line diff is still there


def test_git_setup_is_idempotent(repo, run_cli):
    run_cli(["git-setup", "--command", "vplan diff --git-extern"])
    code, out, _ = run_cli(["git-setup", "--command", "vplan diff --git-extern"])
    assert code == 0 and "Finns redan" in out
    assert (repo / ".gitattributes").read_text().count("diff=vplan") == 1


def test_git_setup_never_writes_through_a_link(repo, run_cli, tmp_path_factory):
    """.gitattributes linked to a file elsewhere: nothing is written there, and the link stays."""
    outside = tmp_path_factory.mktemp("utanfor") / "attributes"
    outside.write_text("# någon annans fil\n", encoding="utf-8")
    (repo / ".gitattributes").symlink_to(outside)
    code, out, err = run_cli(["git-setup", "--command", "vplan diff --git-extern"])
    assert code == 2 and ".gitattributes är en länk, och vplan skriver inte genom länkar." in err
    assert outside.read_text(encoding="utf-8") == "# någon annans fil\n"
    assert (repo / ".gitattributes").is_symlink()


def test_git_setup_on_a_gitattributes_that_is_not_utf8(repo, run_cli):
    (repo / ".gitattributes").write_bytes("*.txt text # åäö\n".encode("latin-1"))
    code, out, err = run_cli(["git-setup", "--command", "vplan diff --git-extern"])
    assert code == 2 and "är inte sparad som UTF-8" in err and "Traceback" not in err


@pytest.fixture
def hostile(repo, tmp_path_factory):
    """The repository's own config names programs for every way git might run one."""
    marks = tmp_path_factory.mktemp("ran") / "ran.txt"
    prog = marks.parent / "prog.sh"
    prog.write_text(f'#!/bin/sh\necho "$0 $*" >> {marks}\ncat >/dev/null\n', encoding="utf-8")
    prog.chmod(0o755)
    for key, value in [("core.fsmonitor", f"{prog}"), ("filter.evil.clean", f"{prog} clean"),
                       ("filter.evil.smudge", f"{prog} smudge"), ("filter.evil.process", f"{prog} process"),
                       ("filter.evil.required", "true"), ("diff.external", f"{prog} ext"),
                       ("diff.evil.textconv", f"{prog} textconv"), ("diff.evil.command", f"{prog} cmd"),
                       ("core.hooksPath", str(marks.parent)), ("log.showSignature", "true"),
                       ("gpg.program", f"{prog}"), ("core.pager", f"{prog} pager"),
                       # a partial clone fetches a missing blob over a transport of its choosing
                       ("extensions.partialClone", "origin"), ("core.repositoryformatversion", "1"),
                       ("remote.origin.promisor", "true"), ("remote.origin.url", f"ext::{prog} ext %S"),
                       ("protocol.ext.allow", "always")]:
        git(repo, "config", key, value)
    (repo / ".gitattributes").write_text("*.md diff=evil filter=evil\n", encoding="utf-8")
    plan = repo / "plans" / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("      2027: 8\n", "      2027: 9\n"), encoding="utf-8")
    return marks


@pytest.mark.parametrize("argv", [["diff", "HEAD"], ["diff", "v1"], ["diff", "v1", "HEAD"],
                                  ["build", "--redline", "v1", "--format", "html", "plans/plan.md"],
                                  ["build", "--format", "html", "plans/plan.md"]])
def test_a_repository_config_runs_no_program(hostile, run_cli, argv):
    code, _, err = run_cli(argv)
    assert code in (0, 1), err
    assert not hostile.exists(), hostile.read_text()


def test_a_missing_blob_in_a_partial_clone_is_not_fetched(hostile, repo, run_cli):
    blob = git(repo, "rev-parse", "v1:plans/plan.md").strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    code, _, err = run_cli(["diff", "v1", "--", "plans/plan.md"])
    assert code == 2 and "git" in err and "Traceback" not in err
    assert not hostile.exists(), hostile.read_text()


def test_a_revision_too_long_for_a_file_name_is_a_usage_error(repo, run_cli):
    code, _, err = run_cli(["diff", "a" * 5000])
    assert code == 2 and "varken en version i git eller en fil" in err
