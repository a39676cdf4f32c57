"""Rules on single values: numbers that were written so they became text."""
import re

from vplan.model import Diagnostic, PerOrg, Severity, Text
from vplan.rules import rule

# "2,5", "3 500 000", "19 %", "−4": Swedish print style, which YAML reads as text.
SWEDISH_NUMBER = re.compile(r"^[-−+]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?:\s?%)?$|^[-−+]?\d+,\d+(?:\s?%)?$")
# "35000x", "12o": digits with a stray letter, most likely a typo.
DIGITS_AND_JUNK = re.compile(r"^[-−+]?\d[\d.,]*[A-Za-zÅÄÖåäö]$")


@rule("VP206", "tal-som-text", Severity.WARNING)
def number_as_text(ctx):
    """Ett värde i en kvantitativ indikator ser ut som ett tal men är skrivet som text.

    Varför: vplan räknar bara med tal skrivna som i YAML (punkt som decimaltecken,
    inga mellanslag). ”2,5” och ”3 500 000” blir text, och ”35000x” är troligen ett
    skrivfel. I dokumenten visas talen ändå på svenskt sätt: 2,5 och 3 500 000.

    Fel:
        mål:
          2023: 3 500 000
          2025: 2,5
    Rätt:
        mål:
          2023: 3500000
          2025: 2.5
    """
    for ind in ctx.plan.indicators():
        if ind.typ != "kvantitativ":
            continue
        for yv in (*ind.utfall, *ind.mal):
            if isinstance(yv.value, PerOrg) or not isinstance(yv.value, Text):
                continue
            text = yv.value.text.strip()
            if SWEDISH_NUMBER.match(text):
                fixed = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
                fixed = fixed.replace("−", "-")
                yield Diagnostic("VP206", Severity.WARNING,
                                 f"Värdet ”{text}” för {yv.year} är skrivet som text (indikator {ind.id}).",
                                 yv.value_pos or yv.pos, f"Skriv {fixed} så att vplan kan räkna med talet"
                                 + (" och ange enhet: \"%\" på indikatorn." if "%" in text else "."))
            elif DIGITS_AND_JUNK.match(text):
                yield Diagnostic("VP206", Severity.WARNING,
                                 f"Värdet ”{text}” för {yv.year} ser ut som ett felskrivet tal (indikator {ind.id}).",
                                 yv.value_pos or yv.pos, "Rätta talet, eller skriv ut texten i ord om den ska vara text.")
