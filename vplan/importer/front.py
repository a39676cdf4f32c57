"""The cover and first page -> the plan's front matter: region, board, title, years, dates and decision."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from vplan.typography import MONTHS

_REGION = re.compile(r"\b(Region\s+[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?|[A-ZÅÄÖ][\w-]+\s+läns\s+(?:landsting|region))")
_BOARD = re.compile(r"\b((?-i:[A-ZÅÄÖ][a-zåäö]+a\s+)?(?:[\wåäö]+-\s+och\s+)?(?:[\wåäö-]*(?:styrelsen|nämnden|"
                    r"fullmäktige)|[\wåäö-]*nämnd(?=\s|$|,)))", re.IGNORECASE)
_LABEL = re.compile(r"(?i)^(?:(?P<label>diarienummer|diarienr|dnr|ärendenummer|datum|dokumentdatum|status|beslutsdatum|beslutad|"
                    r"beslutat|beslut|fastställd|antagen|planperiod|upprättad av|dokumentansvarig)\b\.?\s*"
                    r"(?:av\s*)?:?|(?P<named>region|nämnd|styrelse|förvaltning)\s*:)\s*(?P<value>\S.*)$")
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_LONG = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"§\s*\d+(?:\s*[a-z])?")
_DNR = re.compile(r"(?i)\b(?:dnr|diarienummer|diarienr)\.?\s*:?\s*([A-ZÅÄÖ0-9][\w./-]*\d[\w./-]*)")
_DOCTYPE = (("plan med budget", re.compile(r"(?i)plan med budget|budget\b")),
            ("nämndplan", re.compile(r"(?i)nämndplan")),
            ("verksamhetsplan", re.compile(r"(?i)verksamhetsplan|plan")))


@dataclass
class Front:
    data: dict
    used: set[int] = field(default_factory=set)  # cover texts (by index) the front matter holds
    findings: list[str] = field(default_factory=list)


def iso_date(text: str) -> str | None:
    if m := _ISO.search(text):
        return m.group(0)
    if m := _LONG.search(text):
        month = MONTHS.index(m.group(2).lower()) + 1
        return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    return None


def read_front(cover: list[str], meta: dict, furniture: tuple[str, ...], body: list[str]) -> Front:
    """cover: the texts before the plan's text (paragraphs, cover table rows as "label: value");
    body: the plan's first paragraphs, where a region missing from the cover is looked for."""
    front = Front({})
    labelled: dict[str, str] = {}
    for i, text in enumerate(cover):
        m = _LABEL.match(text)
        if m:
            labelled.setdefault(_canon(m.group("label") or m.group("named")), m.group("value").strip())
            front.used.add(i)
    title = meta.get("title") or next((t for t in cover if _DOCTYPE[2][1].search(t) and _YEAR.search(t)), None) \
        or next((t for t in cover if t.strip()), None)
    if title and not _YEAR.search(title):
        lone = next((i for i, t in enumerate(cover) if re.fullmatch(r"\s*(?:19|20)\d\d\s*", t)), None)
        if lone is not None:  # "Nämndplan" and "2023" on lines of their own
            front.used.add(lone)
            cover_title = title
            title = f"{title} {cover[lone].strip()}"
            front.used |= {i for i, t in enumerate(cover) if t == cover_title}
    authors = meta.get("author") or []
    pool = [*authors, *cover, *furniture, *([title] if title else [])]
    region = labelled.get("region") or _first(_REGION, pool) or _most_named(_REGION, body)
    board = labelled.get("nämnd") or next((b for b in (_board(t) for t in [*authors, *cover, title or "", *furniture]) if b), None)
    for i, text in enumerate(cover):
        rest = text
        for known in (region, board):
            rest = rest.replace(known, "") if known else rest
        if text in (title, meta.get("subtitle")) or text in authors or not rest.strip(" ,;–-|/"):
            front.used.add(i)  # the text is only facts the front matter holds: "Miljönämnden, Region X"
    d = front.data
    if not region:
        front.findings.append("regionens namn hittades inte på försättsbladet; skriv det i region:")
    d["region"] = region or "[fyll i: regionens namn]"
    if not board:
        front.findings.append("nämndens namn hittades inte på försättsbladet; skriv det i nämnd:")
    d["nämnd"] = board or "[fyll i: nämndens namn]"
    if labelled.get("förvaltning"):
        d["förvaltning"] = labelled["förvaltning"]
    d["dokumenttyp"] = next(kind for kind, p in _DOCTYPE if p.search(title or "") or kind == "verksamhetsplan")
    if not title:
        front.findings.append("planens titel hittades inte; skriv den i titel:")
    d["titel"] = title or "[fyll i: planens titel]"
    first, last = _years(title or "", meta.get("subtitle") or "", labelled.get("planperiod") or "", cover)
    if first is None:
        front.findings.append("planens år hittades inte i titeln; rätta planperiod och budgetår")
        from datetime import date

        first = last = date.today().year + 1
    d["planperiod"] = {"från": first, "till": last}
    d["budgetår"] = first
    dnr = labelled.get("diarienummer") or _first(_DNR, [*cover, *furniture], group=1)
    if dnr:
        d["diarienummer"] = dnr
    lone_date = next((i for i, t in enumerate(cover) if re.fullmatch(r"\s*(?:19|20)\d\d-\d\d-\d\d\s*", t)), None)
    if "datum" not in labelled and lone_date is not None:  # a date on a line of its own on the cover
        labelled["datum"] = cover[lone_date]
        front.used.add(lone_date)
    when = iso_date(labelled.get("datum", ""))
    if when:
        d["datum"] = when
    decision = _decision(labelled, board)
    status = (labelled.get("status") or "").strip().lower()
    d["status"] = status if status in ("utkast", "förslag", "beslutad") else ("beslutad" if decision else "utkast")
    if d["status"] == "beslutad" and decision:
        d["beslut"] = decision
    elif d["status"] == "beslutad":
        d["status"] = "förslag"
        front.findings.append("planen sägs vara beslutad, men beslutet (organ och datum) hittades inte; "
                              "status blev förslag. Lägg till beslut: om planen är beslutad")
    if labelled.get("upprättad av"):
        namn, _, titel = labelled["upprättad av"].partition(",")
        d["upprättad_av"] = {"namn": namn.strip(), **({"titel": titel.strip()} if titel.strip() else {})}
    return front


