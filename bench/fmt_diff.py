"""Benchmark vplan fmt and vplan diff. Prints figures; asserts nothing.

- fmt: a corpus of N plans (default 1 000) made in a temporary folder from the
  example plans, each written anew by hand as officials do (its own title,
  prose wrapped, YAML keys in another order, other quoting and indentation,
  folded text: tests/fmt/messy_yaml.py), formatted twice in process: the first
  run rewrites every plan, the second (the `fmt --check` case in CI) finds them
  all in the canonical form. Repeated --fmt-runs times on a fresh corpus; the
  median is printed.
- diff: a temporary git repository with two revisions of an example plan
  (a target, a frame and an assignment changed); `vplan diff HEAD~1 HEAD` run
  as a fresh process each time (cold CLI; the aim is under 0.5 s).

    python bench/fmt_diff.py [--plans N] [--runs N] [--fmt-runs N] [--no-diff]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fmt"))


def make_corpus(folder: Path, count: int) -> None:
    """`count` untidy plans (no blank lines or comments in the YAML) in folder/plans."""
    import random

    from messy_yaml import messy_plan

    examples = sorted((ROOT / "plans").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    (folder / "plans").mkdir(parents=True)
    for i in range(count):
        text = texts[i % len(texts)]
        head, sep, rest = text.partition("\ntitel: ")
        title, nl, tail = rest.partition("\n")
        text = messy_plan(f"{head}{sep}{title} nr {i}{nl}{tail}", random.Random(i), untidy=False)
        (folder / "plans" / f"plan-{i:04d}.md").write_text(text, encoding="utf-8")


def bench_fmt(count: int, runs: int) -> None:
    from vplan.fmt import format_paths
    from vplan.options import Options

    times: dict[str, list[float]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make_corpus(folder, count)
            opts = Options(project_dir=folder)
            size = sum(p.stat().st_size for p in (folder / "plans").glob("*.md"))
            for label, check in (("fmt (skriver om alla)", False), ("fmt --check (redan i form)", True)):
                start = time.perf_counter()
                result = format_paths([folder / "plans"], options=opts, check=check)
                took = time.perf_counter() - start
                times.setdefault(label, []).append(took)
                statuses = {}
                for f in result.files:
                    statuses[f.status] = statuses.get(f.status, 0) + 1
                print(f"{label:28} {count} planer ({size / 1e6:.1f} MB): {took:6.1f} s, "
                      f"{took / count * 1000:5.0f} ms/plan, {os.cpu_count()} kärnor  {statuses}")
    if runs > 1:
        for label, took in times.items():
            median = statistics.median(took)
            print(f"{label:28} median av {runs}: {median:6.1f} s, {median / count * 1000:5.0f} ms/plan")


def bench_diff(runs: int) -> None:
    base = (ROOT / "tests" / "cases" / "diff" / "vasternorrland.base.md").read_text(encoding="utf-8")
    edited = (base.replace("      2025: 6\n      2027: 8\n", "      2025: 6\n      2027: 10\n")
              .replace("          b2024: 449\n          b2025: 432\n", "          b2024: 449\n          b2025: 391\n")
              .replace("  - id: etiska-fragor\n", "  - id: nytt\n    text: Ett nytt uppdrag.\n  - id: etiska-fragor\n"))
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)

        def git(*args):
            subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

        git("init", "-q")
        git("config", "user.email", "bench@example.se")
        git("config", "user.name", "bench")
        (repo / "plans").mkdir()
        plan = repo / "plans" / "plan.md"
        for text in (base, edited):
            plan.write_text(text, encoding="utf-8")
            git("add", ".")
            git("commit", "-q", "-m", "v")
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        cmd = [sys.executable, "-m", "vplan", "diff", "HEAD~1", "HEAD"]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True)
            times.append(time.perf_counter() - start)
            assert done.returncode == 1, done.stderr.decode()
        summary = done.stdout.decode().split("\n")[0]
        print(f"diff, kall CLI (HEAD~1 HEAD)   median {statistics.median(times):.2f} s, "
              f"bäst {min(times):.2f} s, {runs} körningar  [{summary}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fmt-runs", type=int, default=1)
    parser.add_argument("--no-diff", action="store_true", help="only the fmt benchmark")
    args = parser.parse_args()
    if shutil.which("git") and not args.no_diff:
        bench_diff(args.runs)
    bench_fmt(args.plans, args.fmt_runs)


if __name__ == "__main__":
    main()
