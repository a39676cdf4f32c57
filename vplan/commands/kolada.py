"""`vplan kolada`: fetch outcomes from Kolada into a follow-up, as a change to review."""
import click

from vplan.commands import options, project_option, say


@click.command()
@click.argument("path", type=click.Path(dir_okay=False), metavar="UPPFÖLJNING")
@click.option("--bas-url", "base", default="https://api.kolada.se", show_default=True, metavar="URL",
              help="Koladas adress. Bara https, eller http://127.0.0.1 för en kopia på den egna datorn.")
@project_option
def command(path, base, project):
    """Hämta utfall från Kolada till en uppföljning.

    För varje indikator i planen med ett Kolada-id (kolada: N00945) hämtas utfallen för
    regionen i uppföljningens kolada_kommun, från året före planperioden till
    uppföljningens år. Värdena skrivs in i uppföljningens block utfall med källa och
    hämtningsdatum. Ett värde som redan står i uppföljningen ändras aldrig; skiljer det
    sig från Kolada visas skillnaden. Går Kolada inte att nå ändras ingenting.

    \b
    Exempel: vplan kolada uppfoljning/vasternorrland-regionstyrelsen-2025-delår.md
    """
    from vplan.kolada.client import base_url
    from vplan.kolada.command import run

    opts = options(project)
    for line in run(path, base=base_url(base), options=opts):
        say(line)