def _canon(label: str) -> str:
    label = label.lower()
    if label in ("diarienr", "dnr", "ärendenummer"):
        return "diarienummer"
    if label in ("dokumentdatum",):
        return "datum"
    if label in ("beslutad", "beslutat", "beslutsdatum", "fastställd", "antagen"):
        return "beslut"
    if label == "styrelse":
        return "nämnd"
    if label == "dokumentansvarig":
        return "upprättad av"
    return label


def _most_named(pattern, texts) -> str | None:
    from collections import Counter

    found = Counter(" ".join(m.group(1).split()) for t in texts for m in pattern.finditer(t))
    return found.most_common(1)[0][0] if found else None


def _first(pattern, texts, group: int = 1) -> str | None:
    for t in texts:
        if t and (m := pattern.search(t)):
            return " ".join(m.group(group).split())
    return None


def _board(text: str) -> str | None:
    m = _BOARD.search(text or "")
    if not m or m.group(1).lower() in ("nämnd", "nämnden", "styrelsen", "fullmäktige"):
        return None
    word = m.group(1)
    return word[0].upper() + word[1:]


def _years(title: str, subtitle: str, period: str, cover: list[str]) -> tuple[int | None, int | None]:
    for text in (period, subtitle, title, *cover):
        if m := _PERIOD.search(text or ""):
            first, last = int(m.group(1)), int(m.group(2))
            title_years = [int(y) for y in _YEAR.findall(title)]
            first = min([first, *title_years[:1]])
            return first, max(last, first)
    years = [int(y) for y in _YEAR.findall(title)]
    return (years[0], max(years)) if years else (None, None)


def _decision(labelled: dict, board: str | None) -> dict | None:
    text = labelled.get("beslut")
    if not text:
        return None
    when = iso_date(text)
    if not when:
        return None
    organ = re.split(r"\s(?:den\s)?(?:\d|§)", text, maxsplit=1)[0].strip(" ,")
    organ = re.sub(r"(?i)^(?:i|av|vid|på)\s+", "", organ) or board or ""
    organ = organ[0].upper() + organ[1:] if organ else (board or "")
    out = {"organ": organ, "datum": when}
    if m := _PARAGRAPH.search(text):
        out["paragraf"] = m.group(0)
    return out
