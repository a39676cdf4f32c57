"""Machine-readable report, versioned (see docs/json.md)."""
from __future__ import annotations

import json

SCHEMA_VERSION = 1


def as_dict(result) -> dict:
    from vplan import __version__

    return {
        "version": SCHEMA_VERSION,
        "vplan": __version__,
        "files": [
            {
                "path": f.path,
                "ok": not f.errors,
                "diagnostics": [
                    {
                        "code": d.code,
                        "severity": "error" if d.severity.value == "fel" else "warning",
                        "message": d.message,
                        "hint": d.hint,
                        "file": d.pos.file,
                        "line": d.pos.line,
                        "column": d.pos.column,
                        **({"data": d.data} if d.data else {}),
                    }
                    for d in f.diagnostics
                ],
            }
            for f in result.files
        ],
        "summary": {
            "files": len(result.files),
            "errors": sum(len(f.errors) for f in result.files),
            "warnings": sum(len(f.diagnostics) - len(f.errors) for f in result.files),
        },
    }


def render(result, **_) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
