"""The wheel as a region's IT person installs it: built from the sdist, into a
fresh virtual environment outside the repository, used in a new region repository.

Nothing from the source tree may leak in: the venv has no system site-packages,
the commands run with the region repository as working folder and no PYTHONPATH,
so a data file missing from the wheel (schema/, templates/) fails here.
Dependencies are pinned to the versions of the environment running the tests,
so pip resolves nothing new.
"""
from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

PLAN = ROOT / "plans" / "vasternorrland-regionstyrelsen-2025.md"


def run(cmd, *, cwd, env, ok=(0,)) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode in ok, f"{cmd} gave {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def clean_env(venv: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env


def pins(path: Path) -> Path:
    """Constraints: every distribution of the running environment at its installed version."""
    lines = sorted({f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
                    if d.metadata["Name"] and d.metadata["Name"].lower() != "vplan"})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """sdist and wheel, the wheel built from the unpacked sdist (python -m build does both).
    VPLAN_TEST_DIST names a folder with them already built: the release workflow tests the very
    files it publishes."""
    if os.environ.get("VPLAN_TEST_DIST"):
        return Path(os.environ["VPLAN_TEST_DIST"]).resolve()
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=ROOT, env=dict(os.environ))
    return out


def the(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_wheel_carries_the_data_and_no_links(dist):
    wheel = the(dist, "vplan-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for info in z.infolist():
            assert (info.external_attr >> 16) & 0o170000 != 0o120000, f"symlink in the wheel: {info.filename}"
    for source in [*ROOT.glob("schema/**/*"), *ROOT.glob("templates/**/*")]:
        if source.is_file():
            assert f"vplan/data/{source.relative_to(ROOT).as_posix()}" in names
    assert "vplan/_version.py" in names
    assert "vplan/glyphs.json" in names  # check's list of what the PDF can show (VP422)


def test_sdist_carries_tests_and_license(dist):
    import tarfile

    with tarfile.open(the(dist, "vplan-*.tar.gz")) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    folders = ["tests", "schema", "templates", "plans"]
    if (ROOT / ".git").exists():
        tracked = run(["git", "ls-files", *folders], cwd=ROOT, env=dict(os.environ)).stdout.split()
    else:  # the tests running from an unpacked sdist
        tracked = [p.relative_to(ROOT).as_posix() for f in folders for p in (ROOT / f).rglob("*")
                   if p.is_file() and not {"node_modules", "__pycache__"} & set(p.parts)]
    assert len(tracked) > 300
    for wanted in ("LICENSE", "pyproject.toml", "requirements.lock", "PKG-INFO", *tracked):
        assert wanted in names, wanted
    assert not any("node_modules" in n for n in names)


def test_installed_wheel_checks_and_builds_in_a_new_region_repository(dist, tmp_path):
    wheel = the(dist, "vplan-*.whl")
    version = wheel.name.split("-")[1]
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=dict(os.environ))
    env = clean_env(venv)
    py, vplan = venv / "bin" / "python", venv / "bin" / "vplan"
    constraints = pins(tmp_path / "pins.txt")
    pip = [py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", constraints]

    region = tmp_path / "region"
    (region / "plans").mkdir(parents=True)
    shutil.copy(PLAN, region / "plans" / PLAN.name)

    # The base install: check, fmt and diff, without the PDF engine.
    run([*pip, wheel], cwd=tmp_path, env=env)
    where = run([py, "-c", "import vplan; print(vplan.__file__)"], cwd=region, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    assert run([vplan, "--version"], cwd=region, env=env).stdout.strip() == f"vplan {version}"
    assert "Inga fel i 1 plan." in run([vplan, "check", "plans/"], cwd=region, env=env).stdout
    run([vplan, "fmt", "--check", "plans/"], cwd=region, env=env)
    copy = region / "andra.md"
    copy.write_text(PLAN.read_text(encoding="utf-8").replace("75", "78", 1), encoding="utf-8")
    assert run([vplan, "diff", region / "plans" / PLAN.name, copy], cwd=region, env=env, ok=(1,)).stdout
    copy.unlink()
    missing = run([vplan, "build", "plans/"], cwd=region, env=env, ok=(2,))
    assert 'pip install "vplan[dokument]"' in missing.stderr
    assert "Traceback" not in missing.stderr and not (region / "dist").exists()
    run([vplan, "build", "--format", "html", "plans/"], cwd=region, env=env)

    # With the extra: every format, and a release with its manifest.
    run([*pip, f"{wheel}[dokument]"], cwd=tmp_path, env=env)
    built = run([vplan, "build", "plans/"], cwd=region, env=env)
    for suffix in ("html", "docx", "pdf"):
        out = region / "dist" / f"{PLAN.stem}.{suffix}"
        assert out.stat().st_size > 10_000, (suffix, built.stdout)
    assert (region / "dist" / f"{PLAN.stem}.pdf").read_bytes().startswith(b"%PDF-")
    run([vplan, "release", "plans/"], cwd=region, env=env)
    assert (region / "dist" / "manifest.json").is_file()
