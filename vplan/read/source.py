"""Bytes on disk -> text we can trust, or diagnostics saying why not."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from vplan.model import Diagnostic, Pos, Severity

MAX_BYTES = 2 * 1024 * 1024  # far above any real plan (the largest is ~60 kB)


@dataclass(frozen=True)
class Source:
    path: str
    text: str  # LF line endings, no BOM
    sha256: str
    crlf: bool


def read_source(path: str, data: bytes) -> tuple[Source | None, list[Diagnostic]]:
    diags: list[Diagnostic] = []

    def fail(message: str, hint: str, line: int = 1, column: int = 1, code: str = "VP003"):
        diags.append(Diagnostic(code, Severity.ERROR, message, Pos(path, line, column), hint))
        return None, diags

    if len(data) > MAX_BYTES:
        return fail(f"Filen är för stor ({len(data) // 1024} kB). En plan får vara högst "
                    f"{MAX_BYTES // 1024 // 1024} MB.", "Dela upp planen eller flytta bilagor till egna filer.")
    if not data.strip():
        return fail("Filen är tom.", "Skriv planens uppgifter mellan två rader med --- överst i filen.")
    if b"\x00" in data[:8192]:
        return fail("Filen är inte en textfil (den innehåller binära data).",
                    "Planer ska vara textfiler (.md) sparade som UTF-8.")
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        diags.append(Diagnostic(
            "VP003", Severity.ERROR, "Filen börjar med ett BOM-tecken (byte order mark).",
            Pos(path, 1, 1), "Spara filen som UTF-8 utan BOM, eller kör vplan fmt som tar bort det."))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1  # characters, not bytes
        guess = _guess_legacy(data)
        message = "Filen är inte sparad som UTF-8"
        message += f" (den ser ut att vara sparad som {guess})." if guess else "."
        return fail(message, "Spara om filen med teckenkodningen UTF-8 i din editor "
                    "(i Word: Spara som > Oformaterad text > Unicode (UTF-8)).", line, column)
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    text = text.replace("\r", "\n")
    return Source(path, text, sha, crlf), diags


def _guess_legacy(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252" if any(c in text for c in "åäöÅÄÖé–”") else None
