"""`vplan rollover`: next year's plan from this year's, with what is left to fill in."""
import click

from vplan.commands import options, project_option


@click.command()
@click.argument("plan", type=click.Path(dir_okay=False), metavar="PLAN")
@click.option("--till", "till", required=True, type=click.IntRange(2000, 2099), metavar="ÅR",
              help="Budgetåret för den nya planen, till exempel 2026.")
@click.option("--out", "out", type=click.Path(dir_okay=False), metavar="FIL",
              help="Den nya planens fil (standard: samma namn med det nya året, i samma mapp).")
@project_option
def command(plan, till, out, project):
    """Gör nästa års plan av årets plan.

    Planperioden, budgetåret och målåren flyttas fram. Förra årets målår blir
    utfallsår som väntar på siffror, och de nya målåren får platshållare för
    målvärdena. Tabellernas årskolumner flyttas ett år: den nya sista kolumnen
    är tom. Status blir utkast och beslut och datum tas bort. Text och rubriker
    står kvar som de var. vplan check visar allt som ska fyllas i (VP500–VP504).
    vplan skriver aldrig över en fil som finns.

    \b
    Exempel: vplan rollover plans/kultur-2025.md --till 2026
    """
    from pathlib import Path

    from vplan.cycle.command import roll_file

    opts = options(project)
    for line in roll_file(Path(plan), till=till, out=Path(out) if out else None, options=opts):
        click.echo(line)
