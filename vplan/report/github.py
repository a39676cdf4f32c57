"""GitHub Actions workflow commands: one annotation per diagnostic."""
from __future__ import annotations


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(result, **_) -> str:
    out = []
    for f in result.files:
        for d in f.diagnostics:
            level = "error" if d.severity.value == "fel" else "warning"
            msg = d.message + (f" Gör så här: {d.hint}" if d.hint else "")
            out.append(f"::{level} file={_prop(d.pos.file)},line={d.pos.line},col={d.pos.column},"
                       f"title={_prop(d.code)}::{_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")
