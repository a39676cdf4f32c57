"""Rules on references: footnotes and appendices that must exist."""
import re

from vplan.model import (
    AssignmentBlock, Diagnostic, IndicatorBlock, IntentionBlock, Pos, Prose, Section, Severity, Table,
)
from vplan.rules import rule

# "bilaga 4", "bilagan 4", and the abbreviations "bil. 4", "Bil.4", "bil 4". Without the
# dot "bil" may be a car, so that form takes a number of at most two digits.
APPENDIX_REF = re.compile(r"\b[Bb]il(?:ag(?:a|an)\s+(\d+)|\.\s*(\d+)|\s+(\d{1,2}))\b")
# Where a reference may start. A pattern that opens with \b is tried at every character of a
# long text; "[Bb]il" is found by a quick scan, and APPENDIX_REF decides there (its \b still sees
# the character before). A reference holds no other b or B, so the references found are
# the same as APPENDIX_REF.finditer's.
_MAYBE_REF = re.compile("[Bb]il")


def _texts(plan) -> list:
    """(text, where, key) for every piece of prose and every text field of the blocks, in source
    order; the text's position is text_pos(where, key).

    Several rules read every text; Context.texts() keeps this list for them. A field's position
    is looked up only for the few texts a rule reports on.
    """
    out: list = []
    _items_texts(plan.preamble, out)
    _items_texts(plan.chapters, out)
    for f in plan.footnotes:  # the text starts after "[^id]: "
        out.append((f.markdown, Pos(f.pos.file, f.pos.line, f.pos.column + len(f"[^{f.id}]: ")), None))
    return out


def _items_texts(seq, out: list) -> None:
    # a module function, not a closure calling itself: that would be a reference cycle keeping
    # the whole plan alive until the next garbage collection
    for it in seq:
        kind = type(it)
        if kind is Prose:
            out.append((it.markdown, it.pos, None))
        elif kind is Section:
            out.append((it.heading, Pos(it.pos.file, it.pos.line, it.level + 2), None))  # after "## "
            _items_texts(it.items, out)
        elif kind is AssignmentBlock:
            out.extend((a.text, a, "text") for a in it.uppdrag)
        elif kind is IntentionBlock:
            if it.inledning:
                out.append((it.inledning, it, "inledning"))
            out.extend((a.text, a, "text") for a in it.avsikter)
        elif kind is IndicatorBlock:
            out.extend((i.namn, i, "namn") for i in it.indikatorer)
        elif kind is Table:
            out.extend((r.namn, r, "namn") for r, _ in it.all_rows)


def text_pos(where, key: str | None) -> Pos:
    """The position of a text from Context.texts(): a Pos, or the field `key` of a model object."""
    return where if key is None else where.at(key)


def appendix_refs(text: str):
    """The matches of APPENDIX_REF.finditer(text), found faster."""
    for maybe in _MAYBE_REF.finditer(text):
        m = APPENDIX_REF.match(text, maybe.start())
        if m is not None:
            yield m


@rule("VP402", "bilaga-saknas")
def missing_appendix(ctx):
    """Texten hänvisar till en bilaga som inte finns i bilageförteckningen.

    Varför: en hänvisning till "bilaga 4" när det bara finns tre bilagor förvirrar läsaren.
    Förkortningarna "bil. 4" och "bil 4" kontrolleras på samma sätt.

    Fel:
        Se bilaga 4. Budgeten finns i bil. 5.
    Rätt:
        Se bilaga 3. Budgeten finns i bil. 3.
        ```bilagor
        bilagor:
          - nummer: 3
            titel: Organisationsskiss
        ```
    """
    known = {a.nummer for a in ctx.plan.appendices()}
    for text, where, key in ctx.texts():
        if "bil" not in text and "Bil" not in text:
            continue  # the pattern starts with [Bb]il: a whole text is skipped in C
        for m in appendix_refs(text):
            n = int(next(g for g in m.groups() if g))
            if n not in known:
                pos = text_pos(where, key)
                before = text[: m.start()]
                line = pos.line + before.count("\n")
                col = (m.start() - before.rfind("\n")) if "\n" in before else pos.column + m.start()
                hint = (f"Bilagorna i planen är: {', '.join(map(str, sorted(known)))}." if known
                        else "Lägg till ett block bilagor med bilagan, eller ta bort hänvisningen.")
                yield Diagnostic("VP402", Severity.ERROR, f"Bilaga {n} finns inte i planens bilagor.",
                                 Pos(pos.file, line, col), hint)


@rule("VP403", "fotnot-saknas")
def undefined_footnote(ctx):
    """En fotnot används i texten men förklaras aldrig.

    Varför: fotnoten skulle visas som [^3] i dokumentet.

    Fel:
        Enligt reglementet[^3].
    Rätt:
        Enligt reglementet[^3].

        [^3]: Fastställt av regionfullmäktige 2022-11-30.
    """
    defined = {f.id for f in ctx.plan.footnotes}
    for ref in ctx.plan.footnote_refs:
        if ref.id not in defined:
            yield Diagnostic("VP403", Severity.ERROR, f"Fotnoten [^{ref.id}] förklaras aldrig.", ref.pos,
                             f"Lägg till en rad [^{ref.id}]: … med fotnotens text.")


@rule("VP404", "fotnot-oanvand", Severity.WARNING)
def unused_footnote(ctx):
    """En fotnot förklaras men används ingenstans.

    Varför: en fotnot som ingen hänvisar till visas inte i dokumentet.

    Fel:
        [^5]: Regionstyrelsen 2024-09-11 § 186.
    Rätt:
        Beslutet om en folkhälsostrategi[^5].

        [^5]: Regionstyrelsen 2024-09-11 § 186.
    """
    used = {r.id for r in ctx.plan.footnote_refs}
    seen = set()
    for f in ctx.plan.footnotes:
        if f.id in seen:
            yield Diagnostic("VP404", Severity.ERROR, f"Fotnoten [^{f.id}] förklaras två gånger.", f.pos,
                             "Ta bort den ena förklaringen eller ge den ett annat namn.")
        seen.add(f.id)
        if f.id not in used:
            yield Diagnostic("VP404", Severity.WARNING, f"Fotnoten [^{f.id}] används aldrig.", f.pos,
                             f"Hänvisa till den med [^{f.id}] i texten, eller ta bort den.")


@rule("VP405", "bilagenummer")
def appendix_numbers(ctx):
    """Två bilagor har samma nummer.

    Varför: hänvisningar till bilagor måste vara entydiga.

    Fel:
        - nummer: 2
          titel: Uppsiktsplikt
        - nummer: 2
          titel: Organisation
    Rätt:
        - nummer: 2
          titel: Uppsiktsplikt
        - nummer: 3
          titel: Organisation
    """
    seen = {}
    for a in ctx.plan.appendices():
        if a.nummer in seen:
            yield Diagnostic("VP405", Severity.ERROR, f"Bilaga {a.nummer} finns två gånger (första på rad "
                             f"{seen[a.nummer].line}).", a.at("nummer"), "Numrera bilagorna 1, 2, 3 …")
        else:
            seen[a.nummer] = a.pos
