"""`vplan init` end to end: the new repository checks and builds at once, uses its own
style and profile, and init never replaces a file or writes outside its folder."""
import shutil
import subprocess
from pathlib import Path

import pytest

from vplan.scaffold import slug

REGION = "Region Jämtland Härjedalen"
PLAN = "plans/jamtland-harjedalen-regionstyrelsen-2026.md"


@pytest.fixture
def init(run_cli):
    def run(target, *extra, region=REGION):
        return run_cli(["init", str(target), "--region", region, "--ar", "2026", *extra])
    return run


@pytest.fixture
def repo(tmp_path, init, monkeypatch):
    target = tmp_path / "planer"
    code, out, err = init(target)
    assert code == 0, err
    monkeypatch.chdir(target)
    return target


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_new_repository_checks_and_builds(repo, run_cli, tmp_path):
    assert (repo / PLAN).is_file()
    code, out, err = run_cli(["check", "plans/"])
    assert code == 0, out + err
    code, out, err = run_cli(["build", "--format", "html,pdf", "plans/"])
    assert code == 0, out + err
    stem = Path(PLAN).stem
    assert "Region Jämtland Härjedalen" in (repo / "dist" / f"{stem}.html").read_text(encoding="utf-8")
    pdf = repo / "dist" / f"{stem}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):  # the first page renders as a picture, not an error
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "sida")],
                       check=True)
        assert (tmp_path / "sida-1.png").stat().st_size > 1000


def test_plan_uses_the_regions_style_and_profile(repo):
    text = (repo / PLAN).read_text(encoding="utf-8")
    assert "\nmall: jamtland-harjedalen\n" in text and "\nprofil: jamtland-harjedalen\n" in text
    assert "region: Region Jämtland Härjedalen" in text or 'region: "Region Jämtland Härjedalen"' in text


def test_a_colour_changed_in_the_own_style_reaches_the_html(repo, run_cli):
    style = repo / "templates" / "jamtland-harjedalen" / "style.yaml"
    style.write_text(style.read_text(encoding="utf-8").replace('primär: "#1f3a5f"', 'primär: "#5b2a6e"'),
                     encoding="utf-8")
    code, out, err = run_cli(["build", "--format", "html", "plans/"])
    assert code == 0, out + err
    html = (repo / "dist" / f"{Path(PLAN).stem}.html").read_text(encoding="utf-8").lower()
    assert "#5b2a6e" in html and "#1f3a5f" not in html


def test_the_own_profile_is_what_check_follows(repo, run_cli):
    profile = repo / "schema" / "profiles" / "jamtland-harjedalen.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("  - namn: Ekonomi\n",
                                                                   "  - namn: Ekonomi och budget\n"),
                       encoding="utf-8")
    code, out, err = run_cli(["check", "plans/"])
    assert code == 1
    assert "VP102" in out or "VP100" in out


def test_git_uses_the_diff_driver_for_plans(repo):
    if not shutil.which("git"):
        pytest.skip("git saknas")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    done = subprocess.run(["git", "check-attr", "diff", PLAN], cwd=repo, capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("diff: vplan")


def test_refuses_a_folder_that_is_not_empty(tmp_path, init):
    (tmp_path / "anteckning.txt").write_text("min", encoding="utf-8")
    code, out, err = init(tmp_path)
    assert code == 2
    assert "inte tom" in err and "--i-befintlig" in err and "Traceback" not in err
    assert files(tmp_path) == {"anteckning.txt": b"min"}


def test_a_folder_with_only_git_counts_as_empty(tmp_path, init):
    (tmp_path / ".git").mkdir()
    code, out, err = init(tmp_path)
    assert code == 0, err
    assert (tmp_path / PLAN).is_file()


def test_into_existing_keeps_every_file_that_is_there(tmp_path, init):
    (tmp_path / "README.md").write_text("Vår egen", encoding="utf-8")
    (tmp_path / "vplan.toml").write_text('ignorera = ["VP404"]\n', encoding="utf-8")
    code, out, err = init(tmp_path, "--i-befintlig")
    assert code == 0, err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "Vår egen"
    assert (tmp_path / "vplan.toml").read_text(encoding="utf-8") == 'ignorera = ["VP404"]\n'
    assert "Finns redan, orörd: README.md" in out
    before = files(tmp_path)
    code, out, err = init(tmp_path, "--i-befintlig")  # again: nothing new, nothing changed
    assert code == 0, err
    assert files(tmp_path) == before
    assert "Skapade" not in out


def test_a_repository_with_plans_gets_no_new_plan(tmp_path, init):
    (tmp_path / "plans" / "nämnder").mkdir(parents=True)
    (tmp_path / "plans" / "nämnder" / "kultur-2025.md").write_text("---\n---\n", encoding="utf-8")
    code, out, err = init(tmp_path, "--i-befintlig")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "plans").rglob("*.md")) == ["kultur-2025.md"]
    assert "ingen ny plan" in out
    assert (tmp_path / "templates" / "jamtland-harjedalen" / "style.yaml").is_file()


