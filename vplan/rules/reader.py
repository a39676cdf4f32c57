"""Codes the reader reports (file, YAML and schema problems), documented here."""
from vplan.model import Severity
from vplan.rules import rule


@rule("VP001", "yaml-syntax", check=False)
def yaml_syntax():
    """YAML-texten går inte att läsa: syntaxfel, tabbtecken eller en nyckel som finns två gånger.

    Varför: vplan kan inte veta vad som menas om YAML-texten är trasig, och gissar aldrig.
    YAML dras in med mellanslag, aldrig med tabbtecken. En text som innehåller kolon
    och mellanslag (": ") behöver citattecken.

    Fel:
        - id: hme
          id: hme-total
          periodicitet: Tertial: apr, aug, dec
    Rätt:
        - id: hme-total
          periodicitet: "Tertial: apr, aug, dec"
    """


@rule("VP002", "front-matter", check=False)
def front_matter():
    """Planens uppgifter (front matter) saknas eller avslutas aldrig.

    Varför: uppgifterna överst säger vilken nämnd, period och status planen har.

    Fel:
        ---
        region: Region Västernorrland
        # Inledning
    Rätt:
        ---
        region: Region Västernorrland
        ---
        # Inledning
    """


@rule("VP003", "fil", check=False)
def file_problem():
    """Filen kan inte läsas som en plan: tom, binär, för stor, med BOM eller inte sparad som UTF-8.

    Varför: planer ska vara vanliga textfiler i UTF-8 så att alla verktyg läser dem likadant.

    Fel:
        (en fil sparad som Windows-1252 från Word)
    Rätt:
        (samma fil sparad som UTF-8 utan BOM)
    """


@rule("VP004", "yaml-alias", check=False)
def yaml_alias():
    """YAML-ankare och alias (&namn och *namn) används.

    Varför: alias gör det svårt att se vad som står i planen, och kan användas för att
    få en fil att växa explosionsartat när den läses.

    Fel:
        mål: &m
          2025: 6
        utfall: *m
    Rätt:
        mål:
          2025: 6
        utfall:
          2025: 6
    """


@rule("VP005", "nastling", check=False)
def nesting():
    """YAML-texten är nästlad i fler nivåer än en plan behöver.

    Varför: ett tak skyddar mot filer som är gjorda för att få läsaren att krascha.

    Fel:
        a: [[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]
    Rätt:
        a: 1
    """


@rule("VP010", "okand-nyckel", check=False)
def unknown_key():
    """En nyckel som formatet inte känner till. vplan föreslår den närmaste rätta nyckeln.

    Varför: en felstavad nyckel skulle annars tyst försvinna ur dokumentet.

    Fel:
        - id: hme
          nman: Hållbart medarbetarengagemang
    Rätt:
        - id: hme
          namn: Hållbart medarbetarengagemang
    """


@rule("VP011", "ogiltigt-varde", check=False)
def invalid_value():
    """Ett värde har fel typ eller är inte ett av de tillåtna värdena.

    Varför: vplan räknar och jämför värdena; ett tal som skrivits som text går inte att summera.

    Fel:
        status: klar
        planperiod:
          från: 2025
          till: tjugosjutton
    Rätt:
        status: beslutad
        planperiod:
          från: 2025
          till: 2027
    """


@rule("VP012", "nyckel-saknas", check=False)
def missing_key():
    """En nyckel som krävs saknas.

    Varför: till exempel behöver varje indikator ett id för att kunna följas mellan versioner.

    Fel:
        - namn: Sjuktal
          typ: kvantitativ
    Rätt:
        - id: sjuktal
          namn: Sjuktal
          typ: kvantitativ
    """


@rule("VP013", "okant-block", check=False)
def unknown_block():
    """Ett datablock har en okänd eller felstavad typ, eller avslutas aldrig.

    Varför: ett felstavat block skulle visas som kod i stället för som en tabell.

    Fel:
        ```indikator
    Rätt:
        ```indikatorer
    """


_ = Severity
