"""Run axe-core (WCAG 2.1 A/AA) on HTML files in headless Chromium; see axe/axe_run.js.

As a script: ``python tests/judges/axe_run.py FILE.html ...`` prints the result
as JSON and exits 1 when any page has a violation or asked the network for
something. Install the judge with ``.ci/install-judges.sh``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

AXE_DIR = Path(__file__).resolve().parent / "axe"
SCRIPT = AXE_DIR / "axe_run.js"
TIMEOUT_SECONDS = 180


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the judge cannot run here, or None when it can."""
    if chromium_path() is None:
        return "chromium är inte installerat (kör .ci/install-judges.sh)"
    if shutil.which("node") is None:
        return "node är inte installerat (kör .ci/install-judges.sh)"
    if not (AXE_DIR / "node_modules" / "axe-core").is_dir():
        return "axe-core är inte installerat (kör .ci/install-judges.sh)"
    return None


def run_axe(files: list[Path]) -> list[dict]:
    """One result per file: {"file", "violations", "external_requests"}."""
    env = dict(os.environ, CHROMIUM=chromium_path() or "")
    done = subprocess.run(
        ["node", str(SCRIPT), *(str(f) for f in files)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"axe_run.js failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)["pages"]


def main(argv: list[str]) -> int:
    reason = missing()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    pages = run_axe([Path(a) for a in argv])
    print(json.dumps(pages, indent=1, ensure_ascii=False))
    failed = any(p["violations"] or p["external_requests"] for p in pages)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
