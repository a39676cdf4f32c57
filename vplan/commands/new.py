"""`vplan new`: start a new plan with every chapter of its profile and placeholders to fill in."""
import click

from vplan.commands import options, project_option


@click.command()
@click.argument("path", type=click.Path(dir_okay=False), metavar="FIL")
@click.option("--region", required=True, metavar="NAMN", help="Regionens namn, till exempel \"Region Västernorrland\".")
@click.option("--namnd", "--nämnd", "namnd", required=True, metavar="NAMN", help="Nämnden eller styrelsen som planen gäller.")
@click.option("--ar", "--år", "year", required=True, type=click.IntRange(2000, 2099), metavar="ÅR",
              help="Budgetåret, till exempel 2027.")
@click.option("--profil", "profile", metavar="NAMN", help="Strukturprofil (standard: regionens senaste plan, annars standard).")
@click.option("--mall", "style", metavar="NAMN", help="Husstil (standard: regionens senaste plan, annars standard).")
@project_option
def command(path, region, namnd, year, profile, style, project):
    """Skapa en ny plan med alla kapitel som profilen kräver.

    Planen får exempel på indikatorer, uppdrag, tabeller, risker och bilagor med
    platshållare, [fyll i: …], där du skriver det som ska stå. vplan check visar
    var platshållarna står (VP500–VP503). vplan skriver aldrig över en fil som finns.

    \b
    Exempel: vplan new --region "Region Västernorrland" --namnd Kulturnämnden --ar 2027 plans/kultur-2027.md
    """
    from vplan.cycle.convention import convention
    from vplan.cycle.new import new_plan_text
    from vplan.cycle.output import new_file, write_plan
    from vplan.paths import shown

    opts = options(project)
    target = new_file(path, opts.project_dir)
    region = " ".join(region.split())
    conv = convention(region, opts.project_dir)
    profile = profile or (conv and conv.profil) or "standard"
    style = style or (conv and conv.mall) or "standard"
    text = new_plan_text(region=region, namnd=namnd, year=year, profile=profile, style=style,
                         root=opts.project_dir)
    write_plan(target, text)
    click.echo(f"Skrev {shown(target)}: {namnd} {year}, profil {profile}, husstil {style}.")
    click.echo(f"Fyll i platshållarna [fyll i: …]. vplan check {shown(target)} visar var de står.")
