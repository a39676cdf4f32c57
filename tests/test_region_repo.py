"""A region's own repository: its own structure profile and house style, no code."""
import shutil
from pathlib import Path

import pytest

from vplan.cli import main

REPO = Path(__file__).parent / "cases" / "region-repo"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    dest = tmp_path / "region"
    shutil.copytree(REPO, dest)
    monkeypatch.chdir(dest)
    return dest


def run(*args) -> int:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    return exit_.value.code


def test_own_profile_is_used(repo, capsys):
    assert run("check", "plans/") == 0
    assert "Inga fel i 1 plan." in capsys.readouterr().out


def test_own_profile_forbids_other_chapters(repo, capsys):
    plan = repo / "plans" / "kulturnamnden-2026.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("# Ekonomi", "# Övrigt\n\nText.\n\n# Ekonomi"),
                    encoding="utf-8")
    assert run("check", "plans/") == 1
    assert "VP103" in capsys.readouterr().out


def test_own_house_style_builds(repo):
    assert run("build", "plans/", "--format", "html") == 0
    html = (repo / "dist" / "kulturnamnden-2026.html").read_text(encoding="utf-8")
    assert "#1d4e89" in html.lower()  # the region's own colour, from its style.yaml
    assert "Kulturnämnden" in html
