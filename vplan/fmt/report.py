"""What `vplan fmt` tells the user, in Swedish: one line per file that matters."""
from __future__ import annotations

from vplan.fmt.files import CHANGED, REFUSED, UNCHANGED, UNSAFE


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def lines(result, verbosity: int = 0) -> list[tuple[str, str]]:
    """(style, text) pairs; style is a rich style used only on a terminal.

    verbosity -1 (-q): only the files that could not be formatted; 1 (-v): unchanged files too."""
    from vplan.report.human import lines_for

    out: list[tuple[str, str]] = []
    for f in result.files:
        if f.status == UNCHANGED and verbosity > 0:
            out.append(("dim", f"redan i gemensam form: {f.path}"))
        elif f.status == CHANGED and verbosity >= 0:
            out.append(("yellow" if result.check else "green",
                        f"{'skulle formateras om' if result.check else 'formaterade om'}: {f.path}"))
        elif f.status == REFUSED:
            out.append(("bold red", f"kan inte formateras (planen går inte att läsa): {f.path}"))
            for d in f.diagnostics:
                out += [(s, "  " + t) for s, t in lines_for(d, f.lines)]
        elif f.status == UNSAFE:
            out.append(("bold red", f"skrevs inte (innehållet skulle ha ändrats): {f.path}"))
            out += [("red", f"  - {d}") for d in f.differences]
    if verbosity >= 0:
        out.append(("bold", summary(result)))
    return out


def summary(result) -> str:
    changed = len(result.having(CHANGED))
    same = len(result.having(UNCHANGED))
    bad = len(result.having(REFUSED)) + len(result.having(UNSAFE))
    verb = "skulle formateras om" if result.check else "formaterades om"
    parts = [f"{_plural(changed, 'plan', 'planer')} {verb}", f"{same} redan i gemensam form"]
    if bad:
        parts.append(f"{bad} kunde inte formateras")
    return ", ".join(parts) + "."


def render(result, *, color: bool = False, verbosity: int = 0) -> str:
    pairs = lines(result, verbosity)
    if not pairs:
        return ""
    if not color:
        return "\n".join(t for _, t in pairs) + "\n"
    from rich.markup import escape

    return "\n".join(f"[{s}]{escape(t)}[/]" for s, t in pairs) + "\n"



def diff(result, *, color: bool = False) -> str:
    """A unified diff (a/ and b/ paths, as git writes them) of what fmt would change,
    against the file's exact text, so that `git apply` takes it."""
    import difflib

    out: list[tuple[str, str]] = []
    for f in result.having(CHANGED):
        for line in difflib.unified_diff(f.original.splitlines(keepends=True), f.text.splitlines(keepends=True),
                                         f"a/{f.path}", f"b/{f.path}"):
            style = ("bold" if line.startswith(("---", "+++")) else "cyan" if line.startswith("@@")
                     else "green" if line.startswith("+") else "red" if line.startswith("-") else "")
            out.append((style, line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"))
    if not color:
        return "".join(t for _, t in out)
    from rich.markup import escape

    return "".join(f"[{s}]{escape(t.rstrip(chr(10)))}[/]\n" if s else escape(t) for s, t in out)


def endings_only(result) -> list[str]:
    """Files whose only change is CRLF line endings or a byte order mark: their diff marks every line."""
    return [f.path for f in result.having(CHANGED) if "\n".join(f.lines) == f.text]
