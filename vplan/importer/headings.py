"""Headings: typed numbers stripped, goal prefixes read, chapters mapped to the profile's by name and synonym."""
from __future__ import annotations

import re
from dataclasses import dataclass

# "2.1 ", "2.1. ", "3) ", "IV. ", "Kapitel 3 " typed before a heading's words; Word's own numbering never reaches pandoc.
_TYPED_NUMBER = re.compile(r"^\s*(?:kapitel\s+\d+[.:]?\s+|(?:\d+[.)]?)(?:\d+[.)]?)*\s+|\d+(?:\.\d+)+\.?\s*|[IVX]+\.\s+)",
                           re.IGNORECASE)
_GOAL = re.compile(r"^(?P<kind>målområde|strategiskt målområde|delmål|mål|effektmål|verksamhetsmål|nämndmål|"
                   r"regionmål|övergripande mål)(?:\s+(?P<num>\d+(?:\.\d+)*)[a-z]?)?\s*(?:[:.–—-]\s*|\s+(?=\S))(?P<title>\S.*)$",
                   re.IGNORECASE)
_KIND = {"målområde": "målområde", "strategiskt målområde": "målområde", "delmål": "delmål", "mål": "mål",
         "effektmål": "mål", "verksamhetsmål": "mål", "nämndmål": "mål", "regionmål": "mål", "övergripande mål": "mål"}
WORD = {"målområde": "Målområde", "mål": "Mål", "delmål": "Delmål"}

# Common names of the profiles' chapters in Word plans, beside the names the profiles give.
SYNONYMS = {
    "inledning": ("inledning", "bakgrund", "förord", "sammanfattning", "om planen", "syfte", "uppdrag och ansvar",
                  "nämndens uppdrag", "styrelsens uppdrag", "verksamhetsbeskrivning"),
    "målområden": ("målområden", "mål", "mål och indikatorer", "mål och uppföljning", "målområden och mål",
                   "verksamhetens mål", "nämndens mål", "styrelsens mål", "regionens mål", "mål och aktiviteter",
                   "mål, indikatorer och uppdrag", "målområden, nyckeltal och uppdrag", "regionmål och uppföljning",
                   "strategiska mål", "övergripande mål"),
    "ekonomi": ("ekonomi", "budget", "budgetram", "ekonomiska ramar", "ekonomiska förutsättningar", "ekonomi och budget",
                "budget och ekonomi", "ekonomisk ram", "resursfördelning", "ekonomiska förutsättningar och budget",
                "budget och investeringsplan", "budgetram och investeringsplan"),
    "risker": ("risker", "risk", "riskanalys", "riskbedömning", "konsekvenser och riskbedömning", "risker och konsekvenser",
               "väsentliga risker", "risk och konsekvensanalys", "riskhantering"),
    "bilagor": ("bilagor", "bilaga", "bilageförteckning", "bilagor (förteckning)", "förteckning över bilagor"),
    "uppdrag": ("uppdrag", "uppdrag från fullmäktige", "uppdrag och uppföljning"),
    "uppföljning": ("uppföljning", "uppföljning och rapportering", "uppföljning, uppsiktsplikt och internkontroll"),
}


# The word that gives a chapter away when its name is neither the profile's nor a usual one.
KEYWORDS = {"inledning": r"^(inledning|bakgrund|förord)", "målområden": r"\bmål", "ekonomi": r"ekonomi|budget",
            "risker": r"risk", "bilagor": r"bilag", "uppdrag": r"^uppdrag", "uppföljning": r"uppföljning"}


@dataclass(frozen=True)
class HeadingText:
    text: str  # the heading without a typed number
    kind: str | None  # målområde | mål | delmål, when it carries a goal prefix
    number: str | None
    title: str  # the words after a goal prefix
    typed_number: str | None  # the number that was typed, for the report
    period: bool = False  # "Mål 1. …": the number followed by a full stop


def parse(text: str) -> HeadingText:
    text = " ".join(text.split())
    m = _TYPED_NUMBER.match(text)
    typed = None
    if m and m.end() < len(text) and not re.match(r"^\d{4}\b", text):  # "2025 års budget" keeps its year
        typed, text = m.group(0).strip(), text[m.end():].strip()
    g = _GOAL.match(text)
    if g and not (g.group("num") is None and not re.match(r"\s*[:.–—-]", text[len(g.group("kind")):])):
        kind, num, title = _KIND[g.group("kind").lower()], g.group("num"), g.group("title").strip()
        if num and "." in num:  # "Delmål 1.2": vplan numbers are whole; the number stays in the title
            num, title = None, f"{num} {title}"
        after = text[g.end("num"):].lstrip() if g.group("num") else ""
        return HeadingText(text, kind, num, title, typed, after.startswith("."))
    return HeadingText(text, None, None, text, typed)


def goal_heading(kind: str, number: str | None, title: str, period: bool = False) -> str:
    """The heading as vplan writes it: "Mål 1: Titel", "Målområde: Titel", or "Mål 1. Titel" when the
    region numbers its goals so (period)."""
    return f"{WORD[kind]}{' ' + number if number else ''}{'.' if period and number else ':'} {title}"


def _key(text: str) -> str:
    return re.sub(r"[\s:.,–—-]+", " ", text.casefold()).strip()


_SYNONYM_KEYS = [{_key(n) for n in names} for names in SYNONYMS.values()]


def synonym_of(spec, title: str) -> bool:
    """True when the title is a usual name for the profile's chapter."""
    key = _key(title)
    own = {_key(spec.namn), *(_key(a) for a in spec.alternativ)}
    return any(own & keys and key in keys for keys in _SYNONYM_KEYS)


def keyword_of(spec, title: str) -> bool:
    """True when the title holds the word its chapter group is known by ("Verksamhetens mål 2025" for Målområden)."""
    own = {_key(spec.namn), *(_key(a) for a in spec.alternativ)}
    for group, keys in zip(SYNONYMS, _SYNONYM_KEYS):
        if own & keys and group in KEYWORDS and re.search(KEYWORDS[group], title, re.IGNORECASE):
            return True
    return False


def choose_profile(chapter_titles: list[str], profiles: list) -> object:
    """The profile whose mandated chapters the Word file's chapters name best (ties: the first, standard)."""
    def score(p):
        exact = sum(any(s.matches(t) for t in chapter_titles) for s in p.kapitel)
        near = sum(any(synonym_of(s, t) for t in chapter_titles) for s in p.kapitel)
        return (exact * 2 + near) / max(1, len(p.kapitel)), exact
    return max(profiles, key=score)
