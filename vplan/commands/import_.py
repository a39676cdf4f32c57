"""`vplan import`: a plan from Word (.docx) made into a vplan plan that checks."""
import click

from vplan.commands import detail, options, project_option, say, seconds


@click.command()
@click.argument("docx", type=click.Path(dir_okay=False), metavar="WORDFIL")
@click.option("--out", "out", type=click.Path(dir_okay=False), metavar="FIL",
              help="Planens fil (standard: plans/<region>-<nämnd>-<år>.md).")
@click.option("--force", is_flag=True, help="Skriv över planen (och dess bilder) om filen redan finns.")
@project_option
def command(docx, out, force, project):
    """Läs in en plan från Word och gör om den till en vplan-plan.

    Försättsbladet blir planens uppgifter, rubrikerna blir kapitel, målområden
    och mål, tabellerna blir datablock (indikatorer, tabell, uppdrag, risker)
    och löptexten behålls med fetstil, kursiv, listor, fotnoter och bilder.
    Planen kontrolleras innan den skrivs. Det som behöver en människas ögon står
    i rapporten, med platsen i Word-filen.

    Slutkod 0 betyder att planen klarar kontrollen, 1 att det finns saker att se
    över och 2 att Word-filen inte gick att läsa. vplan skriver inte över en
    fil som finns utan --force.

    \b
    Exempel: vplan import verksamhetsplan-2025.docx --out plans/kultur-2025.md
    """
    import sys
    import time
    from pathlib import Path

    from vplan.importer.command import import_file

    opts = options(project)
    start = time.perf_counter()
    outcome = import_file(Path(docx), out=Path(out) if out else None, force=force, options=opts)
    for line in outcome.lines:
        say(line)
    detail(f"Läste {docx} och skrev {outcome.target} på {seconds(time.perf_counter() - start)}.")
    sys.exit(outcome.exit_code)
