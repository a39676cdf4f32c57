"""Time `vplan serve`: one plan's page rebuilt after a save, and a save until the browser hears of it.

    python bench/serve.py [--runs N]

1. In-process rebuild of one plan's preview page (check, document tree,
   pandoc's HTML, findings placed) after an edit to its prose, so no cache
   holds the changed paragraph: the three example plans and the largest of
   ten generated ones. Target: at most 0.5 s.
2. End to end with `vplan serve` in its own process: from writing the file to
   the reload event arriving on an open event stream, and to the new page
   fetched. Target: within 1 s.
3. With headless Chromium showing the page (if installed): from writing the
   file to Chromium asking for the new page.

Figures are medians and maxima in seconds; nothing here is asserted.
"""
from __future__ import annotations

import argparse
import http.client
import os
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
sys.path.insert(0, str(ROOT / "tests"))  # judges.preview: the preview watched by Chromium


def _edit(plan: Path, n: int) -> None:
    """Change a word in the plan's first prose paragraph (after the front matter)."""
    text = plan.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    body = re.sub(r"(\n\n[A-ZÅÄÖ][^\n]*?)( ?Ändring \d+\.)?(\n)", rf"\1 Ändring {n}.\3", body, count=1)
    plan.write_text(head + sep + body, encoding="utf-8")


def rebuilds(plan: Path, runs: int) -> tuple[float, float, float]:
    from vplan.options import Options, find_project_dir
    from vplan.serve.site import Site

    site = Site(plan, Options.for_project(find_project_dir(plan)))
    key = site.home_key()
    start = time.perf_counter()
    site.page(key)
    cold = time.perf_counter() - start
    times = []
    for n in range(runs):
        _edit(plan, n)
        start = time.perf_counter()
        site.rebuild({plan})
        times.append(time.perf_counter() - start)
    return cold, statistics.median(times), max(times)


def end_to_end(plan: Path, runs: int) -> tuple[list[float], list[float]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "vplan", "serve", str(plan), "--port", "0"],
                            stderr=subprocess.PIPE, text=True, env=env, cwd=plan.parent.parent)
    port = int(re.search(r"127\.0\.0\.1:(\d+)", proc.stderr.readline()).group(1))
    events, pages = [], []
    try:
        for n in range(runs):
            page = _get(port, "/")
            url = re.search(r'new EventSource\("([^"]+)"\)', page).group(1)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", url)
            stream = conn.getresponse()
            time.sleep(0.3)
            _edit(plan, 1000 + n)
            start = time.perf_counter()
            while not stream.fp.readline().startswith(b"data:"):
                pass
            events.append(time.perf_counter() - start)
            assert f"Ändring {1000 + n}." in _get(port, "/")
            pages.append(time.perf_counter() - start)
            conn.close()
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)
    return events, pages


def browser(plan: Path, runs: int) -> list[float]:
    """Save -> the moment headless Chromium, told by the event stream, asks for the page again."""
    from judges.preview import Watched
    from vplan.options import Options, find_project_dir
    from vplan.serve.site import Site

    times = []
    with tempfile.TemporaryDirectory(prefix="vplan-bench-chromium-") as profile, \
            Watched(Site(plan, Options.for_project(find_project_dir(plan)))) as preview:
        preview.open_in_chromium(profile)
        for n in range(runs):
            preview.until(lambda: preview.streams() > n, "Chromium never opened the event stream")
            time.sleep(0.3)
            _edit(plan, 2000 + n)
            saved = time.monotonic()
            times.append(preview.until(lambda: preview.page_loaded_after(saved), "no reload") - saved)
    return times


def _get(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    return conn.getresponse().read().decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from corpus import generate

    with tempfile.TemporaryDirectory(prefix="vplan-bench-serve-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        plans = [Path(shutil.copy(p, folder)) for p in sorted((ROOT / "plans").glob("*.md"))]
        generated = generate(10, Path(tmp) / "gen")
        largest = max(generated, key=lambda p: p.stat().st_size)
        plans.append(Path(shutil.copy(largest, folder / "genererad-storst.md")))
        print(f"1. Rebuild of one plan's page after a prose edit (median of {args.runs}; target <= 0.5 s)")
        print(f"   {'plan':48} {'KiB':>5} {'cold':>6} {'median':>7} {'max':>6}")
        for plan in plans:
            cold, median, worst = rebuilds(plan, args.runs)
            print(f"   {plan.name:48} {plan.stat().st_size / 1024:5.0f} {cold:6.3f} {median:7.3f} {worst:6.3f}")
        events, pages = end_to_end(plans[-1], args.runs)
        print(f"2. Save -> reload event / new page fetched, `vplan serve` process ({plans[-1].name}; target <= 1 s)")
        print(f"   event: median {statistics.median(events):.3f} max {max(events):.3f}")
        print(f"   page:  median {statistics.median(pages):.3f} max {max(pages):.3f}")
        if shutil.which("chromium"):
            seen = browser(plans[0], args.runs)
            print(f"3. Save -> headless Chromium asks for the new page ({plans[0].name}; target <= 1 s)")
            print(f"   median {statistics.median(seen):.3f} max {max(seen):.3f}")


if __name__ == "__main__":
    main()
