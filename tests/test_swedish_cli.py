"""Everything click writes reaches the user in Swedish: every message in the installed click's
source has a translation, and no help page or bad invocation shows English (the phrases in
tests/cases/cli/engelska.txt, the invocations in felanrop.txt)."""
from __future__ import annotations

import ast
import os
import re
import shlex

import click
import pytest

from conftest import ROOT
from vplan.cli import COMMANDS
from vplan.clitext import SV, SV_PLURAL

DATA = ROOT / "tests" / "cases" / "cli"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


ENGLISH = _lines("engelska.txt")
BAD = _lines("felanrop.txt")


def _english_in(text: str) -> list[str]:
    found = []
    for phrase in ENGLISH:
        pattern = rf"\b{re.escape(phrase)}\b" if phrase.isupper() else re.escape(phrase)
        if re.search(pattern, text):
            found.append(phrase)
    return found


def _click_messages():
    """(kind, message) for every `_("…")` and `ngettext("…", "…", n)` in click's own modules."""
    folder = os.path.dirname(click.__file__)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py") or name in ("testing.py", "_winconsole.py"):
            continue
        tree = ast.parse(open(os.path.join(folder, name), encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                strings = tuple(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
                if strings:
                    yield node.func.id, strings if node.func.id == "ngettext" else strings[0]


def test_every_click_message_has_a_swedish_translation():
    messages = list(_click_messages())
    assert len(messages) > 50  # the scan found click's messages at all
    missing = [m for kind, m in messages if (m not in SV if kind == "_" else m[:2] not in SV_PLURAL)]
    assert missing == [], f"click {click.__version__ if hasattr(click, '__version__') else ''} has new texts"


def test_every_translation_keeps_the_fields_click_fills_in():
    def fields(text):
        return sorted(set(re.findall(r"\{(\w+)", text)) | set(re.findall(r"%\((\w+)\)", text)))

    for en, sv in SV.items():
        assert fields(en) == fields(sv), en
    for (one, many), (sv_one, sv_many) in SV_PLURAL.items():
        assert fields(one) == fields(sv_one) and fields(many) == fields(sv_many), one


@pytest.mark.parametrize("argv", [["--help"], *[[name, "--help"] for name in COMMANDS]], ids=" ".join)
def test_help_pages_are_swedish(run_cli, argv):
    code, out, err = run_cli(argv)
    assert code == 0, err
    assert "Användning: vplan" in out and "Alternativ:" in out
    assert _english_in(out) == [], out


@pytest.mark.parametrize("invocation", BAD)
def test_bad_invocations_answer_in_swedish(run_cli, monkeypatch, invocation):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli(shlex.split(invocation))
    assert code == 2, (out, err)
    assert err.startswith("Fel: "), err
    assert _english_in(err) == [], err
    assert "Traceback" not in err
