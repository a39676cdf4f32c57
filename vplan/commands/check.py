import sys

import click

from vplan.commands import echo, options, project_option, use_color


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["human", "json", "github", "sarif"]), default="human",
              show_default=True, help="Hur resultatet skrivs ut.")
@click.option("--strict", is_flag=True, help="Varningar räknas som fel.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Antal processer (standard: alla kärnor).")
@project_option
def command(paths, fmt, strict, jobs, project):
    """Kontrollera planer och uppföljningar: struktur, uppgifter, summor, år och hänvisningar.

    PATHS är filer eller mappar (standard: plans/ och uppfoljning/). Slutkod 0 betyder inga fel,
    1 att fel hittades och 2 att kommandot inte kunde köras.
    """
    from vplan import api
    from vplan.report import render

    opts = options(project, strict=strict, jobs=jobs)
    result = api.check(paths, options=opts, keep_plans=False)
    color = fmt == "human" and use_color(sys.stdout)
    echo(render(fmt, result, color=color), color)
    sys.exit(result.exit_code(strict))
