"""Rules on prose content that the documents cannot carry safely."""
import re

from vplan.model import Diagnostic, Pos, Severity
from vplan.rules import rule
from vplan.rules.references import _texts

DANGEROUS = re.compile(r"<\s*(script|iframe|object|embed|style|form|input|link|meta)\b|\son\w+\s*=|"
                       r"javascript:|data:text/html", re.IGNORECASE)
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
ALLOWED = {"sup", "sub", "br", "b", "i", "em", "strong"}


@rule("VP406", "html")
def raw_html(ctx):
    """Planen innehåller HTML-kod som kan vara skadlig (skript, händelser, inbäddade objekt).

    Varför: planer publiceras på webben. Kod i en plan får aldrig kunna köras hos läsaren.
    Enkla taggar som <sup> tas bort eller tvättas när dokumenten byggs; använd hellre Markdown.

    Fel:
        Läs mer <a href="javascript:alert(1)">här</a>.
    Rätt:
        Läs mer på [regionens webbplats](https://www.rvn.se).
    """
    for text, pos in _texts(ctx.plan):
        if "<" not in text and ":" not in text and "=" not in text:
            continue
        for m in DANGEROUS.finditer(text):
            yield Diagnostic("VP406", Severity.ERROR, "Planen innehåller HTML-kod som inte är tillåten.",
                             _where(text, m.start(), pos), "Ta bort koden. Skriv länkar och formatering med Markdown.")
        for m in RAW_HTML.finditer(text):
            closing, tag = re.match(r"<\s*(/?)\s*([a-zA-Z0-9]+)", m.group(0)).groups()
            if not closing and tag.lower() not in ALLOWED and not DANGEROUS.search(m.group(0)):
                yield Diagnostic("VP407", Severity.WARNING,
                                 f"HTML-taggen <{tag.lower()}> tas bort när dokumenten byggs.",
                                 _where(text, m.start(), pos), "Använd Markdown i stället för HTML.")


def _where(text: str, offset: int, pos: Pos) -> Pos:
    """The file position of text[offset], for a text that starts at pos."""
    before = text[:offset]
    if "\n" in before:
        return Pos(pos.file, pos.line + before.count("\n"), offset - before.rfind("\n"))
    return Pos(pos.file, pos.line, pos.column + offset)


@rule("VP407", "html-tagg", Severity.WARNING, check=False)
def html_tag():
    """Planen innehåller en HTML-tagg som inte följer med till dokumenten.

    Varför: dokumenten byggs för webb, Word och PDF; bara Markdown fungerar i alla tre.

    Fel:
        <div class="ruta">Viktigt</div>
    Rätt:
        **Viktigt**
    """


NO_ALT = re.compile(r"!\[\s*\]\(")


@rule("VP408", "bild-utan-alternativtext")
def image_without_alt(ctx):
    """En bild saknar alternativtext.

    Varför: lagen om tillgänglighet till digital offentlig service kräver att bilder
    har en text som beskriver dem för den som inte ser bilden. Den tillgängliga
    PDF:en kan inte byggas utan den.

    Fel:
        ![](bilder/karta.png)
    Rätt:
        ![Karta över länets sjukhus och hälsocentraler](bilder/karta.png)
    """
    for text, pos in _texts(ctx.plan):
        if "![" not in text:
            continue
        for m in NO_ALT.finditer(text):
            before = text[: m.start()]
            line = pos.line + before.count("\n")
            column = m.start() - before.rfind("\n") if "\n" in before else pos.column + m.start()
            yield Diagnostic("VP408", Severity.ERROR, "Bilden saknar alternativtext.", Pos(pos.file, line, column),
                             "Skriv en kort beskrivning av bilden mellan hakparenteserna: ![Beskrivning](fil.png).")
