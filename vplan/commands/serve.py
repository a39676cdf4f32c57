"""`vplan serve`: a live preview of a plan in the browser while it is written."""
import click

from vplan.commands import options, project_option


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True), metavar="SÖKVÄG")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, metavar="PORT",
              help="Porten på 127.0.0.1 (0: välj en ledig).")
@project_option
def command(path, port, project):
    """Visa en plan i webbläsaren medan du skriver: sidan byggs om och laddas om när du sparar.

    SÖKVÄG är en plan eller en mapp med planer (standard: plans/). Felen som
    vplan check hittar står vid texten de gäller och i en lista överst.
    Förhandsvisningen nås bara från den egna datorn (127.0.0.1). Avsluta med Ctrl-C.
    """
    from pathlib import Path

    from vplan.options import find_project_dir
    from vplan.serve import serve

    target = Path(path) if path else None
    opts = options(project or (str(find_project_dir(target.parent if target.is_file() else target))
                               if target else None))
    target = target or opts.project_dir / "plans"
    serve(target.resolve(), options=opts, port=port, say=lambda text: click.echo(text, err=True),
          log=_log)


def _log(key, page) -> None:
    seconds = f"{page.seconds:.2f}".replace(".", ",")
    state = "" if page.shown else " (sidan visar felen)"
    click.echo(f"Byggde om {key} på {seconds} s: {page.errors} fel, {page.warnings} varningar{state}.", err=True)
