"""`vplan export`: the plans' and follow-ups' values as one table (CSV, JSON or Excel)."""
import click

from vplan.commands import options, project_option

FORMAT_NAMES = ("csv", "csv-excel", "json", "xlsx")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[SÖKVÄG]...")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES),
              help="xlsx (Excel), csv-excel (CSV för Excel med svenska inställningar), csv (CSV för andra "
                   "program: komma och decimalpunkt) eller json. Standard: efter filnamnet i --out, annars csv.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), metavar="FIL",
              help="Filen som tabellen skrivs till. Utan --out skrivs csv och json till standard ut.")
@click.option("--force", is_flag=True, help="Skriv över filen i --out om den redan finns.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="ANTAL", help="Antal processer (standard: alla kärnor).")
@project_option
def command(paths, fmt, out, force, jobs, project):
    """Exportera planernas och uppföljningarnas värden som en tabell: en rad per värde.

    Utfall, målvärden, tabellernas tal, bedömningar och uppdragens status, med region,
    nämnd, målområde, mål, år, enhet och var i filen värdet står. SÖKVÄG är filer eller
    mappar (standard: plans/ och uppfoljning/). Bara filer utan fel exporteras: har någon
    fil fel visas de som vplan check visar dem, inget skrivs och slutkoden är 1.

    \b
    Exempel: vplan export --out planer.xlsx
             vplan export plans/ uppfoljning/ --format csv > planer.csv
    """
    from vplan.export.command import run

    run(paths, fmt=fmt, out=out, force=force, options=options(project, jobs=jobs))
