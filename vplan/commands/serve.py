"""`vplan serve`: a live preview of a plan in the browser while it is written."""
import click

from vplan.commands import QUIET, VERBOSE, options, project_option, say, seconds, verbosity


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True))
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
    level = verbosity()  # read here: rebuilds are logged from the watching thread, outside click's context

    def log(key, page) -> None:
        """One line a rebuild (with -v, how long it took); nothing with -q."""
        if level > QUIET:
            took = f" på {seconds(page.seconds)}" if level >= VERBOSE else ""
            state = "" if page.shown else " (sidan visar felen)"
            click.echo(f"Byggde om {key}{took}: {page.errors} fel, {page.warnings} varningar{state}.", err=True)

    serve(target.resolve(), options=opts, port=port, say=lambda text: say(text, err=True), log=log)
