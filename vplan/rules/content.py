"""Rules on prose content that the documents cannot carry safely."""
from vplan.model import Severity
from vplan.read.prose import may_hold_targets
from vplan.rules import rule

@rule("VP406", "html")
def prose_tree(ctx):
    """Planen innehåller HTML-kod som kan vara skadlig (skript, händelser, inbäddade objekt).

    Varför: planer publiceras på webben. Kod i en plan får aldrig kunna köras hos läsaren.
    HTML i löptexten visas som vanlig text i dokumenten; bara <sup>, <sub>, <b>,
    <strong>, <i>, <em> och <br> blir formatering. Använd hellre Markdown.

    Fel:
        Läs mer <a href="javascript:alert(1)">här</a>.
    Rätt:
        Läs mer på [regionens webbplats](https://www.rvn.se).
    """
    # The same walk the build makes (vplan.render.tree.safety), over the same tree
    # pandoc's CommonMark reader makes; texts that cannot hold a link, an image or
    # HTML are skipped, since their tree holds none.
    from vplan.read.prose import limit_problems

    # A text over the limits (VP421) is not parsed at all.
    texts = [(t, pos) for t, pos in ctx.plan.prose_runs if may_hold_targets(t) and not limit_problems(t)]
    if not texts:
        return
    from pathlib import Path

    from vplan.read.prose import parse
    from vplan.render.tree.document import heading_ids
    from vplan.render.tree.safety import Inspector

    inspector = Inspector(Path(ctx.options.project_dir), Path(ctx.plan.path).resolve().parent,
                          frozenset(heading_ids(ctx.plan)))
    for (text, pos), tree in zip(texts, parse([t for t, _ in texts])):
        inspector.inspect(tree, text, pos)
    yield from inspector.diagnostics


@rule("VP407", "html-tagg", Severity.WARNING, check=False)
def html_tag():
    """Planen innehåller en HTML-tagg som visas som text i dokumenten.

    Varför: dokumenten byggs för webb, Word och PDF; bara Markdown fungerar i alla tre.
    En tagg som <div> blir därför synlig text, precis som den är skriven.

    Fel:
        <div class="ruta">Viktigt</div>
    Rätt:
        **Viktigt**
    """


@rule("VP421", "text-over-granserna")
def text_limits(ctx):
    """En text är för djupt nästlad, har för många hakparenteser eller ett för långt ord.

    Varför: dokumenten ska gå att bygga på kort tid och bli giltiga PDF/A-filer.
    Listor och citat i mer än 12 nivåer, hakparenteser i mer än 20 nivåer, fler än 150 hakparenteser i en och samma
    löptext, fler än 6 stjärnor i rad eller ett ord på över 1 000 tecken klarar
    inte verktygen, och ingen läsare heller. Planen byggs inte, inte ens som utkast.

    Fel:
        > > > > > > > > > > > > > Citat i 13 nivåer
    Rätt:
        > Ett citat
    """
    from vplan.model import Diagnostic, Pos
    from vplan.read.prose import MAX_PLAN_BRACKETS, WORD_MESSAGE, limit_problems, long_word
    from vplan.rules.references import text_pos

    hint = "Dela upp texten, minska nästlingen eller korta ordet."
    prose = {id(t) for t, _ in ctx.plan.prose_runs}
    brackets = 0
    for text, where, key in ctx.texts():
        if id(text) in prose:
            found = list(limit_problems(text))
            brackets += text.count("[")
            if brackets > MAX_PLAN_BRACKETS and not found:
                # find, not index: the limit may be passed in an earlier text that had other findings
                found = [(f"Planen har fler än {MAX_PLAN_BRACKETS} hakparenteser i löptexten", max(0, text.find("[")))]
                brackets = -10**9  # once is enough
        else:
            at = long_word(text)
            found = [] if at is None else [(WORD_MESSAGE, at)]
        for message, offset in found:
            pos = text_pos(where, key)
            before = text[:offset]
            line = pos.line + before.count("\n")
            column = offset - before.rfind("\n") if "\n" in before else pos.column + offset
            yield Diagnostic("VP421", Severity.ERROR, f"{message}.", Pos(pos.file, line, column), hint)


