"""`vplan build` as a user meets it: refusal of plans with errors, --draft, failures,
atomic writes, exit codes and messages."""
from __future__ import annotations

import os

import pytest
from build_support import docx_text, pdf_text, project, small_plan  # noqa: F401 (fixtures)

BROKEN_SUM = ("      b2025: 2365", "      b2025: 2365\n    rader:\n      - namn: varav x\n"
              "        värden:\n          b2025: 100")


def broken(text: str) -> str:
    return text.replace(*BROKEN_SUM)


def test_plan_with_errors_is_refused_with_the_check_report(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, edit=broken)
    code, out, err = run_cli(["build", "plans/liten.md"])
    check_code, check_out, _ = run_cli(["check", "plans/liten.md"])
    assert code == 1 and check_code == 1
    assert out.startswith(check_out)  # the errors exactly as `vplan check` shows them
    assert "Byggde inte plans/liten.md" in out and "--draft" in out
    assert not (project / "dist").exists()


def test_draft_builds_a_plan_with_errors_stamped(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, edit=broken)
    code, out, err = run_cli(["build", "plans/liten.md", "--draft"])
    assert code == 0, err
    assert "VP302" in out and "utkast" in out
    dist = project / "dist"
    assert "UTKAST – innehåller fel" in (dist / "liten.html").read_text(encoding="utf-8")
    assert "UTKAST – innehåller fel" in docx_text(dist / "liten.docx")
    assert "UTKAST – innehåller fel" in pdf_text(dist / "liten.pdf")


def test_output_names_and_out_folder(project, run_cli, monkeypatch, tmp_path_factory):
    monkeypatch.chdir(project)
    small_plan(project)
    out = tmp_path_factory.mktemp("ut")
    code, stdout, err = run_cli(["build", "plans/liten.md", "--format", "html,docx", "--out", str(out)])
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["liten.docx", "liten.html"]
    assert "Byggde plans/liten.md" in stdout


def test_unknown_format_is_a_usage_error(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project)
    code, out, err = run_cli(["build", "--format", "odt"])
    assert code == 2 and "okänt format odt" in err


def test_sources_are_never_written(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    plan = small_plan(project)
    before = plan.read_bytes(), os.stat(plan).st_mtime_ns
    code, _, err = run_cli(["build", "--format", "html"])
    assert code == 0, err
    assert (plan.read_bytes(), os.stat(plan).st_mtime_ns) == before


def test_a_failing_render_leaves_the_previous_outputs(project, run_cli, monkeypatch):
    from vplan.render import engines
    from vplan.render.errors import RenderError

    monkeypatch.chdir(project)
    plan = small_plan(project)
    code, _, err = run_cli(["build", "--format", "html,docx"])
    assert code == 0, err
    dist = project / "dist"
    before = {p.name: p.read_bytes() for p in dist.iterdir()}

    plan.write_text(plan.read_text(encoding="utf-8").replace("Planen visar", "Planen beskriver"), encoding="utf-8")

    def fail(markdown, meta, style):
        raise RenderError("pandoc kunde inte göra DOCX-filen", "injicerat fel")

    monkeypatch.setattr(engines, "RENDERERS", {**engines.RENDERERS, "docx": fail})
    code, out, err = run_cli(["build", "--format", "html,docx"])
    assert code == 2
    assert "plans/liten.md kunde inte byggas" in err and "DOCX-filen: injicerat fel" in err
    assert "Traceback" not in err
    after = {p.name: p.read_bytes() for p in dist.iterdir()}
    assert after == before  # the new HTML was not written either, and no temporary files remain


def test_a_character_the_pdf_font_lacks_is_named_in_swedish(project, run_cli, monkeypatch):
    """PDF/A may not hold text it cannot show: check says so (VP422), and a draft built anyway
    gets typst's refusal in Swedish."""
    monkeypatch.chdir(project)
    small_plan(project, edit=lambda t: t.replace("Planen visar", "Planen \U0001F600 visar"))
    code, out, err = run_cli(["check", "plans/liten.md"])
    assert code == 1 and "VP422" in out
    code, out, err = run_cli(["build", "--draft", "--format", "pdf", "plans/liten.md"])
    assert code == 2
    assert "tecknet ”\U0001F600” finns inte i typsnittet Libertinus Serif" in err and "could not" not in err


def test_atomic_write_leaves_no_temporary_file_on_failure(tmp_path, monkeypatch):
    from vplan import write

    target = tmp_path / "a.pdf"
    target.write_bytes(b"gammal")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", boom)
    with pytest.raises(OSError):
        write.write_all({target: b"ny", tmp_path / "b.html": b"ny"})
    assert target.read_bytes() == b"gammal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_two_plans_with_the_same_name_are_refused(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project)
    (project / "plans" / "annan").mkdir()
    (project / "plans" / "annan" / "liten.md").write_text(
        (project / "plans" / "liten.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run_cli(["build", "--format", "html"])
    assert code == 2 and "Två planer heter liten" in err


def test_epoch_from_source_date_epoch(project, monkeypatch):
    from vplan.options import Options
    from vplan.render.build import source_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_epoch(Options(project_dir=project), 1600000000) == 1700000000
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_epoch(Options(project_dir=project), 1600000000) == 1600000000
    assert source_epoch(Options(project_dir=project, source_date_epoch=5), 1600000000) == 5


def test_a_write_the_system_refuses_is_a_swedish_message(project, run_cli, monkeypatch):
    """An OS error while writing the documents names the file in Swedish: no traceback."""
    import errno

    from vplan import write

    monkeypatch.chdir(project)
    small_plan(project)

    def refuse(files):
        raise PermissionError(errno.EACCES, "Permission denied", str(next(iter(files))))

    monkeypatch.setattr(write, "write_all", refuse)
    code, out, err = run_cli(["build", "--format", "html"])
    assert code == 2, out + err
    assert "kunde inte skrivas" in out + err and "liten.html" in out + err
    assert "Traceback" not in out + err and "Permission denied" not in out + err
