"""Child process for _typst.compile_pdf: JSON request line + typst source in, PDF or PNG out.

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

    fmt = request.get("format", "pdf")
    extra = {"pdf_standards": PDF_STANDARDS} if fmt == "pdf" else {"ppi": request.get("ppi", 144)}
    try:
        out, warnings = typst.compile_with_warnings(
            source,
            root=request["root"],
            font_paths=request["fonts"],
            ignore_system_fonts=True,
            timestamp=request["epoch"],
            format=fmt,
            **extra,
        )
    except typst.TypstError as err:
        sys.stderr.write(_describe(err))
        return 1
    for warning in warnings:
        sys.stderr.write(json.dumps({"warning": warning.message}) + "\n")
    pages = out if isinstance(out, list) else [out]  # one PNG per page
    if request.get("pages"):  # every page, each after its length
        out = b"".join(len(page).to_bytes(8, "big") + page for page in pages)
    else:
        out = pages[0]
    sys.stdout.buffer.write(out)
    return 0


def _describe(err: BaseException) -> str:
    parts = [getattr(err, "message", "") or str(err)]
    parts += [f"tips: {hint}" for hint in getattr(err, "hints", None) or []]
    return "\n".join(p for p in parts if p)


if __name__ == "__main__":
    sys.exit(_main())
