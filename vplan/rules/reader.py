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


@rule("VP006", "tal-for-stort", check=False)
def number_too_big():
    """Ett tal har fler än 30 siffror, eller en exponent (e) större än 30 eller mindre än −30.

    Varför: inga belopp eller andelar i en plan behöver så stora tal, och ett sådant tal
    kan göra kontrollen och bygget mycket långsamma.

    Fel:
        värden:
          b2025: 1e999999
    Rätt:
        värden:
          b2025: 2365
    """


@rule("VP007", "planens-granser", check=False)
def plan_limits():
    """Planen är större än vplan tillåter, eller har fler fel än vplan visar.

    Gränserna för en plan är: planens uppgifter (front matter) högst 20 000 tecken;
    datablocken tillsammans högst 8 000 rader och 200 000 tecken; högst 1 000 tabellrader,
    indikatorer, uppdrag, risker och bilagor tillsammans; högst 1 000 rubriker; högst 1 000
    hänvisningar till fotnoter; i texten högst 5 000 meningar och rader och högst 10 000 tecken för
    formatering och länkar (* _ ` [ ] ! & \\ <). Filen får vara högst 2 MB (VP003) och
    YAML-texten nästlad i högst 24 nivåer (VP005). Vid fler än 100 fel visas de 100 första.

    Varför: gränserna ligger långt över vad en verklig plan behöver (den största har omkring
    150 rader och poster), och de gör att en felaktig eller illasinnad fil inte kan få
    kontrollen eller bygget att hänga.

    Fel:
        (en tabell med 5 000 rader)
    Rätt:
        (huvudposterna i planen, och detaljerna i en bilaga som är en separat fil)
    """


@rule("VP008", "lank-utanfor-projektet", check=False)
def link_outside():
    """Planen är en symbolisk länk till en fil utanför projektet.

    Varför: ett planarkiv tar emot ändringar från många, och byggen körs på delade datorer.
    En länk får inte kunna få vplan att läsa, och lägga in i ett dokument, en fil som inte
    hör till projektet. Samma sak gäller mappen plans/, mallar, scheman och profiler:
    vplan vägrar dem med ett felmeddelande som namnger länken.

    Fel:
        plans/plan.md -> /etc/passwd
    Rätt:
        plans/plan.md (en vanlig fil i projektet)
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
