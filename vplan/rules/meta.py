"""Rules on the plan's metadata: period, status and decision, dates."""
from vplan.model import Diagnostic, Severity
from vplan.read.plan import valid_iso_date
from vplan.rules import rule


@rule("VP205", "planperiod")
def plan_period(ctx):
    """Planperioden, budgetåret eller målåren hänger inte ihop.

    Varför: alla kontroller av utfall och målvärden utgår från planperioden.

    Fel:
        planperiod:
          från: 2027
          till: 2025
        budgetår: 2024
    Rätt:
        planperiod:
          från: 2025
          till: 2027
        budgetår: 2025
    """
    m = ctx.plan.meta
    if m.fran > m.till:
        yield Diagnostic("VP205", Severity.ERROR, f"Planperioden börjar ({m.fran}) efter att den slutar ({m.till}).",
                         m.at("planperiod.från"), "Byt plats på från och till.")
        return
    if not m.fran <= m.budgetar <= m.till:
        yield Diagnostic("VP205", Severity.ERROR,
                         f"Budgetåret {m.budgetar} ligger utanför planperioden {m.fran}–{m.till}.",
                         m.at("budgetår"), "Budgetåret är normalt planperiodens första år.")
    for year in m.malar:
        if not m.fran <= year <= m.till:
            yield Diagnostic("VP205", Severity.ERROR,
                             f"Målåret {year} ligger utanför planperioden {m.fran}–{m.till}.",
                             m.at("målår"), "Ta bort året eller ändra planperioden.")


@rule("VP400", "beslut-saknas")
def decision_missing(ctx):
    """Planen har status beslutad men inget beslut.

    Varför: en beslutad plan ska visa vilket organ som beslutade den, när och i vilken paragraf.

    Fel:
        status: beslutad
    Rätt:
        status: beslutad
        beslut:
          organ: Regionstyrelsen
          datum: 2024-12-10
          paragraf: § 240
    """
    m = ctx.plan.meta
    if m.status == "beslutad" and m.beslut is None:
        yield Diagnostic("VP400", Severity.ERROR, "Planen har status beslutad men inget beslut.",
                         m.at("status"), "Lägg till beslut: med organ, datum och paragraf, eller ändra status till förslag.")
    if m.status != "beslutad" and m.beslut is not None:
        yield Diagnostic("VP400", Severity.WARNING,
                         f"Planen har ett beslut men status {m.status}.", m.at("status"),
                         "Ändra status till beslutad om planen är beslutad.")


@rule("VP401", "ogiltigt-datum")
def invalid_dates(ctx):
    """Ett datum finns inte i kalendern eller är inte skrivet ÅÅÅÅ-MM-DD.

    Varför: datum visas och jämförs i dokumenten; 2023-02-30 är ett skrivfel.

    Fel:
        datum: 2023-02-30
    Rätt:
        datum: 2023-02-28
    """
    m = ctx.plan.meta
    checks = []
    if m.datum is not None:
        checks.append((str(m.datum), m.at("datum")))
    if m.beslut is not None:
        checks.append((m.beslut.datum, m.beslut.at("datum")))
    for a in ctx.plan.assignments():
        if isinstance(a.senast, str):
            checks.append((a.senast, a.at("senast")))
    for text, pos in checks:
        if not valid_iso_date(text):
            yield Diagnostic("VP401", Severity.ERROR, f"Datumet ”{text}” finns inte.", pos,
                             "Skriv ett datum som finns, som ÅÅÅÅ-MM-DD, till exempel 2025-12-31.")
