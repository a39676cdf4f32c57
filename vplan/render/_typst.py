"""Compile typst source to PDF in a child process, so a runaway compile can be stopped."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Sequence

from vplan.render.errors import RenderError

TIMEOUT_SECONDS = 120
STEP = "typst kunde inte göra PDF:en"
_WORKER = Path(__file__).with_name("_typst_worker.py")
# pandoc writes "#table(columns: 4, align: (left,right,…" for a table without widths.
_TABLE_START = re.compile(r"(#table\(\s*columns: )(\d+)(,\s*align: \()(left|auto)\b")


def fit_tables(source: str) -> str:
    """Let a table's text column take the free width and size the others to content.

    Typst's auto columns fit content but do not fill the line; a first column
    of `1fr` makes every table as wide as the text, with numbers unbroken.
    """

    def widen(m: re.Match[str]) -> str:
        count = int(m.group(2))
        if count < 2:
            return m.group(0)
        columns = "(1fr, " + ", ".join(["auto"] * (count - 1)) + ")"
        return f"{m.group(1)}{columns}{m.group(3)}{m.group(4)}"

    return _TABLE_START.sub(widen, source)


def compile_pdf(
    source: str,
    *,
    root: Path,
    font_dirs: Sequence[Path] = (),
    epoch: int = 0,
    timeout: float = TIMEOUT_SECONDS,
) -> bytes:
    """Compile `source` to a tagged PDF/A-2a + PDF/UA-1 using only the embedded and given fonts."""
    request = {"root": str(root), "fonts": [str(d) for d in font_dirs], "epoch": epoch}
    return _run(request, source, timeout, STEP)


def compile_png(source: str, *, root: Path, ppi: int = 300, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The first page of `source` as a PNG, for pictures in formats that need pixels."""
    request = {"root": str(root), "fonts": [], "epoch": 0, "format": "png", "ppi": ppi}
    return _run(request, source, timeout, "typst kunde inte göra en bild av logotypen")


def _run(request: dict, source: str, timeout: float, step: str) -> bytes:
    payload = json.dumps(request).encode("utf-8") + b"\n" + source.encode("utf-8")
    try:
        done = subprocess.run(
            [sys.executable, str(_WORKER)],
            input=payload,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise RenderError(step, f"typst tog mer än {timeout:.0f} sekunder och avbröts") from err
    if done.returncode != 0:
        raise RenderError(step, done.stderr.decode("utf-8", "replace").strip() or "okänt fel")
    _check_warnings(done.stderr.decode("utf-8", "replace"), step)
    return done.stdout


def _check_warnings(stderr: str, step: str) -> None:
    """A missing font would silently change the look: that is the house style's error."""
    for line in stderr.splitlines():
        try:
            message = json.loads(line).get("warning", "")
        except (ValueError, AttributeError):
            continue
        if message.startswith("unknown font family:"):
            family = message.split(":", 1)[1].strip()
            raise RenderError(
                step,
                f"typsnittet '{family}' finns inte. Lägg typsnittsfilen i husstilens mapp "
                "typsnitt/ eller välj ett typsnitt som följer med typst (Libertinus Serif, "
                "New Computer Modern)",
            )
