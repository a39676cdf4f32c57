"""vplan release: every plan into dist/ with a manifest, in parallel, skipping unchanged plans."""
import sys

import click

from vplan.commands import detail, echo, options, project_option, say, seconds, use_color
from vplan.commands.build import FORMAT_HELP, parse_formats, shown_path


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "formats", default="html,docx,pdf", metavar="FORMAT", help=FORMAT_HELP)
@click.option("--out", type=click.Path(file_okay=False), metavar="MAPP", help="Mapp för dokumenten (standard: dist/).")
@click.option("--jobs", "-j", type=int, callback=lambda ctx, param, n: _positive(n), metavar="ANTAL", help="Antal planer som byggs samtidigt "
              "(standard: en per processorkärna).")
@project_option
def command(paths, formats, out, jobs, project):
    """Bygg alla planer till dist/ med manifest, parallellt.

    SÖKVÄG är filer eller mappar (standard: plans/ och uppfoljning/). dist/manifest.json anger
    varje dokuments storlek och sha256, planens sha256, git-commit, vplans
    version och husstilens kontrollsumma. Planer som inte ändrats sedan förra
    gången byggs inte om. Slutkod 0 betyder att allt gick bra, 1 att någon
    plan har fel, 2 att ett bygge misslyckades.
    """
    from pathlib import Path

    from vplan.render.release import release

    opts = options(project, formats=parse_formats(formats), jobs=jobs,
                   out_dir=Path(out).resolve() if out else None)
    import time

    color = use_color(sys.stdout)
    start = time.perf_counter()
    with _progress(use_color(sys.stderr) and sys.stderr.isatty(), quiet=opts.quiet) as tick:
        result = release(paths, options=opts, progress=tick)
    _report(result, color, quiet=opts.quiet)
    say(result.summary() + ".")
    say(f"Manifest: {shown_path(result.manifest)}")
    detail(f"Tog {seconds(time.perf_counter() - start)}.")
    sys.exit(result.exit_code)


def _positive(n):
    if n is not None and n < 1:
        raise click.BadParameter("ange minst 1.", param_hint="--jobs")
    return n


class _progress:
    """A rich progress bar on a terminal, one plain line per plan otherwise."""

    def __init__(self, terminal: bool, quiet: bool = False):
        self.terminal, self.quiet = terminal and not quiet, quiet
        self.bar = None

    def __enter__(self):
        if self.terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("Bygger"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("{task.description}"), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=None)
        return self.tick

    def tick(self, plan, total: int) -> None:
        from vplan.render.build import STATUS_WORDS

        if self.bar is not None:
            self.bar.update(self.task, advance=1, total=total, description=plan.source)
        elif not self.quiet:
            click.echo(f"{STATUS_WORDS[plan.status]}: {plan.source}", err=True)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _report(result, color: bool, quiet: bool = False) -> None:
    from vplan.api import CheckResult
    from vplan.commands.build import by_file
    from vplan.render.build import FAILED, REFUSED
    from vplan.report import render

    refused = [f for p in result.plans if p.status == REFUSED for f in by_file(p)]
    if refused:
        echo(render("human", CheckResult(tuple(refused)), color=color, quiet=quiet), color)
    for p in result.plans:
        if p.status == FAILED:
            click.echo(f"Fel: {p.source} kunde inte byggas. {p.message}", err=True)
