"""The reader: the only layer that looks at source text.

read_file(path) -> (Plan | None, diagnostics). Everything after it works on
the typed model in vplan.model.
"""
from __future__ import annotations

from pathlib import Path

from vplan.model import Diagnostic, Plan, Pos, Severity
from vplan.read.plan import read as _read
from vplan.read.source import read_source


def read_text(path: str, data: bytes, schema_dir: str | None = None) -> tuple[Plan | None, list[Diagnostic]]:
    src, diags = read_source(path, data)
    if src is None:
        return None, diags
    plan, more = _read(src, schema_dir)
    return plan, diags + more


def read_file(path: Path, schema_dir: str | None = None, display: str | None = None):
    name = display or str(path)
    from vplan.paths import read_regular, reason

    try:
        data = read_regular(path)
    except OSError as exc:
        return None, [Diagnostic("VP003", Severity.ERROR, f"Filen kan inte läsas ({reason(exc)}).",
                                 Pos(name, 1, 1), "Kontrollera sökvägen och behörigheten.")]
    return read_text(name, data, schema_dir)
