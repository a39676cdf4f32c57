"""A hostile repository (issue 9): links out of the project, named pipes, read-only plans,
schemas that point elsewhere and house styles that pull in outside files. vplan refuses each
with a Swedish message naming the file, writes nothing outside, and never hangs."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from build_support import project, small_plan  # noqa: F401 (fixtures)


@pytest.fixture
def outside(tmp_path_factory) -> Path:
    """A folder beside the project, standing in for /etc or another user's files."""
    folder = tmp_path_factory.mktemp("utanfor")
    (folder / "hemlig.md").write_text("---\nregion: HEMLIGT\n---\n# HEMLIGT\n", encoding="utf-8")
    return folder


def _run(run_cli, project, *args):
    return run_cli([*args, "--project", str(project)])


# --- plans ------------------------------------------------------------------------------------

def test_a_plans_folder_linked_out_of_the_project_is_refused(project, outside, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    (project / "plans").rmdir()
    (project / "plans").symlink_to(outside)
    code, out, err = _run(run_cli, project, "check")
    assert code == 2 and "HEMLIGT" not in out + err
    assert "Mappen" in err and "plans är en länk till" in err and "utanför projektet" in err


def test_a_plan_linked_out_of_the_project_is_vp008_and_never_built(project, outside, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project)
    (project / "plans" / "lank.md").symlink_to(outside / "hemlig.md")
    code, out, err = _run(run_cli, project, "check")
    assert code == 1 and "HEMLIGT" not in out + err
    assert "plans/lank.md:1:1: fel VP008: Planen är en länk till " in out
    code, out, err = _run(run_cli, project, "build", "--format", "html", "plans/lank.md")
    assert code == 1 and "VP008" in out
    assert not list((project / "dist").glob("lank*")) if (project / "dist").exists() else True


def test_a_link_inside_the_project_is_read(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, name="riktig")
    (project / "plans" / "lank.md").symlink_to("riktig.md")
    code, out, err = _run(run_cli, project, "check")
    assert code == 0, out + err


def test_a_named_pipe_called_like_a_plan_does_not_hang(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project)
    os.mkfifo(project / "plans" / "p.md")
    for command in (["check"], ["fmt", "--check"], ["build", "--format", "html"]):
        code, out, err = _run(run_cli, project, *command)
        assert code == 1, (command, out, err)
        assert "plans/p.md:1:1: fel VP003: Filen är ingen vanlig fil" in out, command


# --- fmt ----------------------------------------------------------------------------------------

MESSY = lambda t: t.replace("region: ", "region:   ", 1)  # noqa: E731 (fmt rewrites the spaces)


def test_fmt_writes_through_a_link_and_keeps_it(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    target = small_plan(project, name="riktig", edit=MESSY)
    link = project / "plans" / "lank.md"
    link.symlink_to("riktig.md")
    target.chmod(0o640)
    code, out, err = _run(run_cli, project, "fmt", "plans/lank.md")
    assert code == 0, out + err
    assert link.is_symlink() and os.readlink(link) == "riktig.md"
    assert "region:   " not in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fmt_refuses_a_link_out_of_the_project(project, outside, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    before = (outside / "hemlig.md").read_bytes()
    (project / "plans" / "lank.md").symlink_to(outside / "hemlig.md")
    code, out, err = _run(run_cli, project, "fmt")
    assert code == 1 and "VP008" in out
    assert (outside / "hemlig.md").read_bytes() == before and (project / "plans" / "lank.md").is_symlink()


def test_fmt_refuses_a_read_only_plan_and_leaves_it_alone(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    plan = small_plan(project, edit=MESSY)
    before = plan.read_bytes()
    plan.chmod(0o444)
    code, out, err = _run(run_cli, project, "fmt")
    assert code == 2
    assert "Fel: Filen plans/liten.md är skrivskyddad, så vplan fmt ändrar den inte." in err
    assert plan.read_bytes() == before and stat.S_IMODE(plan.stat().st_mode) == 0o444


def test_fmt_in_a_read_only_folder_says_so(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, edit=MESSY)
    real_access = os.access
    # As root every folder is writable, so the folder's permission is what os.access reports here.
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p).name == "plans" else real_access(p, mode))
    code, out, err = _run(run_cli, project, "fmt")
    assert code == 2 and "Fel: Mappen plans är skrivskyddad." in err and "Traceback" not in err


# --- schemas and profiles -------------------------------------------------------------------------

def _own_schemas(project: Path) -> Path:
    from vplan.read.schemas import builtin_schema_dir

    folder = project / "schema"
    folder.mkdir()
    for f in builtin_schema_dir().glob("*.schema.json"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("ref", ["file:///etc/passwd", "https://example.org/x.json", "../utanfor.json#/a"])
def test_a_schema_ref_to_a_file_or_the_network_is_refused(project, run_cli, monkeypatch, ref):
    from vplan.read.schemas import load_schema

    load_schema.cache_clear()
    monkeypatch.chdir(project)
    small_plan(project)
    folder = _own_schemas(project)
    doc = json.loads((folder / "risker.schema.json").read_text(encoding="utf-8"))
    doc["properties"]["rubrik"] = {"$ref": ref}
    (folder / "risker.schema.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = _run(run_cli, project, "check")
    load_schema.cache_clear()
    assert code == 2 and "Internt fel" not in err
    assert "risker.schema.json hänvisar till" in err and ref in err and "hämtar aldrig" in err


def test_a_schema_linked_out_of_the_project_is_refused(project, outside, run_cli, monkeypatch):
    from vplan.read.schemas import load_schema

    load_schema.cache_clear()
    monkeypatch.chdir(project)
    small_plan(project)
    folder = _own_schemas(project)
    (outside / "framsida.schema.json").write_text((folder / "framsida.schema.json").read_text(encoding="utf-8"))
    (folder / "framsida.schema.json").unlink()
    (folder / "framsida.schema.json").symlink_to(outside / "framsida.schema.json")
    code, out, err = _run(run_cli, project, "check")
    load_schema.cache_clear()
    assert code == 2 and "Schemat" in err and "framsida.schema.json är en länk till" in err


def test_a_profile_linked_out_of_the_project_is_refused(project, outside, run_cli, monkeypatch):
    from vplan.read.schemas import builtin_schema_dir

    monkeypatch.chdir(project)
    small_plan(project)
    (outside / "standard.yaml").write_text((builtin_schema_dir() / "profiles" / "standard.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    (project / "schema" / "profiles").mkdir(parents=True)
    (project / "schema" / "profiles" / "standard.yaml").symlink_to(outside / "standard.yaml")
    code, out, err = _run(run_cli, project, "check")
    assert code == 2 and "Strukturprofilen schema/profiles/standard.yaml är en länk till" in err


# --- house styles and dist/ -------------------------------------------------------------------------

def _own_style(project: Path, files: dict[str, str] | None = None) -> Path:
    style = project / "templates" / "egen"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text("namn: Egen\nbas: standard\n", encoding="utf-8")
    for name, text in (files or {}).items():
        (style / name).write_text(text, encoding="utf-8")
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: egen"))
    return style


def test_a_house_style_template_linked_out_of_the_project_is_refused(project, outside, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    style = _own_style(project)
    (style / "html.template").symlink_to(outside / "hemlig.md")
    code, out, err = _run(run_cli, project, "build", "--draft", "--format", "html")
    assert code == 2 and "HEMLIGT" not in out + err
    assert "templates/egen/html.template är en länk till" in err and "utanför projektet" in err
    assert not (project / "dist").exists()


@pytest.mark.parametrize("css,shown", [
    ("@import url('{outside}/hemlig.css');", "@import"),
    ("body {{ background: url({outside}/bild.png); }}", "url("),
    ("body {{ background: url('../../bild.png'); }}", "url(../../bild.png)"),
    ("@\\69mport '{outside}/hemlig.css';", "bakvänt snedstreck"),
    ("body {{ background: url('saknas.png'); }}", "url(saknas.png), men filen saknas.png finns inte i mappen egen/"),
])
def test_house_style_css_may_not_pull_in_outside_files(project, outside, run_cli, monkeypatch, css, shown):
    monkeypatch.chdir(project)
    (outside / "hemlig.css").write_text("body::after { content: 'HEMLIGT'; }", encoding="utf-8")
    _own_style(project, {"html.css": css.format(outside=outside)})
    code, out, err = _run(run_cli, project, "build", "--draft", "--format", "html")
    assert code == 2 and "HEMLIGT" not in out + err
    assert "templates/egen/html.css innehåller" in err and shown in err
    assert not (project / "dist").exists()


def test_house_style_css_may_use_its_own_pictures(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    from vplan.render.housestyle import BUILTIN_DIR

    css = (BUILTIN_DIR / "standard" / "html.css").read_text(encoding="utf-8")
    _own_style(project, {"html.css": css + "\nheader { background: url('logotyp.svg'); }\n",
                         "logotyp.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'})
    code, out, err = _run(run_cli, project, "build", "--format", "html")
    assert code == 0, out + err


@pytest.mark.parametrize("template", ["html.template", "typst.template"])
def test_a_house_style_template_may_not_pull_in_a_partial(project, outside, run_cli, monkeypatch, template):
    """pandoc reads a partial, ${ name() }, from whatever path the template names."""
    from vplan.render.housestyle import BUILTIN_DIR

    monkeypatch.chdir(project)
    text = (BUILTIN_DIR / "standard" / template).read_text(encoding="utf-8")
    _own_style(project, {template: text.replace("$body$", f"${{ {outside}/hemlig.md() }}\n$body$", 1)})
    code, out, err = _run(run_cli, project, "build", "--draft")
    assert code == 2 and "HEMLIGT" not in out + err
    assert f"templates/egen/{template}, rad " in err and "hämtar in en annan fil (en delmall)" in err
    assert not (project / "dist").exists()


def test_a_link_out_in_a_subfolder_of_a_house_style_is_refused(project, outside, run_cli, monkeypatch):
    """Jinja's include and typst's read() reach files in subfolders too."""
    monkeypatch.chdir(project)
    style = _own_style(project, {"_ord.md.j2": '{% set ord = {"indikator": "Nyckeltal"} %}\n'})
    (style / "djup").mkdir()
    (style / "djup" / "hemlig").symlink_to(outside / "hemlig.md")
    code, out, err = _run(run_cli, project, "build", "--draft", "--format", "html")
    assert code == 2 and "HEMLIGT" not in out + err
    assert "templates/egen/djup/hemlig är en länk till" in err and "utanför projektet" in err


@pytest.mark.parametrize("words", [
    '{% set x %}{% include "djup/hemlig" %}{% endset %}{% set ord = {"indikator": x} %}',
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    '{% set ord = {"indikator": "x" * 100000000} %}',
])
def test_house_words_may_only_be_written_out(project, run_cli, monkeypatch, words):
    """_ord.md.j2 sets words; a loop would run for hours even in Jinja's sandbox."""
    monkeypatch.chdir(project)
    style = _own_style(project, {"_ord.md.j2": words + "\n"})
    (style / "djup").mkdir()
    (style / "djup" / "hemlig").write_text("HEMLIGT", encoding="utf-8")
    code, out, err = _run(run_cli, project, "build", "--draft", "--format", "html")
    assert code == 2 and "HEMLIGT" not in out + err
    assert "Husstilens mall: _ord.md.j2, rad 1: filen får bara sätta orden" in err


def test_a_house_style_typst_template_reads_nothing_but_the_pictures(project, outside, run_cli, monkeypatch):
    """typst's root holds copies of the logo and the plan's pictures only: with a picture in plans/
    beside vplan's own logo, the folders' common path would be /."""
    from vplan.render.housestyle import BUILTIN_DIR

    monkeypatch.chdir(project)
    text = (BUILTIN_DIR / "standard" / "typst.template").read_text(encoding="utf-8")
    _own_style(project, {"typst.template": text.replace("$body$", f'#read("{outside}/hemlig.md")\n$body$', 1)})
    (project / "plans" / "bilder").mkdir()
    (project / "plans" / "bilder" / "karta.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: egen").replace(
        "Planen visar", "![Karta över länet](bilder/karta.svg)\n\nPlanen visar"))
    code, out, err = _run(run_cli, project, "build", "--format", "pdf")
    assert code == 2 and "HEMLIGT" not in out + err
    assert not (project / "dist").exists()


def test_a_house_style_typst_template_that_loops_is_stopped(project, run_cli, monkeypatch):
    """A style's own typst.template is code from the repository: it is compiled in a child process
    that a time limit stops, and the build says so in Swedish, with nothing written."""
    import time

    from vplan.render import _typst
    from vplan.render.housestyle import BUILTIN_DIR

    monkeypatch.chdir(project)
    monkeypatch.setattr(_typst, "OWN_TEMPLATE_SECONDS", 2.0)
    text = (BUILTIN_DIR / "standard" / "typst.template").read_text(encoding="utf-8")
    loop = "#for i in range(100000) { for j in range(100000) { } }\n"
    _own_style(project, {"typst.template": text.replace("$body$", loop + "$body$", 1)})
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: egen"))
    started = time.monotonic()
    code, out, err = _run(run_cli, project, "build", "--format", "pdf")
    assert time.monotonic() - started < 15
    assert code == 2, out + err
    assert "typst tog mer än 2 sekunder och avbröts" in out + err
    assert "Husstilens egen PDF-mall (typst.template) gör för mycket arbete" in out + err
    assert not (project / "dist").exists()


def test_a_logo_name_is_never_read_as_template_code(project, run_cli, monkeypatch):
    """The logo's name goes into the templates as it is: a quote in it would end the string."""
    monkeypatch.chdir(project)
    name = 'a.svg", height: 1cm) + text[#read("style.yaml")] + image("a.svg'
    style = _own_style(project, {name: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'})
    (style / "style.yaml").write_text(f"bas: standard\nlogotyp:\n  fil: '{name}'\n  alt: Ond\n", encoding="utf-8")
    code, out, err = _run(run_cli, project, "build", "--draft", "--format", "pdf")
    assert code == 2, out + err
    assert "logotyp.fil ska vara ett filnamn i mappen, med bara bokstäver" in err
    assert not (project / "dist").exists()


def test_a_dist_folder_linked_out_of_the_project_is_never_written(project, outside, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project)
    (project / "dist").symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in outside.iterdir())
    for command in (["build", "--format", "html"], ["release", "--format", "html"]):
        code, out, err = _run(run_cli, project, *command)
        assert code == 2, (command, out, err)
        assert "Utdatamappen dist är en länk till" in err
    assert sorted(p.name for p in outside.iterdir()) == before


@pytest.mark.parametrize("text,said", [
    ("namn: [\n", "schema/profiles/standard.yaml:2:1: Ett värde saknas"),
    ("namn: egen\n", "schema/profiles/standard.yaml:1:1: Nyckeln ”kapitel” saknas."),
    ('namn: egen\nkapitel:\n  - namn: A\n    mönster: "(a+)+$"\nnivåer: [mål]\n',
     "schema/profiles/standard.yaml:4:14: Mönstret för kapitlet ”A” har en upprepning i en upprepning"),
])
def test_a_broken_project_profile_is_a_swedish_message_not_an_internal_error(project, run_cli, monkeypatch,
                                                                              text, said):
    from vplan.profiles import _cache

    _cache.clear()
    monkeypatch.chdir(project)
    small_plan(project)
    (project / "schema" / "profiles").mkdir(parents=True)
    (project / "schema" / "profiles" / "standard.yaml").write_text(text, encoding="utf-8")
    code, out, err = _run(run_cli, project, "check")
    _cache.clear()
    assert code == 2 and "Internt fel" not in err
    assert err.startswith("Fel: " + said), err
    assert not any(word in err for word in ("did not", "expected", "found")), err  # no English from ruamel


# --- check knows what build would refuse in a house style (VP015) --------------------------------

@pytest.mark.parametrize("files, words", [
    ({"style.yaml": "namn: Egen\nbas: standard\nfärger:\n  primär: \"#ffffff\"\n"}, "kontrast"),
    ({"html.css": "@import url('/etc/passwd');\n"}, "@import"),
    ({"html.template": "${ /etc/passwd() }\n$body$\n"}, "delmall"),
    ({"_ord.md.j2": "{% for i in range(9) %}{% endfor %}\n"}, "_ord.md.j2, rad 1: filen får bara sätta orden"),
    ({"style.yaml": 'namn: Egen\nbas: standard\nfärger:\n  primär: "#1f3a5f\n'},
     "templates/egen/style.yaml, rad 4: Ett citattecken stängs aldrig."),
])
def test_check_refuses_a_house_style_that_build_would_refuse(project, run_cli, monkeypatch, files, words):
    """A plan that passes check builds: so check loads the style the plan names, as build does."""
    monkeypatch.chdir(project)
    style = _own_style(project)
    for name, text in files.items():
        (style / name).write_text(text, encoding="utf-8")
    code, out, err = _run(run_cli, project, "check")
    assert code == 1, out + err
    assert "plans/liten.md:14:7: fel VP015: Husstilen ”egen” går inte att använda:" in out and words in out
    code, out, err = _run(run_cli, project, "build", "--format", "html")
    assert code != 0 and not (project / "dist").exists()


def test_check_names_an_unknown_house_style_and_the_nearest(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: standrad"))
    code, out, err = _run(run_cli, project, "check")
    assert code == 1
    assert "fel VP015: Husstilen ”standrad” går inte att använda: okänd husstil" in out
    assert "Menade du ”standard”?" in out


def test_a_mistake_in_a_house_style_typst_template_is_named_as_such(project, run_cli, monkeypatch):
    """check does not run a region's own typst code; the build says whose mistake it is."""
    from vplan.render.housestyle import BUILTIN_DIR

    monkeypatch.chdir(project)
    text = (BUILTIN_DIR / "standard" / "typst.template").read_text(encoding="utf-8")
    _own_style(project, {"typst.template": text.replace("$body$", "#finns-inte\n$body$", 1)})
    code, out, err = _run(run_cli, project, "build", "--format", "pdf")
    assert code == 2, out + err
    assert "husstilens egen PDF-mall (typst.template) har ett fel" in err
    assert "typst säger (på engelska): unknown variable: finns-inte" in err
    assert not (project / "dist").exists()
