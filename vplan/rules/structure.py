"""Rules on the plan's structure, against its structure profile."""
import difflib
import functools
import re
import unicodedata

from vplan.model import Diagnostic, Severity
from vplan.profiles import available
from vplan.rules import rule


@rule("VP014", "okand-profil")
def unknown_profile(ctx):
    """Planen anger en strukturprofil som inte finns.

    Varför: utan profil går det inte att kontrollera kapitlen.

    Fel:
        profil: standrad
    Rätt:
        profil: standard
    """
    if ctx.profile is None:
        names = available(ctx.options.profile_dirs)
        close = difflib.get_close_matches(ctx.plan.meta.profil, names, n=1)
        hint = f"Menade du ”{close[0]}”?" if close else f"Tillgängliga profiler: {', '.join(names)}."
        yield Diagnostic("VP014", Severity.ERROR, f"Strukturprofilen ”{ctx.plan.meta.profil}” finns inte.",
                         ctx.plan.meta.at("profil"), hint)


@rule("VP015", "husstil-fel")
def house_style_problem(ctx):
    """Planen anger en husstil (mall) som inte finns eller inte går att använda.

    Varför: dokumenten byggs med husstilen, så en plan med en trasig husstil klarar kontrollen
    men går inte att bygga. Husstilarna ligger i mappen templates/; docs/husstil.md beskriver dem.

    Fel:
        mall: vasterbottn
    Rätt:
        mall: vasterbotten
    """
    from vplan.paths import remembered

    options, mall = ctx.options, ctx.plan.meta.mall
    key = ("house-style", mall, tuple(map(str, options.template_dirs)), str(options.project_dir))
    problem = remembered(key, lambda: _house_style_problem(mall, options))
    if problem is not None:
        message, hint = problem
        yield Diagnostic("VP015", Severity.ERROR, f"Husstilen ”{mall}” går inte att använda: {message.rstrip('.')}.",
                         ctx.plan.meta.at("mall"), hint)


def _house_style_problem(mall: str, options) -> tuple[str, str] | None:
    """What `vplan build` would refuse in the style, as (message, hint); None when it loads."""
    from vplan.render.errors import RenderError
    from vplan.render.housestyle import available_house_styles, builtin_dir, load_house_style
    from vplan.render.safety import check_logo

    try:
        style = load_house_style(mall, options.template_dirs)
    except RenderError as err:
        names = available_house_styles(options.template_dirs)
        close = difflib.get_close_matches(mall, names, n=1)
        hint = (f"Menade du ”{close[0]}”?" if close and close[0] != mall
                else "Rätta husstilen i templates/ (se docs/husstil.md), eller välj en annan: "
                f"{', '.join(names)}.")
        return err.detail or str(err), hint
    logo = check_logo(style, options.project_dir, builtin_dir())
    if logo is not None:
        return f"{logo.message} ({logo.pos.file}, rad {logo.pos.line})", logo.hint or "Rätta husstilen."
    return _words_problem(style)


def _words_problem(style) -> tuple[str, str] | None:
    """A region's own words file (_ord.md.j2) is read as build reads it; vplan's own is known good."""
    from vplan.paths import is_inside
    from vplan.render.errors import RenderError
    from vplan.render.housestyle import builtin_dir
    from vplan.render.tree.words import WORDS_FILE, house_words

    if not any((f / WORDS_FILE).is_file() and not is_inside(f, builtin_dir()) for f in style.folders):
        return None
    try:
        house_words(style.folders)
    except RenderError as err:
        return str(err), "Rätta husstilens ord (se docs/husstil.md)."
    return None


def _match(ctx):
    """For each chapter, the index of the profile chapter it matches, or None (several rules ask)."""
    return ctx.shared("chapter-match", lambda: [
        next((i for i, spec in enumerate(ctx.profile.kapitel) if spec.matches(c.title)), None)
        for c in ctx.plan.chapters])


