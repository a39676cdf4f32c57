"""vplan release refuses, before building anything, what would make dist/ lie: two plans
whose documents share a name (also by case or by how å is written, or across releases into
one dist/), a dist/ that is a file, a manifest that is a folder."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from build_support import project, small_plan  # noqa: F401

from vplan.errors import UsageError
from vplan.render.build import check_names


@pytest.mark.parametrize("names", [("Plan", "plan"), ("\u00e5r", "a\u030ar")])
def test_names_that_one_file_system_takes_for_one_are_refused(names):
    with pytest.raises(UsageError, match="Två planer heter"):
        check_names([Path("plans") / f"{n}.md" for n in names])


def test_a_plan_named_like_one_an_earlier_release_built_is_refused(project, run_cli, monkeypatch):  # noqa: F811
    monkeypatch.chdir(project)
    for folder in ("a", "b"):
        (project / "plans" / folder).mkdir()
        small_plan(project).rename(project / "plans" / folder / "x.md")
    code, _, err = run_cli(["release", "--format", "html", "plans/a"])
    assert code == 0, err
    manifest = (project / "dist" / "manifest.json").read_bytes()
    html = (project / "dist" / "x.html").read_bytes()

    code, _, err = run_cli(["release", "--format", "html", "plans/b"])
    assert code == 2 and "Två planer heter x: plans/a/x.md" in err and "Traceback" not in err
    assert (project / "dist" / "manifest.json").read_bytes() == manifest
    assert (project / "dist" / "x.html").read_bytes() == html
    entry, = json.loads(manifest)["plans"]
    assert entry["source"] == "plans/a/x.md"


@pytest.mark.parametrize("make, said", [
    (lambda dist: dist.write_text("x"), "Utdatamappen dist är en fil"),
    (lambda dist: (dist / "manifest.json").mkdir(parents=True), "dist/manifest.json är en mapp"),
])
def test_an_output_folder_in_the_way_is_refused_before_building(project, run_cli, monkeypatch, make, said):  # noqa: F811
    monkeypatch.chdir(project)
    small_plan(project)
    make(project / "dist")
    code, _, err = run_cli(["release", "--format", "html"])
    assert code == 2 and said in err and "Internt fel" not in err
    assert "Byggd" not in err and not (project / "dist" / "liten.html").exists()
