"""The file side of `vplan export`: choose the format, check, write all or nothing, say what was done."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from vplan.errors import EXIT_FINDINGS, UsageError

_BY_ENDING = {".xlsx": "xlsx", ".json": "json", ".csv": "csv"}


def choose_format(fmt: str | None, out: str | None) -> str:
    if fmt:
        return fmt
    return _BY_ENDING.get(Path(out).suffix.lower(), "csv") if out else "csv"


def _target(out: str | None, fmt: str, force: bool, sources: list[Path]) -> Path | None:
    """--out checked before anything is read: never a plan, never an existing file without --force."""
    from vplan.export.formats import FORMATS
    from vplan.paths import real, shown

    if out is None:
        if not FORMATS[fmt][2]:
            raise UsageError("En Excel-fil kan inte skrivas till standard ut.",
                             "Ange filen med --out, till exempel --out planer.xlsx.")
        return None
    path = Path(out)
    ending = FORMATS[fmt][1]
    if any(real(path) == real(s) for s in sources):
        raise UsageError(f"--out {shown(path)} är en av filerna som exporteras; vplan skriver aldrig över en källfil.",
                         f"Ange en fil med ändelsen {ending}, till exempel --out planer{ending}.")
    if path.suffix.lower() == ".md":
        raise UsageError(f"--out {shown(path)} är en .md-fil, som planerna; vplan skriver inte en export till en "
                         "sådan fil.", f"Ange en fil med ändelsen {ending}, till exempel --out planer{ending}.")
    if os.path.lexists(path) and not force:
        raise UsageError(f"Filen {shown(path)} finns redan, och vplan skriver inte över den.",
                         "Välj ett annat filnamn, eller lägg till --force för att ersätta filen.")
    return path


def _epoch() -> int | None:
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(env) if env.isdigit() else None


def run(paths, *, fmt: str | None, out: str | None, force: bool, options) -> None:
    import time

    from vplan.api import collect
    from vplan.commands import detail, say, seconds
    from vplan.model import Severity
    from vplan.export.formats import FORMATS
    from vplan.export.run import export
    from vplan.report import render

    start = time.perf_counter()
    fmt = choose_format(fmt, out)
    files = collect(paths, options)
    target = _target(out, fmt, force, files)
    result = export(options=options, files=files)
    if result.failed:
        click.echo(render("human", result.checked), err=True, nl=False)
        bad = sum(1 for f in result.checked.files if f.errors)
        sys.exit(_report_failure(bad))
    data = FORMATS[fmt][0](result.rows, epoch=options.source_date_epoch or _epoch())
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write(target, data, force)
    files = len(result.checked.files)
    where = f" till {_shown(target)}" if target else ""
    warnings = result.checked.count(Severity.WARNING)
    noted = f" Filerna har {warnings} {'varning' if warnings == 1 else 'varningar'}; vplan check visar dem." \
        if warnings else ""
    say(f"Exporterade {len(result.rows)} värden ur {files} {'fil' if files == 1 else 'filer'}{where}.{noted}",
        err=True)
    detail(f"Läste, kontrollerade och skrev på {seconds(time.perf_counter() - start)}.")


def _report_failure(bad: int) -> int:
    noun = "fil har" if bad == 1 else "filer har"
    click.echo(f"Fel: {bad} {noun} fel, så inget exporterades.", err=True)
    click.echo("Gör så här: Rätta felen som visas ovan (vplan check visar dem också) och exportera igen.", err=True)
    return EXIT_FINDINGS


def _shown(path: Path) -> str:
    from vplan.paths import shown

    return shown(path)


def _write(target: Path, data: bytes, force: bool) -> None:
    from vplan.write import write_output

    write_output({target: data}, force=force, what="Tabellen",
                 exists_hint="Välj ett annat filnamn, eller lägg till --force för att ersätta filen.")
