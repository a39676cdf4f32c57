"""The terminal report: place, severity, code, message, excerpt with a caret, hint."""
from __future__ import annotations

from vplan.model import Severity


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


_NOUNS = {"plan": ("plan", "planer"), "uppföljning": ("uppföljning", "uppföljningar")}


def summary(result) -> str:
    files = len(result.files)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    kinds = {getattr(f, "kind", "plan") for f in result.files}
    nouns = _NOUNS[kinds.pop()] if len(kinds) == 1 else ("fil", "filer")  # plans and follow-ups: files
    if not errors and not warnings:
        return f"Inga fel i {_plural(files, *nouns)}."
    parts = [p for p in (errors and _plural(errors, "fel", "fel"),
                         warnings and _plural(warnings, "varning", "varningar")) if p]
    bad = sum(1 for f in result.files if f.diagnostics)
    return f"{' och '.join(parts)} i {_plural(bad, *nouns)} av {files} kontrollerade."


EXCERPT_WIDTH = 1000  # a paragraph is one line; a 2 MB one-line plan must not print 2 MB a finding


def _window(line: str, column: int) -> tuple[str, int]:
    """The part of a long line around `column` (1-based), and the column within it."""
    if len(line) <= EXCERPT_WIDTH:
        return line, column
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
    part = line[start:start + EXCERPT_WIDTH]
    if start:
        part, column = "…" + part, column - start + 1
    if start + EXCERPT_WIDTH < len(line):
        part += "…"
    return part, column


def lines_for(diag, source_lines) -> list[tuple[str, str]]:
    """(style, text) pairs for one diagnostic."""
    sev = "bold red" if diag.severity is Severity.ERROR else "bold yellow"
    out = [(sev, f"{diag.pos}: {diag.severity.value} {diag.code}: {diag.message}")]
    if 0 < diag.pos.line <= len(source_lines):
        line, column = _window(source_lines[diag.pos.line - 1], max(diag.pos.column, 1))
        # Control characters would garble the terminal; show them as U+FFFD.
        text = "".join(" " if c == "\t" else ("\ufffd" if ord(c) < 32 or c == "\x7f" else c)
                       for c in line)
        num = str(diag.pos.line)
        out.append(("dim", f" {num} | {text}"))
        caret = " " * (column - 1) + "^"
        out.append((sev, f" {' ' * len(num)} | {caret}"))
    if diag.hint:
        out.append(("cyan", f"  Gör så här: {diag.hint}"))
    return out


def render(result, *, color: bool = False, quiet: bool = False) -> str:
    """The findings and a summary line; `quiet` (-q): only the errors, no summary."""
    chunks: list[list[tuple[str, str]]] = []
    for f in result.files:
        for d in f.diagnostics:
            if not quiet or d.severity is Severity.ERROR:
                chunks.append(lines_for(d, f.lines))
    tail = [] if quiet else [("bold", summary(result))]
    if color:
        from rich.markup import escape

        def styled(s, t):
            return f"[{s}]{escape(t)}[/]"
    else:
        def styled(s, t):
            return t
    parts = ["\n".join(styled(s, t) for s, t in c) for c in chunks] + [styled(s, t) for s, t in tail]
    return "\n\n".join(parts) + ("\n" if parts else "")
