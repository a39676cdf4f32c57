"""The charts of a report are drawn while pandoc writes the formats: the same bytes from a fresh
`vplan build` as from a release worker (--jobs 1), Ctrl-C and a failing chart end the build
cleanly, and nothing half-written is left."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLLOWUP = ROOT / "uppfoljning" / "vasterbotten-regionstyrelsen-2023-delår.md"  # the most charts


def _vplan(*args, env=None, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    env.pop("VPLAN_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "vplan", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def test_a_fresh_build_gives_the_same_bytes_as_a_release_worker(tmp_path):
    from vplan.options import Options
    from vplan.render.build import build

    fresh = tmp_path / "fresh"
    proc = _vplan("build", str(FOLLOWUP), "--out", str(fresh))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    serial = tmp_path / "serial"
    result = build([FOLLOWUP], options=Options(project_dir=ROOT, out_dir=serial, jobs=1))
    assert result.exit_code == 0
    for fmt in ("html", "docx", "pdf"):
        name = f"{FOLLOWUP.stem}.{fmt}"
        assert (fresh / name).read_bytes() == (serial / name).read_bytes(), name


def test_ctrl_c_while_the_charts_are_drawn_exits_130_without_tracebacks_or_files(tmp_path):
    out_dir, temp = tmp_path / "ut", tmp_path / "tmp"
    temp.mkdir()
    # the PDF's typst folder appears in TMPDIR as the formats start, and the charts with them
    proc = _vplan("build", str(FOLLOWUP), "--out", str(out_dir), env={"TMPDIR": str(temp)}, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(temp.glob("vplan-typst-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().endswith("Avbrutet.")
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_a_chart_that_cannot_be_drawn_fails_the_build_with_a_swedish_message(tmp_path, monkeypatch):
    from vplan.followup.report import drawing
    from vplan.options import Options
    from vplan.render.build import FAILED, build
    from vplan.render.errors import RenderError

    def broken(svgs, heights_cm, font_dirs=()):
        raise RenderError("typst kunde inte göra bilder av diagrammen", "trasig SVG")

    monkeypatch.setattr(drawing, "pictures", broken)
    result = build([FOLLOWUP], options=Options(project_dir=ROOT, out_dir=tmp_path, jobs=1))
    (plan,) = result.plans
    assert plan.status == FAILED, plan
    assert plan.message == "typst kunde inte göra bilder av diagrammen: trasig SVG"
    assert list(tmp_path.iterdir()) == []


def test_pygal_failing_on_a_chart_fails_the_build_in_swedish_naming_the_chart(tmp_path, monkeypatch):
    from vplan.followup.report import drawing
    from vplan.options import Options
    from vplan.render.build import FAILED, build

    def odd(chart, look):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(drawing, "draw_svg", odd)
    result = build([FOLLOWUP], options=Options(project_dir=ROOT, out_dir=tmp_path, jobs=1))
    (plan,) = result.plans
    assert plan.status == FAILED, plan
    assert plan.message.startswith("diagrammen kunde inte ritas: pygal kunde inte rita diagram 1 (")
    assert "Kontrollera siffrorna" in plan.message
    assert list(tmp_path.iterdir()) == []


def test_the_formats_threads_import_nothing_while_pygal_is_imported(tmp_path):
    """Ctrl-C lands in the main thread, which imports pygal while the formats run: had a format's
    thread been importing too, the import lock could be left held and the build hang. In a fresh
    process (nothing imported before), no module is imported by any other thread."""
    script = tmp_path / "imports.py"
    script.write_text(
        "import sys, threading\n"
        "seen = []\n"
        "def hook(event, args):\n"
        "    if event == 'import' and threading.current_thread() is not threading.main_thread():\n"
        "        seen.append(args[0])\n"
        "sys.addaudithook(hook)\n"
        "from pathlib import Path\n"
        "from vplan.options import Options\n"
        "from vplan.render.build import build_plan\n"
        f"result = build_plan(Path({str(FOLLOWUP)!r}), options=Options(project_dir=Path({str(ROOT)!r}), "
        f"out_dir=Path({str(tmp_path / 'ut')!r}), cache_dir=None))\n"
        "assert result.status == 'byggd', result\n"
        "assert 'pygal' in sys.modules\n"
        "print(sorted(set(seen)))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
