"""Time `vplan build` and `vplan release` against bare pandoc + typst.

    python bench/build.py [--runs N] [--plans N] [--jobs N] [--plan PATH]

1. One example plan to HTML, DOCX and PDF with a cold CLI (a new
   `python -m vplan build` process each run) and in-process, against the same
   content (vplan's document tree written out as Markdown) converted by bare
   pandoc (html5, docx, typst) and typst (in-process), one format after the
   other. Wall time and CPU time (this process and its children).
2. `vplan release` of N generated plans (the examples with other regions,
   boards, prose and indicator figures) on --jobs cores, then the rebuild
   when nothing changed.

Figures are medians in seconds; nothing here is asserted.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_PLAN = ROOT / "plans" / "vasternorrland-regionstyrelsen-2025.md"


def median_s(func, runs: int) -> float:
    return median_both(func, runs)[0]


def cpu_now() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def median_both(func, runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (this process and its children)."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), cpu_now()
        func()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_now() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def vplan(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "vplan", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def bare(markdown: str, work: Path):
    """The three formats from vplan's Markdown with bare pandoc and typst, one after the other."""
    import typst

    from vplan.render._pandoc import pandoc_path

    def pandoc(*args: str) -> bytes:
        return subprocess.run([pandoc_path(), "-f", "markdown", *args], input=markdown.encode(),
                              capture_output=True, check=True).stdout

    def run() -> None:
        pandoc("-t", "html5", "--standalone", "--embed-resources", "--metadata", "title=Plan")
        pandoc("-t", "docx", "-o", str(work / "bare.docx"))
        typst.compile(pandoc("-t", "typst", "--standalone"), ignore_system_fonts=True,
                      pdf_standards=["a-2a", "ua-1"])

    return run


def as_markdown(tree: dict) -> str:
    """vplan's document tree as pandoc Markdown: the same content for bare pandoc."""
    import json

    from vplan.render._pandoc import pandoc_path

    done = subprocess.run([pandoc_path(), "-f", "json", "-t", "markdown"], input=json.dumps(tree).encode(),
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def vary_figures(text: str, rng: random.Random) -> str:
    """Other whole-number indicator values; table figures stay, so the sums still agree."""
    def block(m: re.Match) -> str:
        return re.sub(r"(?m)^(\s+\d{4}: )(\d+)$",
                      lambda v: v.group(1) + str(int(v.group(2)) + rng.randint(0, 9)), m.group(0))

    return re.sub(r"```indikatorer\n.*?```", block, text, flags=re.S)


def corpus(n: int, dest: Path) -> list[Path]:
    from corpus import generate

    rng = random.Random(7)
    paths = generate(n, dest)
    for p in paths:
        p.write_text(vary_figures(p.read_text(encoding="utf-8"), rng), encoding="utf-8")
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN)
    opts = parser.parse_args()

    from vplan.api import load
    from vplan.options import Options
    from vplan.render.build import prepare

    work = Path(tempfile.mkdtemp(prefix="vplan-bench-build-"))
    try:
        plan = opts.plan.resolve()
        options = Options(project_dir=ROOT)
        tree = prepare(load(plan, options=options).plan, plan, options=options).markdown
        markdown = as_markdown(tree)

        def cold_build() -> None:
            done = vplan("build", str(plan), "--out", str(work / "dist"), cwd=ROOT)
            if done.returncode != 0:
                raise SystemExit(done.stdout + done.stderr)

        def in_process() -> None:  # check, Markdown and the engines, one format after the other
            from vplan.read import prose
            from vplan.render.build import render_formats

            prose._cache.clear()  # parse the prose again, as a new process would

            prepared = prepare(load(plan, options=options).plan, plan, options=options)
            render_formats(prepared, ("html", "docx", "pdf"), parallel=False)

        cold_build()  # warm the file cache and pandoc's data once
        bare_run = bare(markdown, work)
        bare_run()
        in_process()
        cli, cli_cpu = median_both(cold_build, opts.runs)
        raw, raw_cpu = median_both(bare_run, opts.runs)
        warm, warm_cpu = median_both(in_process, opts.runs)
        print(f"En plan ({plan.name}, {len(markdown.splitlines())} rader som Markdown) till HTML, DOCX och PDF,"
              f" median av {opts.runs} (vägg / CPU):")
        print(f"  vplan build, kall CLI (formaten samtidigt)  {cli:6.2f} s / {cli_cpu:6.2f} s")
        print(f"  vplan i processen, formaten i följd         {warm:6.2f} s / {warm_cpu:6.2f} s")
        print(f"  bara pandoc + typst, formaten i följd       {raw:6.2f} s / {raw_cpu:6.2f} s")
        print(f"  kvot CPU kall CLI / bara                    {cli_cpu / raw_cpu:6.2f}")
        print(f"  kvot CPU i processen / bara                 {warm_cpu / raw_cpu:6.2f}")

        project = work / "projekt"
        corpus(opts.plans, project / "plans")
        start = time.perf_counter()
        first = vplan("release", "--jobs", str(opts.jobs), cwd=project)
        full = time.perf_counter() - start
        start = time.perf_counter()
        again = vplan("release", "--jobs", str(opts.jobs), cwd=project)
        rebuild = time.perf_counter() - start
        print(f"vplan release av {opts.plans} genererade planer på {opts.jobs} kärnor:")
        print(f"  första bygget                               {full:6.2f} s  ({first.stdout.splitlines()[0]})")
        print(f"  utan ändringar                              {rebuild:6.2f} s  ({again.stdout.splitlines()[0]})")
        print(f"  per plan, första bygget                     {full / opts.plans:6.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
