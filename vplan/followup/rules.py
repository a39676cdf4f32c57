"""Rules over a follow-up against its plan (codes VP600–VP649).

They are registered in vplan.rules' registry with check=False, so docs/regler.md
documents them beside the plan's rules, and run here with a FollowupContext,
since they need the plan as well as the follow-up.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable

from vplan.followup import assess
from vplan.followup.goals import ASSESSED, Goal, goals
from vplan.followup.model import Followup
from vplan.model import Diagnostic, Indicator, Number, PerOrg, Severity, Text
from vplan.rules import rule

_CHECKS: list[Callable[["FollowupContext"], Iterable[Diagnostic]]] = []


@dataclass(frozen=True)
class FollowupContext:
    followup: Followup
    options: object

    @property
    def plan(self):
        return self.followup.plan

    @cached_property
    def goals(self) -> tuple[Goal, ...]:
        return goals(self.plan)

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.plan.indicators()}

    @cached_property
    def assignments(self) -> dict:
        return {a.id: a for a in self.plan.assignments() if a.id}

    @cached_property
    def profile(self):
        """The plan's structure profile: it names the chapters a follow-up needs. None if unknown
        (the plan's own check says so, VP014)."""
        from vplan.profiles import ProfileError, load_profile

        try:
            return load_profile(self.plan.meta.profil, self.options.profile_dirs, self.options.project_dir)
        except ProfileError:
            return None


def followup_rule(code: str, name: str, severity: Severity = Severity.ERROR):
    """Register a follow-up rule: documented with the others, run by run_followup_rules."""
    def register(fn):
        rule(code, name, severity, check=False)(fn)
        _CHECKS.append(fn)
        return fn
    return register


def run_followup_rules(ctx: FollowupContext) -> list[Diagnostic]:
    if ctx.plan is None:  # VP600 has said why; nothing can be compared
        return []
    return [d for check in _CHECKS for d in check(ctx)]


def _near(word: str, known) -> str | None:
    close = sorted(k for k in known if k.startswith(word)) or difflib.get_close_matches(word, list(known), n=1,
                                                                                         cutoff=0.6)
    return f"Menade du ”{close[0]}”?" if close else None


@rule("VP600", "plan-saknas", check=False)
def plan_missing(ctx):
    """Uppföljningens plan finns inte, ligger utanför projektet eller kan inte läsas.

    Varför: en uppföljning kontrolleras mot planen den följer upp: indikatorer,
    mål och uppdrag hämtas därifrån. Sökvägen skrivs från uppföljningens mapp och
    måste leda till en fil i samma arkiv.

    Fel:
        plan: plans/region-2025.md
    Rätt:
        plan: ../plans/region-2025.md
    """
    return ()


@followup_rule("VP601", "period-utanfor-plan")
def period_outside_plan(ctx):
    """Uppföljningens period ligger utanför planperioden.

    Varför: en plan för 2025–2027 kan bara följas upp för de åren. En
    delårsrapport för 2028 hör till nästa plan.

    Fel:
        period: 2028-delår
    Rätt:
        period: 2025-delår
    """
    m, period = ctx.plan.meta, ctx.followup.meta.period
    if not m.fran <= period.year <= m.till:
        yield Diagnostic("VP601", Severity.ERROR,
                         f"Perioden {period} ligger utanför planperioden {m.fran}–{m.till}.",
                         ctx.followup.meta.at("period"),
                         f"Ange en period i planperioden, till exempel {m.fran}-delår, eller byt plan.")


@followup_rule("VP602", "okand-indikator")
def unknown_indicator(ctx):
    """Ett utfall gäller en indikator som inte finns i planen.

    Varför: utfallet ska kunna ställas mot indikatorns målvärde. Id:t skrivs som
    i planens block indikatorer.

    Fel:
        - id: samverkansrad-beslut
    Rätt:
        - id: samverkansradet-beslut
    """
    for o in ctx.followup.outcomes():
        if o.id not in ctx.indicators:
            yield Diagnostic("VP602", Severity.ERROR, f"Planen har ingen indikator med id ”{o.id}”.",
                             o.at("id"), _near(o.id, ctx.indicators) or
                             "Skriv id:t som det står i planens block indikatorer.")


@followup_rule("VP603", "utfall-fel-ar")
def outcome_year(ctx):
    """Ett utfall gäller ett år efter uppföljningens period.

    Varför: en delårsrapport för 2025 kan inte ha utfall för 2026. Utfall för
    tidigare år går bra, till exempel förra årets slutliga värde.

    Fel:
        period: 2025-delår
        …
        värden:
          2026: 7
    Rätt:
        värden:
          2025: 7
    """
    year = ctx.followup.meta.period.year
    for o in ctx.followup.outcomes():
        for yv in o.values:
            if yv.year > year:
                yield Diagnostic("VP603", Severity.ERROR,
                                 f"Utfallet gäller {yv.year}, efter uppföljningens period {ctx.followup.meta.period} "
                                 f"(indikator {o.id}).", yv.pos, f"Ange utfall för {year} eller tidigare år.")


@followup_rule("VP604", "utfall-fel-slag")
def outcome_kind(ctx):
    """Ett utfall är inte av indikatorns slag: tal för en kvantitativ, Ja, Delvis eller Nej för en kvalitativ.

    Varför: ett utfall i ord för en kvantitativ indikator, eller ett tal för en
    kvalitativ, går inte att jämföra med målvärdet.

    Fel:
        värden:
          2025: cirka 5
    Rätt:
        värden:
          2025: 5
    """
    for o in ctx.followup.outcomes():
        ind = ctx.indicators.get(o.id)
        if ind is None:
            continue
        for yv in o.values:
            if ind.typ == "kvantitativ" and not isinstance(yv.value, Number):
                yield Diagnostic("VP604", Severity.ERROR, f"Indikatorn {o.id} är kvantitativ, men utfallet för "
                                 f"{yv.year} är inte ett tal.", yv.value_pos or yv.pos,
                                 "Skriv utfallet som ett tal med punkt som decimaltecken, till exempel 5 eller 3.5.")
            elif ind.typ == "kvalitativ" and not (isinstance(yv.value, Text)
                                                  and yv.value.text.strip().lower() in assess.QUALITATIVE_RANK):
                yield Diagnostic("VP604", Severity.ERROR, f"Indikatorn {o.id} är kvalitativ, så utfallet för "
                                 f"{yv.year} ska vara Ja, Delvis eller Nej.", yv.value_pos or yv.pos,
                                 "Skriv Ja, Delvis eller Nej.")


@followup_rule("VP605", "utfall-enhet", Severity.WARNING)
def outcome_unit(ctx):
    """Ett utfall passar inte indikatorns enhet: en andel (%) utanför 0–100 eller ett antal (st) som inte är ett heltal.

    Varför: det är oftast ett skrivfel, till exempel 0.85 i stället för 85 %. En
    indikator vars mål eller utfall i planen själva ligger utanför 0–100 (en
    förändring som −42 %) kontrolleras inte så.

    Fel:
        enhet: "%"        (i planen)
        värden:
          2025: 0.85
    Rätt:
        värden:
          2025: 85
    """
    for o in ctx.followup.outcomes():
        ind = ctx.indicators.get(o.id)
        unit = (ind.enhet or "").strip() if ind else ""
        for yv in o.values:
            if not isinstance(yv.value, Number):
                continue
            v = yv.value.value
            if unit == "%" and not 0 <= v <= 100 and _shares(ind):
                yield Diagnostic("VP605", Severity.WARNING, f"Utfallet {v} för {o.id} ({yv.year}) är en andel "
                                 "utanför 0–100 %.", yv.value_pos or yv.pos,
                                 "Skriv andelen i procent, till exempel 85 för 85 %.")
            elif unit in ("st", "antal") and (v < 0 or v != v.to_integral_value()):
                yield Diagnostic("VP605", Severity.WARNING, f"Utfallet {v} för {o.id} ({yv.year}) är ett antal "
                                 "men inte ett heltal från 0 och uppåt.", yv.value_pos or yv.pos,
                                 "Skriv antalet som ett heltal.")


def _shares(ind) -> bool:
    """Are the plan's numbers for this indicator shares from 0 to 100, not changes (−42 %)?"""
    found = [assess.number(yv.value) for yv in (*ind.utfall, *ind.mal)]
    return all(0 <= v <= 100 for v in found if v is not None)


@followup_rule("VP606", "utfall-organisation")
def outcome_organisation(ctx):
    """Ett utfall anger en organisation som indikatorn inte har värden för i planen.

    Varför: när planen har värden per organisation (till exempel RVN och RLF) ska
    utfallet säga vilken det gäller, med samma förkortning som i planen.

    Fel:
        organisation: Regionen
    Rätt:
        organisation: RVN
    """
    for o in ctx.followup.outcomes():
        ind = ctx.indicators.get(o.id)
        if ind is None:
            continue
        orgs = {k for yv in (*ind.utfall, *ind.mal) if isinstance(yv.value, PerOrg) for k, _ in yv.value.values}
        if o.organisation and o.organisation not in orgs:
            known = ", ".join(sorted(orgs)) if orgs else None
            yield Diagnostic("VP606", Severity.ERROR,
                             f"Indikatorn {o.id} har inga värden för organisationen ”{o.organisation}” i planen.",
                             o.at("organisation"), f"Planen har värden för {known}." if known else
                             "Ta bort organisation: indikatorn har ett värde för hela nämnden.")
        elif orgs and not o.organisation:
            yield Diagnostic("VP606", Severity.ERROR, f"Indikatorn {o.id} har värden per organisation i planen "
                             f"({', '.join(sorted(orgs))}), men utfallet säger inte vilken det gäller.",
                             o.pos, "Skriv organisation: och förkortningen, ett utfall per organisation.")


@followup_rule("VP607", "dubbla-utfall")
def duplicate_outcome(ctx):
    """Samma indikator (och organisation) har utfall på två ställen i uppföljningen.

    Varför: två värden för samma sak kan inte båda gälla. Skriv alla år under ett id.

    Fel:
        - id: karriarmodell
          värden: {2024: 8}
        - id: karriarmodell
          värden: {2025: 14}
    Rätt:
        - id: karriarmodell
          värden:
            2024: 8
            2025: 14
    """
    seen = {}
    for o in ctx.followup.outcomes():
        key = (o.id, o.organisation)
        if key in seen:
            yield Diagnostic("VP607", Severity.ERROR, f"Indikatorn {o.id} har redan utfall på rad {seen[key].line}.",
                             o.at("id"), "Samla indikatorns utfall under ett id.")
        else:
            seen[key] = o.pos


@followup_rule("VP610", "okant-mal")
def unknown_goal(ctx):
    """En bedömning gäller ett mål eller målområde som inte finns i planen.

    Varför: bedömningen ska höra till ett av planens mål. Målets id är rubrikens
    text utan förled, med små bokstäver utan å, ä och ö, och bindestreck mellan orden
    (högst cirka 60 tecken). vplan check föreslår id:t när det nästan stämmer.

    Fel:
        - mål: sammanhallande-kraft
    Rätt:
        - mål: region-vasternorrland-agerar-som-en-sammanhallande-kraft-for-en
    """
    ids = {g.id for g in ctx.goals}
    for a in ctx.followup.assessments():
        if a.mal not in ids:
            yield Diagnostic("VP610", Severity.ERROR, f"Planen har inget mål eller målområde med id ”{a.mal}”.",
                             a.at("mål"), _near(a.mal, ids) or
                             "Målens id är rubrikernas text med små bokstäver och bindestreck; se docs/uppfoljning.md.")


@followup_rule("VP611", "mal-utan-bedomning")
def goal_not_assessed(ctx):
    """Ett mål eller målområde i planen saknar bedömning i uppföljningen.

    Varför: uppföljningen ska säga för varje mål och målområde om det är uppfyllt,
    delvis uppfyllt eller inte uppfyllt. Delmål får bedömas men måste inte.

    Fel:
        (planens mål ”Vi främjar samarbete, innovation och utveckling” nämns inte i
        något block bedömning)
    Rätt:
        ```bedömning
        bedömningar:
          - mål: vi-framjar-samarbete-innovation-och-utveckling
            bedömning: delvis
            text: Två av tre indikatorer når målnivån.
        ```
    """
    done = {a.mal for a in ctx.followup.assessments()}
    for g in ctx.goals:
        if g.kind in ASSESSED and g.id not in done:
            yield Diagnostic("VP611", Severity.ERROR,
                             f"{'Målet' if g.kind == 'mål' else 'Målområdet'} ”{g.title}” har ingen bedömning.",
                             ctx.followup.meta.pos, f"Lägg till - mål: {g.id} i ett block bedömning.")


@followup_rule("VP612", "dubbel-bedomning")
def duplicate_assessment(ctx):
    """Samma mål har bedömts två gånger.

    Varför: ett mål har en bedömning per uppföljning.

    Fel:
        - mål: varden-ar-saker
          bedömning: uppfyllt
        - mål: varden-ar-saker
          bedömning: delvis
    Rätt:
        - mål: varden-ar-saker
          bedömning: delvis
    """
    seen = {}
    for a in ctx.followup.assessments():
        if a.mal in seen:
            yield Diagnostic("VP612", Severity.ERROR, f"Målet {a.mal} har redan en bedömning på rad "
                             f"{seen[a.mal].line}.", a.at("mål"), "Ta bort den ena bedömningen.")
        else:
            seen[a.mal] = a.pos


@followup_rule("VP613", "bedomning-mot-utfall", Severity.WARNING)
def assessment_contradicts(ctx):
    """Bedömningen stämmer inte med utfallen: uppfyllt fast en indikator inte når sitt målvärde, eller ej uppfyllt fast alla når sina.

    Varför: läsaren ser både bedömningen och siffrorna. Säger de olika saker behöver
    texten förklara varför, eller så är bedömningen fel. Jämförelsen gäller
    indikatorerna under målet som har målvärde för uppföljningens år; vilket håll som
    är bättre anges med riktning: i planen, annars räknas det ut ur utfall och målvärde.

    Fel:
        bedömning: uppfyllt   (målvärdet 6 beslut, utfallet 4)
    Rätt:
        bedömning: delvis
    """
    year = ctx.followup.meta.period.year
    by_goal = {g.id: g for g in ctx.goals}
    outcomes = list(ctx.followup.outcomes())
    for a in ctx.followup.assessments():
        g = by_goal.get(a.mal)
        if g is None:
            continue
        levels = []
        for ind in g.indicators:
            mine = [o for o in outcomes if o.id == ind.id]
            for org in {o.organisation for o in mine} or {None}:
                v = assess.verdict(ind, [o for o in mine if o.organisation == org], year, org)
                if v.level:
                    levels.append((ind, v))
        missed = [(i, v) for i, v in levels if v.level != assess.MET]
        if a.bedomning == "uppfyllt" and missed:
            ind, v = missed[0]
            yield Diagnostic("VP613", Severity.WARNING,
                             f"Målet bedöms som uppfyllt, men indikatorn {ind.id} når inte målvärdet för {year}.",
                             a.at("bedömning"), "Bedöm målet som delvis uppfyllt, eller förklara i texten varför "
                             "målet ändå är uppfyllt.")
        elif a.bedomning == "ej uppfyllt" and levels and not missed:
            yield Diagnostic("VP613", Severity.WARNING,
                             "Målet bedöms som ej uppfyllt, men " + (
                                 f"alla {len(levels)} indikatorer med målvärde för {year} når det." if len(levels) > 1
                                 else f"indikatorn med målvärde för {year} når det."), a.at("bedömning"),
                             "Kontrollera bedömningen, eller förklara i texten vad som saknas.")


@followup_rule("VP620", "okant-uppdrag")
def unknown_assignment(ctx):
    """En uppdragsstatus gäller ett uppdrag som inte finns i planen.

    Varför: statusen ska höra till ett av planens uppdrag, med uppdragets id.

    Fel:
        - id: agarstyrningen
          status: pågår
    Rätt:
        - id: agarstyrning
          status: pågår
    """
    for s in ctx.followup.statuses():
        if s.id not in ctx.assignments:
            yield Diagnostic("VP620", Severity.ERROR, f"Planen har inget uppdrag med id ”{s.id}”.", s.at("id"),
                             _near(s.id, ctx.assignments) or "Skriv id:t som det står i planens block uppdrag.")


@followup_rule("VP621", "uppdrag-utan-status")
def assignment_without_status(ctx):
    """Ett uppdrag i planen saknar status i uppföljningen.

    Varför: uppföljningen ska visa hur långt varje uppdrag har kommit.

    Fel:
        (planens uppdrag agarstyrning nämns inte i något block uppdragsstatus)
    Rätt:
        ```uppdragsstatus
        uppdrag:
          - id: agarstyrning
            status: pågår
        ```
    """
    done = {s.id for s in ctx.followup.statuses()}
    for a in ctx.plan.assignments():
        if a.id and a.id not in done:
            yield Diagnostic("VP621", Severity.ERROR, f"Uppdraget {a.id} har ingen status.",
                             ctx.followup.meta.pos, f"Lägg till - id: {a.id} med status: i ett block uppdragsstatus.")


@followup_rule("VP622", "uppdrag-utan-id", Severity.WARNING)
def assignment_without_id(ctx):
    """Ett uppdrag i planen har inget id, så uppföljningen kan inte ge det en status.

    Varför: uppföljningen pekar ut uppdragen med id. Ge uppdraget ett id i planen.

    Fel:
        uppdrag:              (i planen)
          - text: Ta fram en folkhälsostrategi.
    Rätt:
        uppdrag:
          - id: folkhalsostrategi
            text: Ta fram en folkhälsostrategi.
    """
    for a in ctx.plan.assignments():
        if not a.id:
            yield Diagnostic("VP622", Severity.WARNING, f"Uppdraget på rad {a.pos.line} i planen saknar id och kan "
                             "inte följas upp.", ctx.followup.meta.at("plan"),
                             "Ge uppdraget ett id i planen, till exempel id: folkhalsostrategi.")


@followup_rule("VP623", "dubbel-status")
def duplicate_status(ctx):
    """Samma uppdrag har status på två ställen i uppföljningen.

    Varför: ett uppdrag har en status per uppföljning.

    Fel:
        - id: agarstyrning
          status: pågår
        - id: agarstyrning
          status: klart
    Rätt:
        - id: agarstyrning
          status: klart
    """
    seen = {}
    for s in ctx.followup.statuses():
        if s.id in seen:
            yield Diagnostic("VP623", Severity.ERROR, f"Uppdraget {s.id} har redan status på rad {seen[s.id].line}.",
                             s.at("id"), "Ta bort den ena.")
        else:
            seen[s.id] = s.pos


@followup_rule("VP624", "uppfoljning-kapitel-saknas")
def chapter_missing(ctx):
    """Uppföljningen saknar ett kapitel som planens strukturprofil kräver av en uppföljning.

    Varför: profilen (uppföljning_kapitel) säger vilka kapitel en tertialrapport,
    delårsrapport eller årsrapport ska ha, så att nämndernas rapporter går att läsa
    och jämföra på samma sätt. Standard är Sammanfattning, Måluppfyllelse, Ekonomi och
    Uppdrag, i valfri ordning.

    Fel:
        # Sammanfattning
        # Måluppfyllelse
        # Uppdrag
    Rätt:
        # Sammanfattning
        # Måluppfyllelse
        # Ekonomi
        # Uppdrag
    """
    if ctx.profile is None:
        return
    titles = [c.title for c in ctx.followup.document.chapters]
    for spec in ctx.profile.uppfoljning:
        if not any(spec.matches(t) for t in titles):
            yield Diagnostic("VP624", Severity.ERROR, f"Kapitlet ”{spec.namn}” saknas.", ctx.followup.meta.pos,
                             f"Lägg till ett kapitel # {spec.namn}; profilen {ctx.profile.namn} kräver det i en "
                             "uppföljning.")