@rule("VP100", "kapitel-saknas")
def missing_chapters(ctx):
    """Ett kapitel som strukturprofilen kräver saknas.

    Varför: planens struktur är beslutad; till exempel ska standardprofilen ha Inledning,
    Målområden, Ekonomi, Risker och Bilagor.

    Fel:
        # Inledning
        # Målområden
        # Risker
        # Bilagor
    Rätt:
        # Inledning
        # Målområden
        # Ekonomi
        # Risker
        # Bilagor
    """
    if ctx.profile is None:
        return
    chapters = ctx.plan.chapters
    found = set(i for i in _match(ctx) if i is not None)
    unmatched = [c for c, i in zip(chapters, _match(ctx)) if i is None]
    for i, spec in enumerate(ctx.profile.kapitel):
        if i in found or spec.valfritt:
            continue
        if any(_similar(c.title, spec) for c in unmatched):
            continue  # reported as misnamed (VP102)
        after = [c for c, j in zip(chapters, _match(ctx)) if j is not None and j < i]
        pos = (after[-1].pos if after else (chapters[0].pos if chapters else ctx.plan.meta.pos))
        yield Diagnostic("VP100", Severity.ERROR, f"Kapitlet ”{spec.namn}” saknas.", pos,
                         f"Lägg till rubriken # {spec.namn} (profil {ctx.profile.namn}).")


@functools.lru_cache(maxsize=4096)
def _similar(title, spec) -> bool:
    names = [spec.namn, *spec.alternativ]
    return bool(difflib.get_close_matches(title.casefold(), [n.casefold() for n in names], n=1, cutoff=0.75))


@rule("VP101", "kapitelordning")
def chapter_order(ctx):
    """Kapitlen står i en annan ordning än strukturprofilen anger.

    Varför: alla nämnders planer ska kunna läsas i samma ordning.

    Fel:
        # Inledning
        # Ekonomi
        # Målområden
    Rätt:
        # Inledning
        # Målområden
        # Ekonomi
    """
    if ctx.profile is None:
        return
    last = -1
    for chapter, idx in zip(ctx.plan.chapters, _match(ctx)):
        if idx is None:
            continue
        if idx < last:
            before = ctx.profile.kapitel[last].namn
            yield Diagnostic("VP101", Severity.ERROR,
                             f"Kapitlet ”{chapter.title}” ska stå före ”{before}”.", chapter.pos,
                             f"Flytta kapitlet. Ordningen är: {', '.join(s.namn for s in ctx.profile.kapitel)}.")
        else:
            last = idx


@rule("VP102", "kapitelnamn")
def chapter_name(ctx):
    """Ett kapitel har ett namn som liknar, men inte är, ett kapitel som profilen kräver.

    Varför: en felstavad rubrik gör att kapitlet inte känns igen.

    Fel:
        # Inledningen
    Rätt:
        # Inledning
    """
    if ctx.profile is None:
        return
    for chapter, idx in zip(ctx.plan.chapters, _match(ctx)):
        if idx is not None:
            continue
        spec = next((s for s in ctx.profile.kapitel if _similar(chapter.title, s)), None)
        if spec is not None:
            yield Diagnostic("VP102", Severity.ERROR,
                             f"Kapitlet ”{chapter.title}” känns inte igen.", chapter.pos,
                             f"Menade du ”{spec.namn}”?")
        elif ctx.profile.andra_kapitel == "förbjudna":
            yield Diagnostic("VP103", Severity.ERROR,
                             f"Kapitlet ”{chapter.title}” finns inte i profilen {ctx.profile.namn}.",
                             chapter.pos, f"Tillåtna kapitel: {', '.join(s.namn for s in ctx.profile.kapitel)}.")


@rule("VP103", "okant-kapitel", check=False)
def unknown_chapter():
    """Ett kapitel som profilen inte tillåter (när profilen har andra_kapitel: förbjudna).

    Varför: vissa regioner vill att alla planer har exakt samma kapitel. Flytta texten
    till ett av profilens kapitel, till exempel som ett avsnitt.

    Fel:
        # Övrigt
    Rätt:
        # Inledning
        ## Övrigt
    """


def _goal_chapters(ctx):
    return [c for c, i in zip(ctx.plan.chapters, _match(ctx))
            if i is not None and ctx.profile.kapitel[i].mal]


NEEDS = {  # profile's innehåll -> block kinds of which at least one must be there
    # A board's own intentions (avsikter) are followed up like assignments.
    "indikatorer eller uppdrag": ("indikatorer", "uppdrag", "avsikter"),
    "indikatorer": ("indikatorer",),
    "uppdrag": ("uppdrag", "avsikter"),
    "inget": (),
}
_MISSING = {
    "indikatorer eller uppdrag": "har varken indikatorer eller uppdrag",
    "indikatorer": "saknar indikatorer",
    "uppdrag": "saknar uppdrag",
}
_ADD = {
    "indikatorer eller uppdrag": "Lägg till ett block indikatorer eller uppdrag under rubriken.",
    "indikatorer": "Lägg till ett block indikatorer under rubriken (profilen kräver indikatorer).",
    "uppdrag": "Lägg till ett block uppdrag under rubriken (profilen kräver uppdrag).",
}


