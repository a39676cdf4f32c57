"""Benchmark `vplan check`: start-up, one cold plan, and a 1 000-plan corpus.

Prints figures; asserts nothing. Run with `make bench`.
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VPLAN = [sys.executable, "-m", "vplan"]


def wall(cmd, runs=7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    python = wall([sys.executable, "-c", "pass"])
    print(f"python -c pass (floor)                  {python:6.3f} s")
    print(f"vplan --help, cold                      {wall(VPLAN + ['--help']):6.3f} s   (mål < 0,2 s)")
    plan = sorted((ROOT / "plans").glob("*.md"))[0]
    print(f"vplan check {plan.name[:28]:28s}, cold {wall(VPLAN + ['check', str(plan)]):6.3f} s   (mål < 0,3 s)")
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(1000, Path(tmp))
        size = sum(p.stat().st_size for p in paths) / len(paths)
        print(f"korpus: 1 000 planer, i snitt {size / 1024:.0f} kB")
        for n in (100, 300, 1000):
            sub = Path(tmp) / f"n{n}"
            sub.mkdir()
            for p in paths[:n]:  # hard links: a symbolic link would be refused (VP008), not read
                os.link(p, sub / p.name)
            t = wall(VPLAN + ["check", str(sub)], runs=3)
            print(f"vplan check {n:5d} planer               {t:6.2f} s   ({t / n * 1000:5.1f} ms/plan)")
        t = wall(VPLAN + ["check", "--jobs", "1", str(Path(tmp) / 'n1000')], runs=1)
        print(f"vplan check  1000 planer, en kärna      {t:6.2f} s   ({t:.1f} ms/plan)")
        print("planstorlek (målområdena upprepade k gånger, 50 planer):")
        for k in (1, 4, 16):
            sub = Path(tmp) / f"k{k}"
            sub.mkdir()
            for p in paths[:50]:
                (sub / p.name).write_text(_scaled(p.read_text(encoding="utf-8"), k), encoding="utf-8")
            kb = sum(p.stat().st_size for p in sub.iterdir()) / 50 / 1024
            t = wall(VPLAN + ["check", "--jobs", "1", str(sub)], runs=3)
            print(f"  k={k:2d}: {kb:6.0f} kB/plan  {t / 50 * 1000:7.1f} ms/plan  ({t / 50 / kb * 1e6:5.0f} µs/kB)")


def _scaled(text: str, k: int) -> str:
    """The plan with its goal areas k times, ids and goal headings made unique. The goal areas
    run from the first "## Målområde" heading to the next chapter (each profile names that
    chapter differently)."""
    start = text.index("\n## Målområde")
    end = text.find("\n# ", start + 1)
    end = len(text) if end < 0 else end
    body = text[start + 1:end]
    copies = [re.sub(r"(?m)^(\s*(?:- )?id: )(\S+)", rf"\g<1>\g<2>-{j}",
                     re.sub(r"(?m)^(#{2,3} Mål(?:område)?[^:\n]*: .*)$", rf"\g<1> (del {j})", body))
              for j in range(2, k + 1)]
    return text[:end] + "".join("\n" + c for c in copies) + text[end:]


if __name__ == "__main__":
    main()
