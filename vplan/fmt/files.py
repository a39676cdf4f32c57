"""Format plan files: read, rewrite, prove the meaning kept, write atomically."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from vplan.errors import UsageError
from vplan.model import Diagnostic, Pos, Severity

UNCHANGED, CHANGED, REFUSED, UNSAFE = "oförändrad", "ändrad", "vägrad", "osäker"


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # UNCHANGED, CHANGED, REFUSED (does not read) or UNSAFE (meaning would change)
    diagnostics: tuple[Diagnostic, ...] = ()  # why a file was refused
    differences: tuple[str, ...] = ()  # why a rewrite was unsafe (Swedish)
    lines: tuple[str, ...] = ()  # source lines, for excerpts
    text: str | None = field(default=None, repr=False)  # the canonical text when safe
    original: str | None = field(default=None, repr=False)  # the file's text as read, for fmt --diff


@dataclass(frozen=True)
class FmtResult:
    files: tuple[FileOutcome, ...]
    check: bool

    def having(self, status: str) -> list[FileOutcome]:
        return [f for f in self.files if f.status == status]


def check_text(name: str, data: bytes, schema_dir: str | None = None) -> FileOutcome:
    """Format one plan's bytes in memory and verify the result; nothing is written."""
    from vplan.fmt.document import clean, format_text

    text_in = data.decode("utf-8", "replace")
    lines = tuple(clean(text_in).split("\n"))
    followup = _is_followup(name, data)
    plan_in, diags = _read(name, _without_bom(data), schema_dir, followup)
    errors = tuple(d for d in diags if d.severity is Severity.ERROR)
    if plan_in is None or errors:
        return FileOutcome(name, REFUSED, errors or tuple(diags), lines=lines)
    text = clean(text_in)
    memo: dict = {}  # what the check of the rewrite need not format again
    try:
        out = format_text(text, schema_dir=schema_dir, memo=memo, followup=followup)
    except Exception as exc:  # a formatter bug must never reach the file
        return FileOutcome(name, UNSAFE, differences=(f"Formateringen misslyckades ({type(exc).__name__}: {exc}).",),
                           lines=lines)
    # Output equal to the (cleaned) input is trivially equivalent and stable.
    problems = [] if out == text else _verify(name, text, out, plan_in, schema_dir, memo, followup)
    if problems:
        return FileOutcome(name, UNSAFE, differences=tuple(problems), lines=lines)
    status = UNCHANGED if out.encode("utf-8") == data else CHANGED
    return FileOutcome(name, status, lines=lines, text=out, original=text_in)


def _is_followup(name: str, data: bytes) -> bool:
    from vplan.followup.read import looks_like_followup

    return looks_like_followup(Path(name).parts, data)


def _read(name: str, data: bytes, schema_dir, followup: bool):
    """(what the text means, without positions once plain() has it; diagnostics)."""
    if not followup:
        from vplan.read import read_text

        return read_text(name, data, schema_dir)
    from vplan.followup.read import read_text as read_followup

    meta, body, diags = read_followup(name, data, schema_dir)
    return ((meta, body.preamble, body.chapters, body.footnotes) if meta is not None else None), diags


def _verify(name, text, out, plan_in, schema_dir, memo, followup=False) -> list[str]:
    from vplan.fmt.document import format_text
    from vplan.fmt.verify import comments, differences, plain

    plan_out, diags = _read(name, out.encode("utf-8"), schema_dir, followup)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if plan_out is None or errors:
        return [f"Den nya texten går inte att läsa: {d.message} (rad {d.pos.line})" for d in errors[:5]] \
            or ["Den nya texten går inte att läsa."]
    problems = differences(plain(plan_in), plain(plan_out))
    if comments(text) != comments(out):
        lost = sorted(set(comments(text)) - set(comments(out)))
        problems.append("YAML-kommentarer skulle försvinna: " + ", ".join(lost[:3]) if lost
                        else "YAML-kommentarerna skulle ändras.")
    if not problems:
        try:
            again = format_text(out, schema_dir=schema_dir, memo=memo, followup=followup)
        except Exception as exc:
            again = f"{exc}"
        if again != out:
            problems.append("Formateringen är inte stabil: en andra körning ger en annan text.")
    return problems


