"""`vplan init`: start a region's repository of plans."""
import click


@click.command()
@click.argument("mapp", type=click.Path(path_type=str))
@click.option("--region", required=True, metavar="NAMN", help="Regionens namn, till exempel \"Region Västerbotten\".")
@click.option("--namnd", "--nämnd", "namnd", default="Regionstyrelsen", metavar="NAMN",
              help="Nämnden som den första planen gäller (standard: Regionstyrelsen).")
@click.option("--ar", "--år", "ar", type=int, metavar="ÅR",
              help="Budgetåret för den första planen (standard: nästa år).")
@click.option("--i-befintlig", "into_existing", is_flag=True,
              help="Skapa arkivet i en mapp som inte är tom. Filer som redan finns ändras inte.")
def command(mapp, region, namnd, ar, into_existing):
    """Skapa ett nytt arkiv för regionens planer i MAPP.

    Arkivet får en första plan, en egen husstil och strukturprofil (kopior av
    standard, med varje inställning förklarad), inställningar för pre-commit,
    GitHub Actions, GitLab CI och Visual Studio Code och en README. Planen
    klarar vplan check och vplan build direkt.

    \b
    Exempel: vplan init planer --region "Region Västerbotten" --ar 2026
    """
    from pathlib import Path

    from vplan.commands import say
    from vplan.scaffold import init_repository

    result = init_repository(Path(mapp), region=region, board=namnd, year=ar, into_existing=into_existing)
    for rel in result.created:
        say(f"Skapade {rel}")
    for rel in result.kept:
        say(f"Finns redan, orörd: {rel}")
    if not result.plan:
        say("Mappen plans/ har redan planer, så ingen ny plan skapades (vplan new skapar en).")
    say(f"\nKlart. Arkivet finns i {result.root}. Nästa steg:")
    shown = mapp if " " not in mapp else f"\"{mapp}\""
    plan = result.plan or "plans/"
    say(f"  cd {shown}\n  git init && vplan git-setup\n  vplan check plans/\n  vplan build {plan}\n"
               "  git add . && git commit -m \"Arkiv för planerna\"")
