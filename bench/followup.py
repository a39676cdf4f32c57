"""Time `vplan build` of each example follow-up against building the plan it follows.

    python bench/followup.py [--runs N]

For each follow-up in uppfoljning/: the plan and the follow-up built to HTML,
DOCX and PDF with a cold CLI (a new `vplan build` process each run, as a user
runs it: the charts are drawn while pandoc works; plan and follow-up in pairs,
back to back, and the ratio is the median of the pairs'): first as a first build
(no chart cache, every chart drawn), then as a rebuild (the charts from the
cache, vplan.followup.report.cache); then in-process after a
warm-up (jobs=1, as in a release worker); wall and CPU seconds (this process
and its children), the number of charts and the seconds pygal and typst take
to draw them all. Then check of all
follow-ups. Figures are medians; nothing is asserted.

A report is a longer document than its plan (each chart and its data table take
room), so the cold tables also give both PDFs' pages.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build import median_both  # noqa: E402  (bench/build.py)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from vplan.api import check, load
    from vplan.options import Options
    from vplan.render.build import build_plan

    followups = sorted((ROOT / "uppfoljning").glob("*.md"))
    _adopt_orphans()
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        for title, env in (("Kall CLI (vplan build FIL), första bygget: varje diagram ritas", {"VPLAN_CACHE_DIR": "av"}),
                           ("Kall CLI, bygget igen: diagrammen ur cachen", {"VPLAN_CACHE_DIR": cache})):
            print(title)
            print(f"{'dokument':<48} {'plan s':>8} {'uppf. s':>8} {'kvot':>5} {'cpu plan':>9} {'cpu uppf.':>9} "
                  f"{'sidor':>7}")
            for path in followups:
                plan = Path(load(path, options=Options(project_dir=ROOT)).followup.plan_path)
                cli_build(path, out, env)  # fills the cache for the second table
                (plan_wall, plan_cpu), (wall, cpu), ratio = paired(lambda: cli_build(plan, out, env),
                                                                   lambda: cli_build(path, out, env), args.runs)
                plan_pages, pages = pdf_pages(Path(out) / f"{plan.stem}.pdf"), pdf_pages(Path(out) / f"{path.stem}.pdf")
                print(f"{path.stem:<48} {plan_wall:8.2f} {wall:8.2f} {ratio:5.2f} {plan_cpu:9.2f} {cpu:9.2f} "
                      f"{plan_pages:>3}→{pages:<3}")
            print()
        print("I processen, efter en uppvärmning (utan cache):")
        # drawing here, as a release worker does
        options = Options(project_dir=ROOT, out_dir=Path(out), jobs=1, cache_dir=None)
        build_plan(followups[0], options=options)  # warm: imports, fonts, pygal
        print(f"{'dokument':<48} {'plan s':>8} {'uppf. s':>8} {'kvot':>5} {'cpu plan':>9} {'cpu uppf.':>9} "
              f"{'diagram':>7} {'rita s':>7}")
        for path in followups:
            followup = load(path, options=options).followup
            plan = Path(followup.plan_path)
            plan_wall, plan_cpu = median_both(lambda: build_plan(plan, options=options), args.runs)
            wall, cpu = median_both(lambda: build_plan(path, options=options), args.runs)
            charts, drawing = draw_time(followup, path, options)
            print(f"{path.stem:<48} {plan_wall:8.2f} {wall:8.2f} {wall / plan_wall:5.2f} {plan_cpu:9.2f} "
                  f"{cpu:9.2f} {charts:7d} {drawing:7.2f}")
        start = time.perf_counter()
        result = check(followups, options=options)
        print(f"\nvplan check av {len(followups)} uppföljningar (med sina planer): "
              f"{time.perf_counter() - start:.2f} s, {len(result.diagnostics)} anmärkningar")


def paired(plan, followup, runs: int):
    """Medians of (wall, CPU) for the plan and the follow-up, and the median of their ratio, run
    as pairs back to back (in turn first) so that a machine getting slower or faster during the
    benchmark moves both alike."""
    plans, followups, ratios = [], [], []
    for run in range(runs):
        first, second = (plan, followup) if run % 2 == 0 else (followup, plan)
        a, b = median_both(first, 1), median_both(second, 1)
        p, f = (a, b) if run % 2 == 0 else (b, a)
        plans.append(p)
        followups.append(f)
        ratios.append(f[0] / p[0])
    mid = statistics.median
    return ((mid(w for w, _ in plans), mid(c for _, c in plans)),
            (mid(w for w, _ in followups), mid(c for _, c in followups)), mid(ratios))


def cli_build(path: Path, out: str, env: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "vplan", "build", str(path), "--out", out], cwd=ROOT,
                          capture_output=True, check=False, env={**os.environ, **env})
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    while True:  # a child that outlives the build by a moment: its CPU counts too
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader  # the test extra

    return len(PdfReader(path).pages)


def _adopt_orphans() -> None:
    """On Linux, have the build's orphans (a process it started that outlives it) handed to this
    process when the build ends, so that their CPU time is counted."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def draw_time(followup, path: Path, options) -> tuple[int, float]:
    """How many charts the report has, and the seconds pygal and typst take to draw them all."""
    from vplan.followup.report.charts import Look, draw_svg, pictures
    from vplan.followup.report.document import ReportBuilder
    from vplan.render.build import house_style

    style, words = house_style(followup.document, options)
    builder = ReportBuilder(followup, words=words, style=style, root=ROOT, base_dir=path.parent)
    builder.blocks()
    look = Look.of(style)
    start = time.perf_counter()
    svgs = [draw_svg(chart, look) for chart in builder.charts]
    pictures(svgs, [chart.height_cm for chart in builder.charts], look.font_dirs)
    return len(builder.charts), time.perf_counter() - start


if __name__ == "__main__":
    main()
