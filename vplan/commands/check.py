import sys

import click

from vplan.commands import detail, echo, options, project_option, seconds, use_color
from vplan.report import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="human",
              show_default=True, help="Hur resultatet skrivs ut.")
@click.option("--strict", is_flag=True, help="Varningar räknas som fel.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="ANTAL", help="Antal processer (standard: alla kärnor).")
@project_option
def command(paths, fmt, strict, jobs, project):
    """Kontrollera planer och uppföljningar: struktur, uppgifter, summor, år och hänvisningar.

    SÖKVÄG är filer eller mappar (standard: plans/ och uppfoljning/). Slutkod 0 betyder inga fel,
    1 att fel hittades och 2 att kommandot inte kunde köras.
    """
    import time

    from vplan import api
    from vplan.report import render

    opts = options(project, strict=strict, jobs=jobs)
    start = time.perf_counter()
    result = api.check(paths, options=opts, keep_plans=False)
    for f in result.files:
        detail(f"Läste {f.path}: {len(f.diagnostics)} fynd.")
    detail(f"Kontrollerade {len(result.files)} filer på {seconds(time.perf_counter() - start)}.")
    color = fmt == "human" and use_color(sys.stdout)
    echo(render(fmt, result, color=color, quiet=opts.quiet), color)
    sys.exit(result.exit_code(strict))