def _has_content(section, kinds) -> bool:
    return any(b.kind in kinds for s in section.walk() for b in s.blocks)


@rule("VP110", "mal-utan-innehall")
def goal_without_content(ctx):
    """Ett mål saknar både indikatorer och uppdrag (eller det som profilen kräver).

    Varför: ett mål som varken mäts eller har uppdrag går inte att följa upp. Profilen
    kan kräva bara indikatorer, bara uppdrag eller inget alls (nyckeln innehåll). Ett
    block avsikter (det nämnden själv avser att göra) räknas som uppdrag här.

    Fel:
        ### Mål: Vi erbjuder attraktiva arbetsplatser
        Text om målet.
    Rätt:
        ### Mål: Vi erbjuder attraktiva arbetsplatser
        ```indikatorer
        indikatorer:
          - id: hme-total
            namn: Hållbart medarbetarengagemang, totalindex
            typ: kvantitativ
            ...
        ```
    """
    if ctx.profile is None or ctx.profile.innehall == "inget":
        return
    level, need = ctx.profile.kraver_innehall, ctx.profile.innehall
    noun = "Målområdet" if level == "målområde" else f"{level.capitalize()}et"
    for chapter in _goal_chapters(ctx):
        for s in chapter.walk():
            if s.kind == level and not _has_content(s, NEEDS[need]):
                yield Diagnostic("VP110", Severity.ERROR, f"{noun} ”{s.title}” {_MISSING[need]}.",
                                 s.pos, _ADD[need])


@rule("VP111", "malniva")
def goal_levels(ctx):
    """En målrubrik står på fel plats: utanför målkapitlet, eller under fel nivå.

    Varför: ett mål hör till ett målområde, ett delmål till ett mål. Annars blir
    numreringen och uppföljningen fel.

    Fel:
        # Målområden
        ### Mål: Vi främjar samarbete
    Rätt:
        # Målområden
        ## Målområde: Vi skapar mervärde
        ### Mål: Vi främjar samarbete
    """
    if ctx.profile is None:
        return
    levels = ctx.profile.nivaer
    goal_ids = {id(c) for c in _goal_chapters(ctx)}
    for chapter in ctx.plan.chapters:
        in_goal = id(chapter) in goal_ids
        yield from _check_levels(chapter, None, in_goal, levels)
    if not _goal_chapters(ctx):
        return
    for chapter in _goal_chapters(ctx):
        if levels[0] and not any(s.kind == levels[0] for s in chapter.walk()):
            yield Diagnostic("VP111", Severity.ERROR, f"Kapitlet ”{chapter.title}” har inga {levels[0]}n.",
                             chapter.pos, f"Skriv dem som rubriker: ## {levels[0].capitalize()}: …")


def _check_levels(section, parent_kind, in_goal, levels):
    for s in section.sections:
        if s.kind in ("målområde", "mål", "delmål"):
            if not in_goal:
                yield Diagnostic("VP111", Severity.ERROR, f"Rubriken ”{s.heading}” står utanför målkapitlet.",
                                 s.pos, "Flytta den till målkapitlet eller ta bort förledet.")
            elif s.kind not in levels:
                yield Diagnostic("VP111", Severity.ERROR,
                                 f"Profilen har ingen nivå {s.kind}.", s.pos,
                                 f"Nivåerna i profilen är: {', '.join(levels)}.")
            else:
                want = levels[levels.index(s.kind) - 1] if levels.index(s.kind) > 0 else None
                if want is not None and parent_kind != want:
                    yield Diagnostic("VP111", Severity.ERROR,
                                     f"”{s.heading}” ska stå under ett {want}.", s.pos,
                                     f"Lägg rubriken under en rubrik {want.capitalize()}: …")
                elif want is None and parent_kind in levels:
                    yield Diagnostic("VP111", Severity.ERROR,
                                     f"”{s.heading}” står under ett {parent_kind}.", s.pos,
                                     "Ge rubriken samma nivå som de andra målområdena.")
            yield from _check_levels(s, s.kind, in_goal, levels)
        else:
            yield from _check_levels(s, parent_kind, in_goal, levels)


