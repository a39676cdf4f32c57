"""Rules on indicators: years against the plan period, values, unique ids."""
from vplan.model import Diagnostic, IndicatorBlock, Severity, Text
from vplan.rules import rule
from vplan.model.spans import SERIES, indicator_cover

QUALITATIVE = ("ja", "delvis", "nej")


@rule("VP200", "malar-utanfor-period")
def target_outside_period(ctx):
    """Ett målvärde gäller ett år utanför planperioden.

    Varför: planen beslutar bara om sin egen period; ett mål för 2029 i en plan för
    2025–2027 är oftast ett skrivfel.

    Fel:
        mål:
          2025: 6
          2029: 8
    Rätt:
        mål:
          2025: 6
          2027: 8
    """
    m = ctx.plan.meta
    for ind in ctx.plan.indicators():
        for yv in ind.mal:
            if not m.fran <= yv.year <= m.till:
                yield Diagnostic("VP200", Severity.ERROR,
                                 f"Målvärdet för {yv.year} ligger utanför planperioden {m.fran}–{m.till} "
                                 f"(indikator {ind.id}).", yv.pos,
                                 f"Ange målvärden för planårens år, {m.fran}–{m.till}.")


@rule("VP201", "malvarde-saknas")
def target_missing(ctx):
    """En kvantitativ indikator saknar målvärde för ett målår.

    Varför: utan målvärde går det inte att bedöma om målet nås. Vilka år som ska ha
    målvärden anges med målår i planens uppgifter (standard: alla år i planperioden).
    Långsiktiga nyckeltal (sikt: lång) behöver inget målvärde. Ett målvärde med
    radspann på indikatorn ovanför gäller också den här indikatorn.

    Fel:
        mål:
          2025: 6
    Rätt:
        mål:
          2025: 6
          2027: 8
    """
    years = ctx.plan.meta.malar
    for block in ctx.plan.blocks():
        if isinstance(block, IndicatorBlock):
            yield from _targets_missing(block, years)


def _targets_missing(block, years):
    cover = indicator_cover(block)
    for i, ind in enumerate(block.indikatorer):
        if ind.typ != "kvantitativ" or ind.sikt == "lång":
            continue
        have = {yv.year for yv in ind.mal} | {y for (j, attr, y) in cover if j == i and attr == "mal"}
        missing = [y for y in years if y not in have]
        if missing:
            pos = ind.at("mål") if ind.mal else ind.pos
            yield Diagnostic("VP201", Severity.ERROR,
                             f"Indikatorn {ind.id} saknar målvärde för {', '.join(map(str, missing))}.",
                             pos, "Lägg till målvärdet, eller ändra målår i planens uppgifter.")


@rule("VP202", "utfall-efter-budgetar")
def outcome_not_past(ctx):
    """Ett utfall gäller budgetåret eller ett senare år.

    Varför: utfall är det som redan har hänt; år från budgetåret och framåt är målår.

    Fel:
        utfall:
          2025: 75
    Rätt:
        utfall:
          2023: 75
    """
    b = ctx.plan.meta.budgetar
    for ind in ctx.plan.indicators():
        for yv in ind.utfall:
            if yv.year >= b:
                yield Diagnostic("VP202", Severity.ERROR,
                                 f"Utfallet för {yv.year} gäller inte ett år före budgetåret {b} "
                                 f"(indikator {ind.id}).", yv.pos,
                                 "Flytta värdet till mål, eller rätta årtalet.")


@rule("VP203", "kvalitativt-malvarde")
def qualitative_target(ctx):
    """En kvalitativ indikator har ett målvärde som inte är Ja, Delvis eller Nej.

    Varför: kvalitativa indikatorer bedöms med Ja, Delvis eller Nej.

    Fel:
        typ: kvalitativ
        mål:
          2025: 80
    Rätt:
        typ: kvalitativ
        mål:
          2025: Ja
    """
    from vplan.cycle.placeholder import is_placeholder

    for ind in ctx.plan.indicators():
        if ind.typ != "kvalitativ":
            continue
        for yv in ind.mal:
            if is_placeholder(yv.value):  # VP502 asks for the value
                continue
            if not (isinstance(yv.value, Text) and yv.value.text.casefold() in QUALITATIVE):
                yield Diagnostic("VP203", Severity.ERROR,
                                 f"Målvärdet för {yv.year} ska vara Ja, Delvis eller Nej (indikator {ind.id}).",
                                 yv.value_pos or yv.pos, "Skriv Ja, Delvis eller Nej, eller ändra typ till kvantitativ.")


@rule("VP207", "radspann-indikator")
def indicator_spans(ctx):
    """Ett värde med radspann går utanför blocket, eller anges igen på en rad det redan gäller.

    Varför: ett värde som gäller flera indikatorer, till exempel samma målnivå för
    flickor och pojkar, skrivs en gång på den första indikatorn. Indikatorerna under
    ska då inte ange värdet själva, och det måste finnas så många indikatorer kvar
    i blocket.

    Fel:
        - id: halsa-flickor
          mål:
            2025: {värde: 75, radspann: 2}
        - id: halsa-pojkar
          mål:
            2025: 75
    Rätt:
        - id: halsa-flickor
          mål:
            2025: {värde: 75, radspann: 2}
        - id: halsa-pojkar
    """
    for block in ctx.plan.blocks():
        if not isinstance(block, IndicatorBlock):
            continue
        inds = block.indikatorer
        cover = indicator_cover(block)
        for i, ind in enumerate(inds):
            for attr, label in SERIES:
                for yv in getattr(ind, attr):
                    left = len(inds) - i
                    if yv.rowspan > left:
                        yield Diagnostic("VP207", Severity.ERROR,
                                         f"Värdet för {yv.year} ({label}) ska gälla {yv.rowspan} indikatorer, "
                                         f"men blocket har bara {left} från och med {ind.id}.",
                                         yv.value_pos or yv.pos, f"Ändra radspann till högst {left}.")
                    src = cover.get((i, attr, yv.year))
                    if src is not None:
                        first = inds[src[0]]
                        yield Diagnostic("VP207", Severity.ERROR,
                                         f"Indikatorn {ind.id} anger {label} för {yv.year}, men värdet på "
                                         f"indikatorn {first.id} (rad {src[1].pos.line}) gäller redan här "
                                         f"genom radspann.", yv.pos,
                                         "Ta bort värdet här, eller minska radspann på indikatorn ovanför.")


@rule("VP204", "dubbla-id")
def duplicate_ids(ctx):
    """Två indikatorer, två uppdrag eller två avsikter har samma id.

    Varför: id:t används för att följa en indikator, ett uppdrag eller en avsikt mellan versioner.

    Fel:
        - id: hme
          namn: HME totalindex
        - id: hme
          namn: HME delindex styrning
    Rätt:
        - id: hme-total
          namn: HME totalindex
        - id: hme-styrning
          namn: HME delindex styrning
    """
    for kind, items in (("indikator", ctx.plan.indicators()), ("uppdrag", ctx.plan.assignments()),
                        ("avsikt", ctx.plan.intentions())):
        first = {}
        for item in items:
            if item.id is None:
                continue
            if item.id in first:
                yield Diagnostic("VP204", Severity.ERROR,
                                 f"Id:t ”{item.id}” används redan ({kind} på rad {first[item.id].at('id').line}).",
                                 item.at("id"), "Ge varje id ett eget namn.")
            else:
                first[item.id] = item  # its place is looked up only for a duplicate
