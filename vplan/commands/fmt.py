"""`vplan fmt`: rewrite plans into the canonical form, or list those that differ."""
import sys

import click

from vplan.commands import echo, options, project_option, use_color


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--check", "check_only", is_flag=True,
              help="Skriv inget: lista filerna som skulle formateras om (slutkod 1 om någon finns).")
@project_option
def command(paths, check_only, project):
    """Skriv om planer till den gemensamma formen utan att ändra innehållet.

    PATHS är filer eller mappar (standard: plans/ och uppfoljning/). vplan fmt läser först
    tillbaka sin egen text och jämför innehållet med originalet; skiljer något
    sig skrivs ingenting och slutkoden är 3. En plan som inte går att läsa
    lämnas orörd (slutkod 1). Med --check ändras inga filer: slutkod 1 betyder
    att någon fil skulle formateras om.
    """
    from vplan.errors import EXIT_FINDINGS, EXIT_OK, UnsafeFormat
    from vplan.fmt import format_paths
    from vplan.fmt.files import CHANGED, REFUSED, UNSAFE
    from vplan.fmt.report import render

    result = format_paths(paths, options=options(project), check=check_only)
    color = use_color(sys.stdout)
    echo(render(result, color=color), color)
    unsafe = result.having(UNSAFE)
    if unsafe:
        raise UnsafeFormat(
            f"vplan fmt skrev inte {len(unsafe)} {'fil' if len(unsafe) == 1 else 'filer'}: "
            "den nya texten skulle ha ändrat innehållet.",
            "Filerna är orörda. Rapportera felet till dem som sköter vplan och bifoga planen.")
    findings = result.having(REFUSED) or (check_only and result.having(CHANGED))
    sys.exit(EXIT_FINDINGS if findings else EXIT_OK)
