"""Case files: each tests/cases/check/NAME.expected holds the command, the exit
code and the exact output of `vplan check` for the input NAME.md (or the input
that NAME.gen.json describes). VPLAN_UPDATE_SNAPSHOTS=1 rewrites them."""
from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, materialize

CASES = Path(__file__).parent / "cases" / "check"
UPDATE = os.environ.get("VPLAN_UPDATE_SNAPSHOTS") == "1"


def case_names() -> list[str]:
    names = {p.name.split(".")[0] for p in CASES.iterdir() if p.suffix in (".md", ".expected", ".json")}
    return sorted(names)


def parse_expected(text: str) -> dict:
    """'$ vplan check ARGS' line, 'exit N' line, then [stdout] / [stderr] sections."""
    lines = text.split("\n")
    out = {"command": lines[0], "exit": None, "stdout": "", "stderr": ""}
    if len(lines) > 1 and lines[1].startswith("exit "):
        out["exit"] = int(lines[1].split()[1])
    body = "\n".join(lines[2:])
    for name, content in re.findall(r"^\[(stdout|stderr)\]\n(.*?)(?=^\[(?:stdout|stderr)\]\n|\Z)", body, re.M | re.S):
        out[name] = content
    return out


def format_expected(command: str, code: int, stdout: str, stderr: str) -> str:
    parts = [command, f"exit {code}"]
    if stdout:
        parts.append("[stdout]\n" + stdout.rstrip("\n"))
    if stderr:
        parts.append("[stderr]\n" + stderr.rstrip("\n"))
    return "\n".join(parts) + "\n"


def prepare(name: str, workdir: Path) -> None:
    if (CASES / f"{name}.md").exists():
        shutil.copyfile(CASES / f"{name}.md", workdir / f"{name}.md")
    if (CASES / f"{name}.gen.json").exists():
        materialize(CASES / f"{name}.gen.json", workdir)


@pytest.mark.parametrize("name", case_names())
def test_case(name, tmp_path, monkeypatch, run_cli):
    expected_path = CASES / f"{name}.expected"
    expected = parse_expected(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else None
    command = expected["command"] if expected else f"$ vplan check {name}.md"
    argv = shlex.split(command)[2:]
    assert argv[0] == "check", f"{expected_path.name}: the first line must be '$ vplan check …'"
    prepare(name, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VPLAN_DEBUG", raising=False)
    code, out, err = run_cli([argv[0], "--project", str(ROOT), *argv[1:]])
    got = format_expected(command, code, out, err)
    if UPDATE:
        expected_path.write_text(got, encoding="utf-8")
        return
    assert expected is not None, f"no {expected_path.name}: run with VPLAN_UPDATE_SNAPSHOTS=1"
    assert got == expected_path.read_text(encoding="utf-8")
    assert code in (1, 2), "every case is a bad plan or a bad file"
    assert "Traceback" not in out + err and "Internt fel" not in out + err


def test_cases_cover_every_rule():
    """Every registered code appears in some case, or in the test that owns it."""
    from vplan.rules import registry

    seen = set()
    for p in [*CASES.glob("*.expected"), *(CASES.parent / "followup").glob("*.expected")]:
        seen |= set(re.findall(r"\b(VP\d{3})\b", p.read_text(encoding="utf-8")))
    tests = Path(__file__).parent
    elsewhere = {
        "VP103": tests / "test_region_repo.py",  # needs a region's own profile: none built in forbids chapters
        "VP901": tests / "build" / "test_build_safety.py",  # reported by vplan build, not check
        "VP902": tests / "build" / "test_build_safety.py",
    }
    for code, test in elsewhere.items():
        assert code in test.read_text(encoding="utf-8"), f"{code} is not tested in {test.name}"
    assert set(registry()) - set(elsewhere) - seen == set()


def test_output_order_does_not_depend_on_hash_seed(tmp_path):
    """Three chapters missing at the same place must be listed in the same order every run."""
    import subprocess
    import sys

    text = (CASES / "vp100-kapitel-saknas.md").read_text(encoding="utf-8")
    (tmp_path / "plan.md").write_text(text.replace("\n# Risker", "\n## Risker").replace("\n# Bilagor", "\n## Bilagor"),
                                      encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-m", "vplan", "check", "--project", str(ROOT), "plan.md"],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert proc.stdout.count("VP100") == 3
        outputs.add(proc.stdout)
    assert len(outputs) == 1
