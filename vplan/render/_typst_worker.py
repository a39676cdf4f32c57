"""Child process for _typst.compile_pdf: JSON request line + typst source in, PDF out.

Runs as a plain script (no vplan imports) so it starts fast and works uninstalled.
"""
from __future__ import annotations

import json
import sys

PDF_STANDARDS = ["a-2a", "ua-1"]


def _main() -> int:
    request = json.loads(sys.stdin.buffer.readline())
    source = sys.stdin.buffer.read()
    import typst

    try:
        pdf, warnings = typst.compile_with_warnings(
            source,
            root=request["root"],
            font_paths=request["fonts"],
            ignore_system_fonts=True,
            pdf_standards=PDF_STANDARDS,
            timestamp=request["epoch"],
        )
    except typst.TypstError as err:
        sys.stderr.write(_describe(err))
        return 1
    for warning in warnings:
        sys.stderr.write(json.dumps({"warning": warning.message}) + "\n")
    sys.stdout.buffer.write(pdf)
    return 0


def _describe(err: BaseException) -> str:
    parts = [getattr(err, "message", "") or str(err)]
    parts += [f"tips: {hint}" for hint in getattr(err, "hints", None) or []]
    return "\n".join(p for p in parts if p)


if __name__ == "__main__":
    sys.exit(_main())
