"""`vplan release`: every plan into dist/ with a manifest that tells the truth; a rebuild
skips what has not changed."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from build_support import PLANS

from vplan import __version__


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A project with the three example plans, released once on two cores (through the API)."""
    from vplan.options import Options
    from vplan.render.release import release

    project = tmp_path_factory.mktemp("release")
    (project / "plans").mkdir()
    for plan in PLANS:
        shutil.copy(plan, project / "plans" / plan.name)
    seen = []
    result = release(options=Options(project_dir=project, jobs=2), progress=lambda p, n: seen.append((p, n)))
    assert result.exit_code == 0, [(p.source, p.message) for p in result.plans]
    return project, result.summary(), seen


@pytest.fixture
def in_project(released, monkeypatch):
    monkeypatch.chdir(released[0])
    return released[0]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_manifest_describes_every_output(released):
    project, summary, _ = released
    manifest = json.loads((project / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["vplan"] == __version__
    entries = manifest["plans"]
    assert [e["source"] for e in entries] == sorted(f"plans/{p.name}" for p in PLANS)
    for entry in entries:
        source = project / entry["source"]
        assert entry["source_sha256"] == sha(source.read_bytes())
        assert entry["git_commit"] is None  # the temp project is not a git repository
        assert entry["vplan"] == __version__
        assert len(entry["house_style_sha256"]) == 64 and entry["house_style"]
        assert [o["format"] for o in entry["outputs"]] == ["html", "docx", "pdf"]
        for o in entry["outputs"]:
            data = (project / "dist" / o["path"]).read_bytes()
            assert o["path"] == f"{source.stem}.{o['format']}"
            assert (o["size"], o["sha256"]) == (len(data), sha(data))
    assert summary == "3 planer: 3 byggda"


def test_rebuild_skips_unchanged_plans(in_project, run_cli):
    project = in_project
    manifest = (project / "dist" / "manifest.json").read_bytes()
    mtimes = {p.name: p.stat().st_mtime_ns for p in (project / "dist").iterdir()}

    code, out, err = run_cli(["release"])
    assert code == 0 and "3 planer: 3 oförändrade." in out
    assert (project / "dist" / "manifest.json").read_bytes() == manifest
    assert all(p.stat().st_mtime_ns == mtimes[p.name] for p in (project / "dist").iterdir()
               if p.name != "manifest.json")

    changed = project / "plans" / "vasterbotten-regionstyrelsen-2023.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Visionen avslutas", "Visionen slutar"),
                       encoding="utf-8")
    code, out, err = run_cli(["release"])
    assert code == 0 and "3 planer: 1 byggd, 2 oförändrade." in out
    entry = next(e for e in json.loads((project / "dist" / "manifest.json").read_text())["plans"]
                 if e["source"].endswith(changed.name))
    assert entry["source_sha256"] == sha(changed.read_bytes())


def test_a_tampered_output_is_rebuilt(in_project, run_cli):
    project = in_project
    pdf = project / "dist" / "vasternorrland-regionstyrelsen-2025.pdf"
    good = pdf.read_bytes()
    pdf.write_bytes(b"trasig")
    code, out, _ = run_cli(["release"])
    assert code == 0 and "1 byggd, 2 oförändrade" in out
    assert pdf.read_bytes() == good


def test_manifest_records_the_engines_as_they_report_themselves(released):
    """The versions are asked of the engines, not copied from vplan's own declarations."""
    import importlib.metadata
    import re
    import subprocess

    import typst

    from vplan.render._pandoc import pandoc_path

    project, _, _ = released
    manifest = json.loads((project / "dist" / "manifest.json").read_text(encoding="utf-8"))
    said = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True).stdout
    sys_version = str(typst.eval(b"", "sys.version"))
    want = {"pandoc": said.split()[1], "pypandoc-binary": importlib.metadata.version("pypandoc-binary"),
            "typst": ".".join(re.findall(r"\d+", sys_version)), "typst-py": importlib.metadata.version("typst")}
    assert manifest["engines"] == want and all(want.values())
    assert all(e["engines"] == want for e in manifest["plans"])


def test_another_engine_version_rebuilds_every_plan(in_project, run_cli):
    """Documents made by another pandoc or typst are not "unchanged", even with the same sources."""
    manifest = in_project / "dist" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in data["plans"]:
        entry["engines"]["typst"] = "0.0.1"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run_cli(["release"])
    assert code == 0 and "3 planer: 3 byggda" in out
    assert all(e["engines"]["typst"] != "0.0.1" for e in json.loads(manifest.read_text(encoding="utf-8"))["plans"])


def test_progress_reports_each_plan(released):
    _, _, seen = released
    assert sorted(Path(p.source).name for p, _ in seen) == sorted(p.name for p in PLANS)
    assert {n for _, n in seen} == {len(PLANS)}


def test_release_output_without_a_terminal_is_plain_lines(in_project, run_cli):
    code, out, err = run_cli(["release"])
    assert code == 0
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("Oförändrad: plans/") for line in lines)
    assert "Manifest: dist/manifest.json" in out
