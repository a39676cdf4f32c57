"""Run the pandoc binary that pypandoc-binary ships, with a time limit."""
from __future__ import annotations

import functools
import os
import signal
import subprocess
from pathlib import Path
from typing import Sequence

from vplan.render.errors import RenderError

TIMEOUT_SECONDS = 120


@functools.lru_cache(maxsize=1)
def pandoc_path() -> str:
    # pypandoc-binary keeps the binary in pypandoc/files/; finding it there
    # spares the ~15 ms of importing pypandoc (urllib, http.client) at start-up.
    import importlib.util
    import os

    spec = importlib.util.find_spec("pypandoc")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = os.path.join(folder, "files", "pandoc")
        if os.access(candidate, os.X_OK):
            return candidate
    import pypandoc

    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as err:
        raise RenderError("pandoc saknas", str(err)) from err


def run_pandoc(
    args: Sequence[str],
    *,
    step: str,
    stdin: str | None = None,
    cwd: Path | None = None,
    epoch: int = 0,
    timeout: float = TIMEOUT_SECONDS,
) -> bytes:
    """Run pandoc with `args`, return its standard output; failures raise RenderError(step)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    try:
        done = subprocess.run(
            [pandoc_path(), *args],
            input=stdin.encode("utf-8") if stdin is not None else None,
            capture_output=True,
            cwd=cwd,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise RenderError(step, f"pandoc tog mer än {timeout:.0f} sekunder och avbröts") from err
    except OSError as err:
        raise RenderError(step, f"pandoc kunde inte startas ({err})") from err
    if done.returncode == -signal.SIGINT:  # the user's Ctrl-C reached pandoc too: not pandoc failing
        raise KeyboardInterrupt
    if done.returncode != 0:
        raise RenderError(step, _last_lines(done.stderr))
    return done.stdout


@functools.lru_cache(maxsize=1)
def default_data_file(name: str) -> bytes:
    """A file from pandoc's own data, such as the default reference.docx."""
    return run_pandoc(
        ["--print-default-data-file", name], step=f"pandoc kunde inte ge standardfilen {name}"
    )


def _last_lines(stderr: bytes, count: int = 8) -> str:
    text = stderr.decode("utf-8", "replace")
    # pandoc 3.8+ follows an error with the Haskell call stack, which says nothing to a user.
    lines = text.split("HasCallStack backtrace:", 1)[0].strip().splitlines()
    return "\n".join(lines[-count:]) or "okänt fel"
