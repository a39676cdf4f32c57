"""-q, -v and --color on every command, added in one place (vplan.cli), also to commands added later."""
from __future__ import annotations

import importlib.machinery
import shutil
import sys
import types

import click
import pytest

from conftest import PLANS, ROOT
from vplan.cli import COMMANDS

CASES = ROOT / "tests" / "cases" / "check"
ERROR_AND_WARNING = [str(CASES / "vp302-delrader-summa.md"), str(CASES / "vp404-fotnot-oanvand.md")]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_the_shared_options(run_cli, name):
    code, out, err = run_cli([name, "--help"])
    assert code == 0, err
    assert "-q, --quiet" in out and "-v, --verbose" in out and "--color" in out


def test_a_command_added_later_gets_them_too(run_cli, monkeypatch):
    module = types.ModuleType("vplan_test_later")
    module.__spec__ = importlib.machinery.ModuleSpec("vplan_test_later", None)

    @click.command()
    def command():
        """Ett kommando som läggs till senare."""
        from vplan.commands import options

        opts = options(None)
        click.echo(f"{opts.verbosity} {opts.color}")

    module.command = command
    monkeypatch.setitem(sys.modules, "vplan_test_later", module)
    monkeypatch.setitem(COMMANDS, "senare", ("vplan_test_later", "Senare."))
    assert run_cli(["senare", "-v", "--color", "never"])[1] == "1 never\n"
    assert run_cli(["senare", "-q"])[1] == "-1 auto\n"


def test_check_quiet_shows_only_errors(run_cli):
    code, out, err = run_cli(["check", "--project", str(ROOT), "-q", *ERROR_AND_WARNING])
    assert code == 1
    assert "fel VP302" in out and "varning" not in out
    assert "kontrollerade" not in out  # no summary line


def test_check_verbose_names_files_and_time(run_cli):
    code, out, err = run_cli(["check", "--project", str(ROOT), "-v", str(PLANS[0])])
    assert code == 0 and f"{PLANS[0].name}: 0 fynd." in err
    assert "Kontrollerade 1 filer på" in err and "Inga fel" in out


def test_quiet_and_verbose_together_is_a_usage_error(run_cli):
    code, out, err = run_cli(["check", "-q", "-v", str(PLANS[0])])
    assert code == 2 and "antingen -q eller -v" in err


@pytest.mark.parametrize("flag, env, colored", [
    ("always", {}, True), ("never", {}, False), ("auto", {}, False),  # auto: the test's output is no terminal
    ("always", {"NO_COLOR": "1"}, True),  # asked for on the command line: wins over the environment
])
def test_color_choice(run_cli, monkeypatch, flag, env, colored):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    code, out, err = run_cli(["check", "--project", str(ROOT), "--color", flag, *ERROR_AND_WARNING])
    assert ("\x1b[" in out) is colored


def test_auto_color_respects_no_color(monkeypatch):
    from vplan.commands import use_color

    class Terminal:
        def isatty(self):
            return True

    with click.Context(click.Command("x")):
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm")
        assert use_color(Terminal())
        monkeypatch.setenv("NO_COLOR", "1")
        assert not use_color(Terminal())


def test_fmt_quiet_says_nothing_when_all_is_well(run_cli, tmp_path):
    plan = tmp_path / "plan.md"
    shutil.copy(PLANS[0], plan)
    run_cli(["fmt", "--project", str(ROOT), str(plan)])
    code, out, err = run_cli(["fmt", "--project", str(ROOT), "-q", "--check", str(plan)])
    assert (code, out, err) == (0, "", "")
    code, out, err = run_cli(["fmt", "--project", str(ROOT), "-v", "--check", str(plan)])
    assert "redan i gemensam form: " in out


def test_diff_quiet_answers_with_the_exit_code_only(run_cli, tmp_path):
    old, new = tmp_path / "gammal.md", tmp_path / "ny.md"
    shutil.copy(PLANS[0], old)
    text = PLANS[0].read_text(encoding="utf-8")
    new.write_text(text.replace("\n# ", "\n# Ett nytt kapitel\n\nNy text.\n\n# ", 1), encoding="utf-8")
    code, out, err = run_cli(["diff", "--project", str(ROOT), "-q", str(old), str(new)])
    assert (code, out) == (1, "")
    code, out, err = run_cli(["diff", "--project", str(ROOT), str(old), str(new)])
    assert code == 1 and "Ett nytt kapitel" in out
