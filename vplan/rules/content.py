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
        for m in DANGEROUS.finditer(text):
            line = pos.line + text[: m.start()].count("\n")
            yield Diagnostic("VP406", Severity.ERROR, "Planen innehåller HTML-kod som inte är tillåten.",
                             Pos(pos.file, line, 1), "Ta bort koden. Skriv länkar och formatering med Markdown.")
        for m in RAW_HTML.finditer(text):
            tag = re.match(r"<\s*/?\s*([a-zA-Z0-9]+)", m.group(0)).group(1).lower()
            if tag not in ALLOWED and not DANGEROUS.search(m.group(0)):
                line = pos.line + text[: m.start()].count("\n")
                yield Diagnostic("VP407", Severity.WARNING, f"HTML-taggen <{tag}> tas bort när dokumenten byggs.",
                                 Pos(pos.file, line, 1), "Använd Markdown i stället för HTML.")


@rule("VP407", "html-tagg", Severity.WARNING, check=False)
def html_tag():
    """Planen innehåller en HTML-tagg som inte följer med till dokumenten.

    Varför: dokumenten byggs för webb, Word och PDF; bara Markdown fungerar i alla tre.

    Fel:
        <div class="ruta">Viktigt</div>
    Rätt:
        **Viktigt**
    """
