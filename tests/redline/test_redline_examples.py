"""The example plans as marked-up versions: all new, and one compared with a
very different plan (sections, tables, footnotes and blocks removed and added).
Every document must build, and the HTML must pass axe-core."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from redline_support import git

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "judges"))
import axe_run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "plans").glob("*.md"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from vplan.options import Options
    from vplan.render.redline import build_redline

    repo = tmp_path_factory.mktemp("exempel")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.se")
    git(repo, "config", "user.name", "Test")
    (repo / "plans").mkdir()
    (repo / "README.md").write_text("Planer\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Tomt")
    for plan in PLANS:
        shutil.copy(plan, repo / "plans" / plan.name)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Planerna")
    first, last = PLANS[0].name, PLANS[-1].name
    (repo / "plans" / first).write_text((repo / "plans" / last).read_text(encoding="utf-8"), encoding="utf-8")
    options = Options(project_dir=repo, formats=("html", "pdf"), source_date_epoch=0)
    new = build_redline([repo / "plans" / last], revision="HEAD~1", options=options.with_(out_dir=repo / "ny"))
    other = build_redline([repo / "plans" / first], revision="HEAD", options=options.with_(out_dir=repo / "annan"))
    return repo, new, other


def test_every_example_builds(built):
    _repo, new, other = built
    for result in (new, other):
        assert result.exit_code == 0, [(p.source, p.status, p.message) for p in result.plans]


def test_a_wholly_different_plan_is_struck_and_underlined(built):
    from redline_support import pdf_text, squeeze

    repo, _new, other = built
    pdf = next(o.path for o in other.plans[0].outputs if o.format == "pdf")
    text = squeeze(pdf_text(pdf, "-layout"))
    assert "borttaget: Region Jämtland Härjedalen tillagt: Region Västernorrland" in text
    assert text.count("borttaget:") > 50 and text.count("tillagt:") > 50


def test_axe_finds_no_violations(built):
    reason = axe_run.missing()
    if reason:
        pytest.skip(f"axe-domaren kan inte köras: {reason}")
    _repo, new, other = built
    files = [o.path for r in (new, other) for p in r.plans for o in p.outputs if o.format == "html"]
    results = axe_run.run_axe(files)
    assert {Path(r["file"]).name: [v["id"] for v in r["violations"]] for r in results if r["violations"]} == {}
