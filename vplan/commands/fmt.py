"""`vplan fmt`: rewrite plans into the canonical form, or list those that differ."""
import sys

import click

from vplan.commands import echo, options, project_option, use_color, verbosity


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--check", "check_only", is_flag=True,
              help="Skriv inget: lista filerna som skulle formateras om (slutkod 1 om någon finns).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Skriv inget: visa ändringarna som en diff (slutkod 1 om någon fil skulle ändras).")
@project_option
def command(paths, check_only, show_diff, project):
    """Skriv om planer till den gemensamma formen utan att ändra innehållet.

    SÖKVÄG är filer eller mappar (standard: plans/ och uppfoljning/). vplan fmt läser först
    tillbaka sin egen text och jämför innehållet med originalet; skiljer något
    sig skrivs ingenting och slutkoden är 3. En plan som inte går att läsa
    lämnas orörd (slutkod 1). Med --check ändras inga filer: slutkod 1 betyder
    att någon fil skulle formateras om. Med --diff visas i stället vad som
    skulle ändras, som en diff på standard ut (sammanfattningen på standard fel).
    """
    from vplan.errors import EXIT_FINDINGS, EXIT_OK, UnsafeFormat
    from vplan.fmt import format_paths
    from vplan.fmt.files import CHANGED, REFUSED, UNSAFE
    from vplan.fmt.report import diff, endings_only, render

    check_only = check_only or show_diff
    result = format_paths(paths, options=options(project), check=check_only)
    color = use_color(sys.stdout)
    if show_diff:
        echo(diff(result, color=color), color)
        for path in endings_only(result):
            click.echo(f"{path}: bara radsluten (CRLF blir LF) eller byte order mark ändras.", err=True)
    err_color = use_color(sys.stderr) if show_diff else color
    echo(render(result, color=err_color, verbosity=verbosity()), err_color, err=show_diff)
    unsafe = result.having(UNSAFE)
    if unsafe:
        raise UnsafeFormat(
            f"vplan fmt skrev inte {len(unsafe)} {'fil' if len(unsafe) == 1 else 'filer'}: "
            "den nya texten skulle ha ändrat innehållet.",
            "Filerna är orörda. Rapportera felet till dem som sköter vplan och bifoga planen.")
    findings = result.having(REFUSED) or (check_only and result.having(CHANGED))
    sys.exit(EXIT_FINDINGS if findings else EXIT_OK)