# Invisible characters that slip in with text copied from web pages and Word.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# A hyphen counts only after a space: "Mål- och resultatstyrning" is a Swedish compound.
_NEAR_GOAL = re.compile(r"^(?P<kind>målområde|mål|delmål)(?:\s*(?P<num>\d+))?"
                        r"(?:\s*[:.;–—]|\s+-)\s*(?P<title>\S.*)$", re.IGNORECASE)
_KIND_WORD = {"målområde": "Målområde", "mål": "Mål", "delmål": "Delmål"}


def _near_goal(heading: str) -> tuple[str, str, str] | None:
    """(what was meant, why it was not read as a goal, its kind) for a heading that almost has a goal prefix."""
    clean = unicodedata.normalize("NFC", heading).translate(_INVISIBLE)
    m = _NEAR_GOAL.match(clean)
    if m is None:
        return None
    kind = _KIND_WORD[m.group("kind").casefold()]
    meant = f"{kind}{' ' + m.group('num') if m.group('num') else ''}: {m.group('title').strip()}"
    if heading.translate(_INVISIBLE) != heading:
        why = "Förledet innehåller ett osynligt tecken, ofta från kopierad text."
    elif unicodedata.normalize("NFC", heading) != heading:
        why = "å, ä eller ö är skrivet som två tecken (bokstav och ring eller prickar), ofta från kopierad text."
    else:
        why = f"Förledet skrivs {kind}: med stor bokstav, kolon och mellanslag."
    return meant, why, kind.lower()


@rule("VP112", "nastan-malrubrik", Severity.WARNING)
def near_goal_heading(ctx):
    """En rubrik i målkapitlet ser ut som ett mål men läses som en vanlig rubrik.

    Varför: bara rubriker som börjar med Målområde:, Mål: eller Delmål: (stor bokstav,
    kolon, mellanslag) blir mål som numreras och följs upp. Ett tankstreck, liten
    bokstav, ett saknat mellanslag eller osynliga tecken från kopierad text gör att
    målet tyst blir ett vanligt avsnitt.

    Fel:
        ### Mål – Vi erbjuder attraktiva arbetsplatser
        ### mål: Vi främjar samarbete
        ### Mål:Vi har god arbetsmiljö
    Rätt:
        ### Mål: Vi erbjuder attraktiva arbetsplatser
        ### Mål: Vi främjar samarbete
        ### Mål: Vi har god arbetsmiljö
    """
    if ctx.profile is None:
        return
    for chapter in _goal_chapters(ctx):
        for s in chapter.walk():
            found = _near_goal(s.heading) if s.kind == "avsnitt" else None
            if found is not None:
                meant, why, kind = found
                yield Diagnostic("VP112", Severity.WARNING,
                                 f"Rubriken ”{s.heading}” läses som en vanlig rubrik, inte som ett {kind}.",
                                 s.pos, f"Menade du ”{meant}”? {why}")


_GOAL_NOUN = {"målområde": "Målområdet", "mål": "Målet", "delmål": "Delmålet"}


@rule("VP113", "dubbla-mal")
def duplicate_goals(ctx):
    """Samma mål (eller målområde, delmål) står två gånger under samma rubrik.

    Varför: två mål med samma namn går inte att skilja åt i uppföljningen och när
    versioner jämförs. Oftast är det ena en rest från en kopiering.

    Fel:
        ## Målområde: En attraktiv arbetsgivare
        ### Mål: Medarbetarna är engagerade
        ### Mål: Medarbetarna är engagerade
    Rätt:
        ## Målområde: En attraktiv arbetsgivare
        ### Mål: Medarbetarna är engagerade
        ### Mål: Arbetsmiljön är god
    """
    for parent in ctx.plan.sections():
        seen: dict[tuple[str, str], object] = {}
        for s in parent.sections:
            if s.kind not in _GOAL_NOUN:
                continue
            key = (s.kind, " ".join(unicodedata.normalize("NFC", s.title).casefold().split()))
            if key in seen:
                yield Diagnostic("VP113", Severity.ERROR,
                                 f"{_GOAL_NOUN[s.kind]} ”{s.title}” finns redan på rad {seen[key].pos.line} "
                                 f"under ”{parent.title}”.", s.pos,
                                 "Ta bort det ena eller ge det ett eget namn.")
            else:
                seen[key] = s
