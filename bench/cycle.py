"""Benchmark vplan new and vplan rollover. Prints figures; asserts nothing. The aim is 0.5 s each.

- cold CLI: `vplan new …` and `vplan rollover PLAN --till …` as fresh processes in a
  temporary project holding the three example plans (rollover of each; the command
  also reads back the plan it writes and counts what is left to fill in);
- in process: new_plan_text() per profile and rollover_text() per example plan,
  after one warm-up run (the imports), median of --runs.

    python bench/cycle.py [--runs N]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from timing import cold as cold_times, median  # noqa: E402 (after the path is set)
PLANS = sorted((ROOT / "plans").glob("*.md"))


def _median(fn, runs: int) -> float:
    return median(fn, runs)


def _cold(fn, runs: int) -> str:
    wall, cpu = cold_times(fn, runs)
    return f"{wall:6.3f} s wall {cpu:6.3f} s CPU"


def cold(runs: int) -> None:
    vplan = [sys.executable, "-m", "vplan"]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "plans").mkdir()
        for p in PLANS:
            shutil.copy(p, project / "plans" / p.name)
        counter = iter(range(10**6))

        def new():
            out = project / "plans" / f"ny-{next(counter)}.md"
            subprocess.run([*vplan, "new", "--project", str(project), "--region", "Region Västernorrland",
                            "--namnd", "Kulturnämnden", "--ar", "2027", str(out)], check=True, capture_output=True)

        print(f"cold CLI  vplan new                        {_cold(new, runs)}")
        for p in PLANS:
            def roll(p=p):
                out = project / "plans" / f"rullad-{next(counter)}.md"
                subprocess.run([*vplan, "rollover", "--project", str(project), str(project / "plans" / p.name),
                                "--till", "2030", "--out", str(out)], check=True, capture_output=True)
            print(f"cold CLI  vplan rollover {p.stem[:25]:25} {_cold(roll, runs)}")


def in_process(runs: int) -> None:
    from vplan.cycle.new import new_plan_text
    from vplan.cycle.rollover import rollover_text

    with tempfile.TemporaryDirectory() as tmp:
        for profile in ("standard", "namndplan", "plan-med-budget"):
            def new(profile=profile):
                new_plan_text(region="Region Exempel", namnd="Kulturnämnden", year=2027, profile=profile,
                              root=Path(tmp))
            new()
            print(f"in process new_plan_text {profile:25} {_median(new, runs) * 1000:6.1f} ms")
    for p in PLANS:
        text = p.read_text(encoding="utf-8")

        def roll(text=text, p=p):
            rollover_text(text, name=p.name, till=2030)
        roll()
        print(f"in process rollover_text {p.stem[:25]:25} {_median(roll, runs) * 1000:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    in_process(args.runs)
    cold(args.runs)


if __name__ == "__main__":
    main()
