"""The files that make installs repeatable: the lock, the floors, the release workflow."""
from __future__ import annotations

import importlib.util
import re
import tomllib

from conftest import ROOT
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def direct() -> list[Requirement]:
    reqs = [*PYPROJECT["dependencies"], *(r for e in ("dokument", "test") for r in PYPROJECT["optional-dependencies"][e])]
    return [Requirement(r) for r in reqs]


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not an exact pin"
            pins[norm(name)] = Version(version)
    return pins


def test_the_lock_pins_every_direct_dependency_within_its_range():
    pins = lock()
    assert "vplan" not in pins
    for req in direct():
        assert norm(req.name) in pins, f"{req.name} is missing from requirements.lock (make lock)"
        assert pins[norm(req.name)] in req.specifier, f"{req.name}=={pins[norm(req.name)]} is outside {req}"


def test_make_installs_with_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c requirements.lock -e '.[dokument,test]'" in makefile
    assert re.search(r"^\$\(STAMP\): pyproject.toml requirements.lock$", makefile, re.MULTILINE)


def test_lowest_constraints_are_the_declared_floors():
    spec = importlib.util.spec_from_file_location("lowest", ROOT / ".ci" / "lowest.py")
    lowest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lowest)
    floors = {norm(name): floor for name, floor, _ in lowest.floors(ROOT / "pyproject.toml")}
    assert set(floors) == {norm(r.name) for r in direct()}
    for req in direct():
        assert Version(floors[norm(req.name)]) in req.specifier


def test_floors_exclude_the_versions_known_to_fail():
    """pypandoc-binary 1.13 writes no typst, 1.14 and 1.15 leak {#tbl-…} into HTML captions, 1.16.2
    lets typst turn -- into a dash; typst-py 0.14 has no timestamp; fmt imports markdown_it."""
    reqs = {norm(r.name): r.specifier for r in direct()}
    for name, bad in (("pypandoc-binary", "1.16.2"), ("typst", "0.14.9")):
        assert Version(bad) not in reqs[name], name
    assert "markdown-it-py" in reqs and "nh3" not in reqs
    assert "typst" not in {norm(Requirement(r).name) for r in PYPROJECT["dependencies"]}  # the extra only


def test_ci_runs_the_readme_commands_and_the_lowest_suite():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.index("make build") < run.index("make test") < run.index("bash .ci/lowest.sh")
    assert '"$VENV/bin/python" -m pytest' in (ROOT / ".ci" / "lowest.sh").read_text(encoding="utf-8")


def test_release_workflow_tests_the_wheel_and_publishes_only_when_registered():
    from ruamel.yaml import YAML

    flow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    assert flow["on"] == {"push": {"tags": ["v*"]}}
    jobs = flow["jobs"]
    assert any("python -m build" in str(s.get("run", "")) for s in jobs["build"]["steps"])
    checkout = jobs["build"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # the version comes from the tag
    tests = [s for s in jobs["test-wheel"]["steps"] if "pytest tests/install" in str(s.get("run", ""))]
    assert tests and tests[0]["env"]["VPLAN_TEST_DIST"] == "dist"
    pypi = jobs["pypi"]
    assert pypi["if"] == "vars.PYPI_REGISTERED == 'true'"
    assert set(pypi["needs"]) == {"build", "test-wheel"}
    assert pypi["permissions"] == {"id-token": "write"}
    assert pypi["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")


def test_version_is_a_pep440_version_and_shown_by_the_cli(run_cli):
    """From the git tag at install time (vplan/_version.py); the wheel test checks it against the
    wheel's own name."""
    import vplan

    Version(vplan.__version__)  # raises for anything pip could not compare
    code, out, _ = run_cli(["--version"])
    assert code == 0 and out.strip() == f"vplan {vplan.__version__}"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