def _without_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def format_paths(paths=(), *, options, check: bool = False) -> FmtResult:
    """Format every plan named or found below `paths`; with `check`, write nothing."""
    from vplan.api import collect, display_path

    from vplan.paths import reason

    files = collect(paths, options)
    refused = {p: _refusal(p, display_path(p), options) for p in files}
    read = {p: _read_bytes(p) for p in files if refused[p] is None}
    jobs = [(display_path(p), read[p], str(options.schema_dir)) for p in files if refused[p] is None]
    checked = iter(_check_all(jobs))
    outcomes = [refused[p] or next(checked) for p in files]
    changed = [(Path(p), o) for p, o in zip(files, outcomes) if o.status == CHANGED]
    if not check:
        targets = [(write_target(p, options.project_dir), o) for p, o in changed]  # refuse before writing any
        for (path, outcome), (target, _) in zip(changed, targets):
            _still_as_read(target, read[path], outcome.path)
        for target, outcome in targets:
            try:
                write_atomic(target, outcome.text.encode("utf-8"))
            except OSError as exc:
                raise UsageError(f"Filen {display_path(target)} kunde inte skrivas: {reason(exc)}.",
                                 "Kontrollera att det finns plats på disken och att du får skriva i mappen.") from None
    return FmtResult(tuple(outcomes), check)


def _refusal(path: Path, name: str, options) -> FileOutcome | None:
    """A link out of the project or a file that is not a regular one is refused unread."""
    import stat

    from vplan.api import _refuse

    diag = _refuse(path, name, options)
    if diag is None:
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except OSError:
            regular = True  # _read_bytes says why it cannot be read
        if not regular:
            diag = Diagnostic("VP003", Severity.ERROR, "Filen är ingen vanlig fil (den är till exempel en "
                              "namngiven pipe eller en enhet).", Pos(name, 1, 1),
                              "Planer ska vara vanliga textfiler (.md). Ta bort filen eller byt namn på den.")
    return None if diag is None else FileOutcome(name, REFUSED, (diag,))


def write_target(path: Path, project_dir) -> Path:
    """The file fmt rewrites for `path`: through a link to its target, never replacing the link
    itself or a read-only file; a Swedish UsageError when that is not allowed."""
    import stat

    from vplan.api import display_path
    from vplan.paths import allowed, real

    target = real(path)
    if not allowed(target, project_dir) and target != Path(os.path.abspath(path)):
        raise UsageError(f"Filen {display_path(path)} är en länk till {target}, som ligger utanför projektet. "
                         "vplan fmt skriver inte dit.", "Kopiera filen till projektet i stället för att länka till den.")
    if not stat.S_IMODE(os.stat(target).st_mode) & stat.S_IWUSR:
        raise UsageError(f"Filen {display_path(path)} är skrivskyddad, så vplan fmt ändrar den inte.",
                         "Ta bort skrivskyddet (chmod u+w) om filen ska formateras, eller kör vplan fmt --check.")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise UsageError(f"Mappen {display_path(target.parent)} är skrivskyddad. vplan fmt skriver den nya texten "
                         "till en fil bredvid planen och byter sedan plats på dem.",
                         "Ge dig själv skrivrätt i mappen, eller kör vplan fmt --check.")
    return target


PARALLEL_FROM = 16  # below this, starting worker processes costs more than it saves


def _check_all(jobs) -> list[FileOutcome]:
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [check_text(*job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_check_job, jobs, chunksize=8))


def _check_job(job) -> FileOutcome:
    return check_text(*job)


def _still_as_read(target: Path, data: bytes, name: str) -> None:
    """A plan saved by someone else while fmt worked must not be replaced by the older text."""
    from vplan.paths import read_regular

    try:
        now = read_regular(target)
    except OSError:
        now = None
    if now != data:
        raise UsageError(f"Filen {name} ändrades medan vplan fmt arbetade. Ingen plan har skrivits om.",
                         "Kör vplan fmt igen när du sparat klart.")


def _read_bytes(path) -> bytes:
    from vplan.paths import read_regular, reason

    try:
        return read_regular(path)
    except OSError as exc:
        raise UsageError(f"Filen {path} kan inte läsas: {reason(exc)}.",
                         "Kontrollera att filen finns och att du har behörighet att läsa den.") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the original."""
    from vplan.write import stage

    tmp = stage(path, data, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
    try:
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
