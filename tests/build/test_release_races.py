"""vplan release interrupted or run twice at once (issue 9): Ctrl-C exits 130 without a
traceback from any worker, and two releases into one dist/ keep both plans in the manifest."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from build_support import PLANS

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path, copies: int = 1) -> Path:
    """The example plans, `copies` times each: enough work that a release is still running
    when the test interrupts it."""
    (tmp_path / "plans").mkdir()
    for plan in PLANS:
        for k in range(copies):
            name = plan.name if k == 0 else f"{plan.stem}-{k}.md"
            shutil.copy(plan, tmp_path / "plans" / name)
    return tmp_path


def _vplan(project: Path, *args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("VPLAN_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "vplan", *args, "--project", str(project)], cwd=project,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def test_ctrl_c_during_release_exits_130_without_tracebacks(tmp_path):
    project = _project(tmp_path, copies=12)
    proc = _vplan(project, "release", "--jobs", "2", start_new_session=True)  # its own group, like a terminal's
    time.sleep(2.5)  # workers started and busy with pandoc and typst
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().endswith("Avbrutet.")


def test_interrupting_only_the_parent_stops_the_workers_too(tmp_path):
    project = _project(tmp_path, copies=12)
    proc = _vplan(project, "release", "--jobs", "2", start_new_session=True)
    time.sleep(2.5)
    os.kill(proc.pid, signal.SIGINT)  # `kill -INT`: only the parent hears it
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err


def test_two_releases_into_one_dist_keep_every_manifest_entry(tmp_path):
    project = _project(tmp_path)
    names = sorted(p.name for p in (project / "plans").iterdir())
    first = _vplan(project, "release", "--format", "html", f"plans/{names[0]}")
    second = _vplan(project, "release", "--format", "html", f"plans/{names[1]}")
    for proc in (first, second):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, out + err
    manifest = json.loads((project / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(e["source"] for e in manifest["plans"]) == [f"plans/{names[0]}", f"plans/{names[1]}"]
    assert sorted(p.name for p in (project / "dist").iterdir()) == sorted(
        ["manifest.json", *(Path(n).stem + ".html" for n in names[:2])])


def test_after_ctrl_c_the_manifest_describes_the_documents_in_dist(tmp_path):
    """Plans rebuilt before Ctrl-C have new documents; the manifest must not keep the old sums."""
    import hashlib

    project = _project(tmp_path, copies=6)
    first = _vplan(project, "release", "--jobs", "2", "--format", "html,docx")
    assert first.wait(timeout=300) == 0
    for plan in (project / "plans").iterdir():
        plan.write_text(plan.read_text(encoding="utf-8").replace("\n# ", "\nNy mening.\n\n# ", 1), encoding="utf-8")
    proc = _vplan(project, "release", "--jobs", "2", "--format", "html,docx", start_new_session=True)
    time.sleep(2.5)  # some plans rebuilt, others not yet
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    dist = project / "dist"
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    assert all(hashlib.sha256((dist / o["path"]).read_bytes()).hexdigest() == o["sha256"]
               for e in manifest["plans"] for o in e["outputs"])
    assert not [p for p in dist.iterdir() if p.name.endswith(".tmp")]