def test_never_writes_through_a_link_out_of_the_folder(tmp_path, init):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    target = tmp_path / "planer"
    target.mkdir()
    (target / "templates").symlink_to(outside)
    code, out, err = init(target, "--i-befintlig")
    assert code == 2
    assert "utanför" in err
    assert list(outside.iterdir()) == []
    assert [p.name for p in target.iterdir()] == ["templates"]


def test_a_file_is_not_a_folder(tmp_path, init):
    target = tmp_path / "fil"
    target.write_text("x", encoding="utf-8")
    code, out, err = init(target)
    assert code == 2 and "är en fil" in err


@pytest.mark.parametrize("region", ["", " ", "\x1b[31mRegion", "x" * 101])
def test_bad_region_names(tmp_path, init, region):
    code, out, err = init(tmp_path / "ny", region=region)
    assert code == 2 and "--region" in err
    assert not (tmp_path / "ny").exists()


def test_a_failing_first_plan_leaves_nothing(tmp_path, monkeypatch):
    from vplan import scaffold
    from vplan.errors import UsageError

    def broken(who, root):
        raise UsageError("trasig")

    monkeypatch.setattr(scaffold, "_first_plan", broken)
    with pytest.raises(UsageError):
        scaffold.init_repository(tmp_path, region=REGION, year=2026)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, expected", [
    ("Region Jämtland Härjedalen", "jamtland-harjedalen"),
    ("Region Örebro län", "orebro-lan"),
    ("Västra Götalandsregionen", "vastra-gotalandsregionen"),
    ("Region Standard", "region-standard"),  # a style named standard would be its own base
    ("Region", "region"),
    ("Регион", "region"),
])
def test_slug(name, expected):
    assert slug(name) == expected


def test_the_getting_started_commands_work(tmp_path, run_cli, monkeypatch):
    """docs/kom-igang.md as an official follows it: init, check, then vplan new for the next board."""
    import shlex

    doc = (Path(__file__).resolve().parents[2] / "docs" / "kom-igang.md").read_text(encoding="utf-8")
    commands = [shlex.split(line)[1:] for line in doc.splitlines()
                if line.startswith(("vplan init ", "vplan check ", "vplan new "))]
    assert [c[0] for c in commands] == ["init", "check", "new"]
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(commands[0])
    assert code == 0, err
    monkeypatch.chdir(tmp_path / commands[0][1])
    for argv in (commands[2], commands[1]):
        code, out, err = run_cli(argv)
        assert code == 0, out + err
    new_plan = Path(commands[2][-1]).read_text(encoding="utf-8")
    assert "\nmall: vasterbotten\n" in new_plan and "\nprofil: vasterbotten\n" in new_plan


def test_pre_commit_hooks_run_and_stop_a_broken_plan(repo, tmp_path):
    import importlib.util
    import os
    import sys

    if importlib.util.find_spec("pre_commit") is None or not shutil.which("git"):
        pytest.skip("pre-commit eller git saknas")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def hooks():
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True)

    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    done = hooks()
    assert done.returncode == 0, done.stdout + done.stderr
    plan = repo / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace("# Ekonomi\n", "# Ekonomin\n"), encoding="utf-8")
    done = hooks()
    assert done.returncode == 1 and "VP102" in done.stdout
