"""Shared by the redline tests: a git repository with a proposal and a decided
plan, and the marked-up documents built from it once per test session.

Not a conftest.py (tests/conftest.py is imported by name); test modules import
the fixtures from here.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EDIT = DATA / "forslag-till-beslut.edit"

sys.path.insert(0, str(HERE.parent / "diff"))
from test_diff_cases import apply  # noqa: E402  (the step format of tests/cases/diff)


def load_edit(path: Path = EDIT) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-11-20T12:00:00", "GIT_COMMITTER_DATE": "2024-11-20T12:00:00"}
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout.strip()


def make_repo(folder: Path, spec: dict) -> Path:
    """plans/plan.md committed as the proposal (tag forslag), then as the decided plan."""
    base = (EDIT.parent / spec["base"]).read_text(encoding="utf-8")
    proposal = apply(base, spec["forslag"])
    decided = apply(proposal, spec["beslut"])
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "test@example.se")
    git(folder, "config", "user.name", "Test")
    plan = folder / "plans" / "plan.md"
    plan.parent.mkdir(parents=True)
    plan.write_text(proposal, encoding="utf-8")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "Förslag")
    git(folder, "tag", "forslag")
    plan.write_text(decided, encoding="utf-8")
    git(folder, "commit", "-q", "-am", "Beslutad")
    return folder


@pytest.fixture(scope="session")
def redline(tmp_path_factory):
    """(repo, result) of `vplan build --redline forslag` in a fresh repository."""
    from vplan.options import Options
    from vplan.render.redline import build_redline

    repo = make_repo(tmp_path_factory.mktemp("repo"), load_edit())
    result = build_redline([repo / "plans" / "plan.md"], revision="forslag",
                           options=Options(project_dir=repo, source_date_epoch=0))
    assert result.exit_code == 0, [(p.status, p.message) for p in result.plans]
    return repo, result


def output(repo: Path, fmt: str) -> Path:
    return repo / "dist" / f"plan.andringar.{fmt}"


def pdf_text(path: Path, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils)")
    done = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def squeeze(text: str) -> str:
    return " ".join(text.replace("\u00ad\n", "").split())


def html_marks(page: str) -> str:
    """The page's text with <del>…</del> as [-…-] and <ins>…</ins> as {+…+}, other tags gone."""
    body = page.split("<main", 1)[1]
    body = re.sub(r'<del class="andring">', "[-", body).replace("</del>", "-]")
    body = re.sub(r'<ins class="andring">', "{+", body).replace("</ins>", "+}")
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub(r"\s+([-+][\]}])", r"\1", body)
    body = re.sub(r"([\[{][-+])\s+", r"\1", body)
    return squeeze(unescape(body))
