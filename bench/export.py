"""Time `vplan export` of the 1 000-plan corpus in each format against `vplan check` of the same corpus.

    python bench/export.py [--runs N] [--plans N]

Each command runs as a user runs it (a new process, all cores); figures are
medians of wall seconds, with the ratio to check and the size of the file.
Then the writers alone, in-process, on the rows of the corpus. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

VPLAN = [sys.executable, "-m", "vplan"]


def once(cmd) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        plans = project / "plans"
        generate(args.plans, plans)
        base = ["--project", str(project), str(plans)]
        commands = {"check": VPLAN + ["check", "-q", *base]}
        for fmt in ("csv", "json", "xlsx"):
            commands[fmt] = VPLAN + ["export", "-q", "--force", "--out", str(project / f"export.{fmt}"), *base]
        # Interleaved, so a busy moment of a shared machine hits check and export alike;
        # the ratio is the median of each run's own ratio.
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(once(cmd))
        check = statistics.median(times["check"])
        print(f"vplan check  {args.plans} planer             {check:6.2f} s")
        for fmt in ("csv", "json", "xlsx"):
            t = statistics.median(times[fmt])
            ratio = statistics.median(e / c for e, c in zip(times[fmt], times["check"]))
            size = (project / f"export.{fmt}").stat().st_size / 1e6
            print(f"vplan export {args.plans} planer, {fmt:<5}      {t:6.2f} s   "
                  f"({ratio:4.2f} × check, {size:5.1f} MB)")
        writers(plans, project)


def writers(plans: Path, project: Path) -> None:
    from vplan.export.formats import FORMATS
    from vplan.export.run import export
    from vplan.options import Options

    result = export([plans], options=Options.for_project(project))
    print(f"skrivarna ensamma, {len(result.rows)} rader:")
    for fmt, (write, _, _) in FORMATS.items():
        start = time.perf_counter()
        write(result.rows)
        print(f"  {fmt:<10} {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
