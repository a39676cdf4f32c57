"""Headless Chromium as a reader's browser: measure a page at a given width, or print it to PDF.

The measuring script is appended to a copy of the page and posts its JSON
result to a frame page, whose DOM Chromium's --dump-dom prints.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def measure(html: Path, width: int, script: str, height: int = 900) -> object:
    """Run `script` (a JS expression) in `html` at `width` CSS px; its JSON value is returned.

    Headless Chromium's window is at least 500 px wide, so the page is shown
    in an iframe of `width` px: the iframe is the page's viewport.
    """
    page = html.read_text(encoding="utf-8")
    probe = (
        "<script>window.addEventListener('load', () => {"
        f"parent.postMessage(JSON.stringify(({script})), '*'); }});</script>"
    )
    frame = (
        "<!DOCTYPE html><html><body style='margin:0'>"
        f"<iframe src='sida.html' style='border:0;width:{width}px;height:{height}px'></iframe>"
        "<script>addEventListener('message', (e) => { const t = document.createElement('template');"
        "t.id = 'vplan-matning'; t.setAttribute('data-varde', e.data); document.body.appendChild(t); });"
        "</script></body></html>"
    )
    with tempfile.TemporaryDirectory(prefix="vplan-layout-") as tmp:
        (Path(tmp) / "sida.html").write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
        (Path(tmp) / "ram.html").write_text(frame, encoding="utf-8")
        done = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={tmp}/profil", "--window-size=800,1000",
             "--virtual-time-budget=5000", "--dump-dom", (Path(tmp) / "ram.html").as_uri()],
            capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=True,
        )
    found = re.search(r'id="vplan-matning" data-varde="([^"]*)"', done.stdout)
    if not found:
        raise RuntimeError(f"mätningen gav inget svar: {done.stderr[-2000:]}")
    import html as html_module

    return json.loads(html_module.unescape(found.group(1)))


def print_pdf(html: Path, out: Path) -> Path:
    """Print `html` as Chromium prints it (print stylesheet, @page rules) to `out`."""
    with tempfile.TemporaryDirectory(prefix="vplan-print-") as tmp:
        subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={tmp}/profil", "--no-pdf-header-footer",
             f"--print-to-pdf={out}", html.resolve().as_uri()],
            capture_output=True, timeout=TIMEOUT_SECONDS, check=True,
        )
    return out
