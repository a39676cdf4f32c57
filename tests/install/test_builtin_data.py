"""vplan's own schema/ and templates/: found installed (vplan/data/) or in a checkout, and a
clear Swedish message, not an internal error, when an installation lacks them."""
from __future__ import annotations

import shutil

import pytest
from conftest import PLANS, ROOT

from vplan import paths


@pytest.fixture
def package(tmp_path, monkeypatch):
    """vplan's package folder as if it were installed in `tmp_path/site/vplan`."""
    folder = tmp_path / "site" / "vplan"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE", folder)
    paths.builtin.cache_clear()
    paths.builtin_roots.cache_clear()
    yield folder
    paths.builtin.cache_clear()
    paths.builtin_roots.cache_clear()


def test_a_checkout_reads_the_top_level_folders():
    assert paths.builtin("schema") == ROOT / "schema"
    assert paths.builtin("templates") == ROOT / "templates"
    assert not (ROOT / "vplan" / "data").exists()  # no links or copies in the repository


def test_an_installation_reads_its_data_folder(package):
    for name in paths.BUILTIN_DATA:
        shutil.copytree(ROOT / name, package / "data" / name)
    assert paths.builtin("schema") == package / "data" / "schema"
    assert paths.builtin_roots() == (package / "data" / "schema", package / "data" / "templates")


def test_an_installation_without_data_says_so_in_swedish(package, monkeypatch, run_cli):
    (package / "data").mkdir()
    (package / "data" / "schema").write_text("../../schema")  # a symlink checked out as a text file
    region = package.parent.parent / "region"
    (region / "plans").mkdir(parents=True)
    shutil.copy(PLANS[0], region / "plans")
    monkeypatch.chdir(region)
    code, out, err = run_cli(["check", "plans/"])
    assert code == 2, (out, err)
    assert "vplans inbyggda mapp schema/ saknas i installationen" in err
    assert "Installera om vplan" in err and "Traceback" not in err and "Internt fel" not in err
