"""Operating-system trouble and vplan's own bugs (issue 9): Swedish messages naming the path,
exit 2 for what the user can fix, 70 and a line asking for a report for an internal error."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

from conftest import PLANS, ROOT


def test_an_internal_error_has_its_own_exit_code_and_asks_for_a_report(run_cli, monkeypatch):
    import vplan.api

    def broken(*args, **kwargs):
        raise RuntimeError("ett påhittat fel")

    monkeypatch.delenv("VPLAN_DEBUG", raising=False)
    monkeypatch.setattr(vplan.api, "check", broken)
    code, out, err = run_cli(["check", "--project", str(ROOT), str(PLANS[0])])
    assert code == 70
    assert "Internt fel i vplan (RuntimeError: ett påhittat fel)." in err
    assert "Rapportera det" in err and "Traceback" not in err


def test_a_usage_error_is_still_2(run_cli):
    code, out, err = run_cli(["check", "finns-inte.md"])
    assert code == 2 and "finns inte" in err


def test_stdout_on_a_full_disk_is_a_swedish_message_not_an_internal_error():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("VPLAN_DEBUG", None)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "vplan", "check", "--project", str(ROOT), str(PLANS[0])],
                              stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("Fel: Resultatet kunde inte skrivas till /dev/full (standard ut): disken är full.")
    assert "Internt fel" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_closed_pipe_is_not_an_error():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "vplan", "check", "--project", str(ROOT), str(ROOT / "plans")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.close()  # like `vplan check | head -0`
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 1  # click's own answer to a closed pipe: quiet, exit 1
    assert err == ""


def test_an_unreadable_plan_is_named_in_swedish(run_cli, monkeypatch, tmp_path):
    import vplan.paths

    plan = tmp_path / "plan.md"
    plan.write_text(PLANS[0].read_text(encoding="utf-8"), encoding="utf-8")

    def denied(path):  # as root every file is readable, so the permission error is simulated
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(vplan.paths, "read_regular", denied)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["check", "--project", str(ROOT), "plan.md"])
    assert code == 2
    assert "Fel: Filen plan.md kan inte läsas: du saknar behörighet." in err
    assert "Permission denied" not in err


def test_ctrl_c_while_the_command_line_loads_ends_quietly(monkeypatch, capsys):
    """The entry point loads vplan.cli (click and all) inside its own handler: a Ctrl-C in those
    first tens of milliseconds says "Avbrutet." and exits 130, with no traceback."""
    import pytest

    from vplan import _start

    class Interrupted:
        def __getattr__(self, name):
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "vplan.cli", Interrupted())
    with pytest.raises(SystemExit) as ended:
        _start.main(["check"])
    assert ended.value.code == 130
    assert capsys.readouterr().err == "Avbrutet.\n"


def test_the_installed_command_starts_through_the_entry_point():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["vplan"] == "vplan._start:main"
    done = subprocess.run([sys.executable, "-m", "vplan", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "vplan" in done.stdout
