"""House styles: built-ins load, a project's own folder wins, and broken styles say why.

Each folder in data/bad-styles/ is a style.yaml beside expected.txt, the part
of the Swedish error message it must give.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from render_support import DATA, STYLES
from vplan.render.errors import RenderError
from vplan.render.housestyle import BUILTIN_DIR, available_house_styles, load_house_style

BAD = sorted(p.name for p in (DATA / "bad-styles").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", STYLES)
def test_builtin_styles_load_with_logo_alt_text_and_all_files(name):
    style = load_house_style(name)
    assert style.logo is not None and style.logo.is_file() and style.logo_alt
    for filename in ("typst.template", "html.template", "html.css"):
        assert style.require(filename).is_file()
    assert style.folders[0] == BUILTIN_DIR / name


def test_builtin_templates_folder_is_the_top_level_templates():
    assert BUILTIN_DIR.resolve() == (Path(__file__).resolve().parents[2] / "templates")


def test_available_lists_the_builtins():
    assert set(STYLES) <= set(available_house_styles())


def test_unknown_style_names_the_ones_there_are():
    with pytest.raises(RenderError) as err:
        load_house_style("gotland")
    message = str(err.value)
    assert message.startswith("husstilen: okänd husstil 'gotland'")
    assert "vasternorrland" in message


@pytest.mark.parametrize("name", ["../standard", "Standard", "", "a/b"])
def test_names_that_are_not_folder_names_are_refused(name):
    with pytest.raises(RenderError, match="ogiltigt namn på husstil"):
        load_house_style(name)


def test_a_project_style_with_only_style_yaml_borrows_the_rest(tmp_path):
    own = tmp_path / "templates" / "min-region"
    own.mkdir(parents=True)
    (own / "style.yaml").write_text(
        'namn: Min region\nbas: vasternorrland\nfärger:\n  primär: "#123456"\n', encoding="utf-8"
    )
    style = load_house_style("min-region", [tmp_path / "templates"])
    assert style.display_name == "Min region"
    assert style.colours.primary == "#123456"
    assert style.colours.accent == load_house_style("vasternorrland").colours.accent
    assert style.logo == BUILTIN_DIR / "vasternorrland" / "logotyp.svg"
    assert style.require("typst.template") == BUILTIN_DIR / "standard" / "typst.template"


def test_a_project_folder_shadows_a_builtin_of_the_same_name(tmp_path):
    own = tmp_path / "standard"
    shutil.copytree(BUILTIN_DIR / "standard", own)
    (own / "style.yaml").write_text(
        (own / "style.yaml").read_text(encoding="utf-8").replace("namn: Standard", "namn: Vår standard"),
        encoding="utf-8",
    )
    assert load_house_style("standard", [tmp_path]).display_name == "Vår standard"


@pytest.mark.parametrize("case", BAD)
def test_broken_style_gives_its_swedish_message(tmp_path, case):
    shutil.copytree(DATA / "bad-styles" / case, tmp_path / case)
    expected = (tmp_path / case / "expected.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(RenderError) as err:
        load_house_style(case, [tmp_path])
    assert expected in str(err.value)
    assert str(err.value).startswith("husstilen")
