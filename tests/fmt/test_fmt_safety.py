"""vplan fmt never damages a file: unsafe rewrites exit 3, unreadable plans are refused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PLANS

CASES = Path(__file__).resolve().parent.parent / "cases" / "fmt"


@pytest.fixture
def messy(tmp_path):
    target = tmp_path / "plans" / "stycken.md"
    target.parent.mkdir()
    shutil.copyfile(CASES / "stycken.md", target)
    return target


def test_a_faulty_step_is_stopped_and_the_file_untouched(messy, run_cli, monkeypatch):
    from vplan.fmt import prose

    real = prose.paragraph

    def drops_a_word(content):  # a formatter bug: the last word of every paragraph vanishes
        lines = real(content)
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
        return lines

    monkeypatch.setattr(prose, "paragraph", drops_a_word)
    before = messy.read_bytes()
    code, out, err = run_cli(["fmt", str(messy)])
    assert code == 3
    assert messy.read_bytes() == before
    assert "skrevs inte (innehållet skulle ha ändrats)" in out
    assert "före ”" in out and "efter ”" in out  # the difference is shown
    assert "vplan fmt skrev inte 1 fil" in err


def test_a_step_that_loses_a_comment_is_stopped(tmp_path, run_cli, monkeypatch):
    from vplan.fmt import yamlfmt

    target = tmp_path / "kommentarer.md"
    shutil.copyfile(CASES / "kommentarer.md", target)
    monkeypatch.setattr(yamlfmt, "_tidy_tokens", _drop_all_comments)
    before = target.read_bytes()
    code, out, _ = run_cli(["fmt", str(target)])
    assert code == 3 and target.read_bytes() == before
    assert "YAML-kommentarer skulle försvinna" in out


def _drop_all_comments(node):
    for slot in node.ca.items.values():
        slot[:] = [None] * len(slot)


def test_an_unreadable_plan_is_refused_with_diagnostics(tmp_path, run_cli):
    target = tmp_path / "trasig.md"
    target.write_text("---\nregion: x\n---\n\n# A\n\n```indikatorer\nindikatorer: [\n```\n", encoding="utf-8")
    before = target.read_bytes()
    code, out, _ = run_cli(["fmt", str(target)])
    assert code == 1 and target.read_bytes() == before
    assert "kan inte formateras (planen går inte att läsa)" in out
    assert "VP012" in out and "VP001" in out


def test_check_lists_files_and_writes_nothing(messy, run_cli):
    before = messy.read_bytes()
    code, out, _ = run_cli(["fmt", "--check", str(messy.parent)])
    assert code == 1 and messy.read_bytes() == before
    assert f"skulle formateras om: " in out and "stycken.md" in out


def test_fmt_writes_then_check_is_clean(messy, run_cli):
    code, out, _ = run_cli(["fmt", str(messy.parent)])
    assert code == 0 and "formaterade om" in out
    assert messy.read_bytes() == (CASES / "stycken.out.md").read_bytes()
    assert not list(messy.parent.glob(".*.tmp"))  # the temporary file is gone
    code, out, _ = run_cli(["fmt", "--check", str(messy.parent)])
    assert code == 0 and "skulle formateras om:" not in out


def test_only_changed_files_are_written(tmp_path, run_cli):
    canonical = tmp_path / "klar.md"
    shutil.copyfile(CASES / "fotnoter.out.md", canonical)
    stamp = canonical.stat().st_mtime_ns
    inode = canonical.stat().st_ino
    code, _, _ = run_cli(["fmt", str(canonical)])
    assert code == 0
    assert canonical.stat().st_mtime_ns == stamp and canonical.stat().st_ino == inode


@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_example_plans_format_safely_and_stably(plan):
    from vplan.fmt import format_text
    from vplan.fmt.files import CHANGED, UNCHANGED, check_text

    outcome = check_text(plan.name, plan.read_bytes())
    assert outcome.status in (CHANGED, UNCHANGED), (outcome.differences, outcome.diagnostics)
    assert format_text(outcome.text) == outcome.text
    again = check_text(plan.name, outcome.text.encode("utf-8"))
    assert again.status == UNCHANGED


@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_formatted_example_plans_pass_check(plan, tmp_path, run_cli):
    target = tmp_path / "plans" / plan.name
    target.parent.mkdir()
    shutil.copyfile(plan, target)
    assert run_cli(["fmt", str(target)])[0] == 0
    code, out, _ = run_cli(["check", str(target)])
    assert code == 0, out
    assert run_cli(["diff", str(plan), str(target)])[0] == 0  # nothing changed in meaning


def test_a_comment_on_a_block_scalar_header_is_never_lost(tmp_path, run_cli):
    """fmt folds `>-` text to one line, where that comment has no place: it must refuse."""
    target = tmp_path / "plan.md"
    shutil.copyfile(CASES / "tomma-rader-i-yaml.md", target)
    text = target.read_text(encoding="utf-8").replace("beskrivning: B", "beskrivning: >-  # kort\n      B")
    target.write_text(text, encoding="utf-8")
    before = target.read_bytes()
    code, out, _ = run_cli(["fmt", str(target)])
    assert code == 3 and target.read_bytes() == before
    assert "# kort" in out


def test_a_plan_saved_while_fmt_works_is_never_replaced_by_the_older_text(messy, run_cli, monkeypatch):
    from vplan.fmt import files

    real = files._check_all
    saved = messy.read_bytes() + b"\nEn mening som skrevs under tiden.\n"

    def someone_saves(jobs):  # the person saves in the editor while fmt formats the old text
        done = real(jobs)
        messy.write_bytes(saved)
        return done

    monkeypatch.setattr(files, "_check_all", someone_saves)
    code, _, err = run_cli(["fmt", str(messy)])
    assert code == 2 and "ändrades medan vplan fmt arbetade" in err
    assert messy.read_bytes() == saved