@rule("VP422", "tecken-utan-typsnitt")
def characters_the_pdf_cannot_show(ctx):
    """Texten har ett tecken som inget av PDF:ens typsnitt har, eller som en PDF/A-fil inte får ha.

    Varför: den tillgängliga PDF:en (PDF/A) måste kunna visa varje tecken. En emoji, ett kinesiskt
    tecken eller ett osynligt tecken som följt med när text klistrats in (U+FEFF) stoppar därför
    bygget. Tecknen som typsnitten har, även ✓, → och ≈, går bra. Behöver planen tecknet, lägg ett
    typsnitt som har det i husstilens mapp typsnitt/.

    Fel:
        Målet är nått 😀
    Rätt:
        Målet är nått ✓
    """
    odd = ctx.plan.odd_chars
    if not odd:
        return
    from vplan.glyphs import BIDI, describe, style_chars
    from vplan.model import Diagnostic
    from vplan.paths import remembered
    from vplan.render.housestyle import font_dirs

    options, mall = ctx.options, ctx.plan.meta.mall

    def added_by_style():
        dirs = font_dirs(mall, options.template_dirs)
        return None if dirs is None else style_chars(dirs, options.project_dir)

    key = ("style-chars", mall, tuple(map(str, options.template_dirs)), str(options.project_dir))
    extra = remembered(key, added_by_style)
    if extra is None:
        return  # the house style or its fonts cannot be read here: the build tells
    for ch, pos in odd:
        if ord(ch) in extra or ch in BIDI:  # a direction mark shows (VP423)
            continue
        invisible = describe(ch).startswith("U+")
        hint = ("Tecknet syns inte; det följer ofta med när text klistras in från ett annat program. Ta bort det."
                if invisible else "Ta bort tecknet eller skriv det med ord. Behöver planen det, lägg ett typsnitt "
                "som har tecknet i husstilens mapp typsnitt/.")
        yield Diagnostic("VP422", Severity.ERROR, f"Tecknet {describe(ch)} kan inte visas i PDF:en: inget av "
                         "typsnitten har det, eller så får en PDF/A-fil inte innehålla det.", pos, hint)


@rule("VP423", "textriktning-vands", Severity.WARNING)
def direction_turned(ctx):
    """Texten har ett osynligt tecken som vänder textens riktning (U+202A, 202B, 202D, 202E, 2066–2068).

    Varför: efter tecknet visas texten baklänges eller i en annan ordning än den står i filen,
    så det som granskas i en ändring är inte det som läsaren ser. Hebreiska och arabiska
    skrivs rätt utan sådana tecken.

    Fel:
        Budgeten är 12‮00‬ mnkr
    Rätt:
        Budgeten är 1200 mnkr
    """
    from vplan.glyphs import BIDI, describe
    from vplan.model import Diagnostic

    for ch, pos in ctx.plan.odd_chars:
        if ch in BIDI:
            yield Diagnostic("VP423", Severity.WARNING, f"Tecknet {describe(ch)} vänder textens riktning, så "
                             "dokumenten visar texten efter det i en annan ordning än den står i filen.", pos,
                             "Ta bort tecknet; det syns inte och följer ofta med när text klistras in.")


@rule("VP408", "bild-utan-alternativtext", check=False)
def image_without_alt():
    """En bild saknar alternativtext.

    Varför: lagen om tillgänglighet till digital offentlig service kräver att bilder
    har en text som beskriver dem för den som inte ser bilden. Den tillgängliga
    PDF:en kan inte byggas utan den.

    Fel:
        ![](bilder/karta.png)
    Rätt:
        ![Karta över länets sjukhus och hälsocentraler](bilder/karta.png)
    """


@rule("VP420", "lank-ej-tillaten", check=False)
def link_not_allowed():
    """En länk går till något annat än en webbsida, en e-postadress, en rubrik i planen eller en fil i arkivet.

    Varför: en länk i ett officiellt dokument ska gå att följa för alla läsare och
    får aldrig kunna köra kod (javascript:), ringa upp (tel:) eller bära inbäddade
    data (data:). Länkar till filer ska ligga i arkivet.

    Fel:
        Ring [växeln](tel:0611-80000) eller läs [här](javascript:alert(1)).
    Rätt:
        Läs mer på [regionens webbplats](https://www.rvn.se) eller skriv till
        [registrator](mailto:registrator@rvn.se).
    """
