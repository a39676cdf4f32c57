"""Lists that are data: assignments (uppdrag), intentions (avsikter), risks and appendices (bilagor)."""
from __future__ import annotations

import re

from vplan.importer import inlines
from vplan.importer.front import iso_date

_DETAIL = re.compile(r"(?i)^(beslutad av|riktas till|status|uppföljning|senast)\s*:\s*(.+)$")
_DETAIL_KEY = {"beslutad av": "beslutad_av", "riktas till": "riktas_till", "status": "status",
               "uppföljning": "periodicitet", "senast": "senast"}
_STATUS = {"ej påbörjad": "ej påbörjad", "ej påbörjat": "ej påbörjad", "inte påbörjad": "ej påbörjad",
           "pågående": "pågående", "pågår": "pågående", "påbörjad": "pågående", "genomförd": "genomförd",
           "genomfört": "genomförd", "klar": "genomförd", "klart": "genomförd", "avslutad": "genomförd"}
_APPENDIX = re.compile(r"(?i)^bilaga\s+(\d+)\s*[:.–—-]?\s*(.+)$")
LEAD_ASSIGNMENT = re.compile(r"(?i)\buppdrag\w*\b[^.]*:$")
# "… ska regionstyrelsen:" leads assignments under a goal; elsewhere it often lists the board's duties.
LEAD_GOAL_ASSIGNMENT = re.compile(r"(?i)\bska\s+(?:[\wåäö-]*styrelsen|[\wåäö-]*nämnden)\s*:$")
LEAD_INTENTION = re.compile(r"(?i)\bavser\b.*:$")


def last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip())[-1]


def items(lst: dict) -> list[list]:
    return lst["c"] if lst["t"] == "BulletList" else lst["c"][1]


def has_details(lst: dict) -> bool:
    """A list written the way vplan writes assignments: a line "Senast: …" or "Status: …" under the text."""
    return any(len(inlines.lines(item)) >= 2 and all(_DETAIL.match(p.strip()) for p in
                                                      inlines.plain(inlines.lines(item)[-1]).split("·"))
               for item in items(lst))


def assignment_block(lst: dict, lead: str | None, mark, findings: list[str]) -> dict:
    out = []
    for item in items(lst):
        lines = inlines.lines(item)
        if not lines:
            continue
        entry: dict = {}
        body = lines
        last = inlines.plain(lines[-1]).split("·")
        if len(lines) >= 2 and all(_DETAIL.match(p.strip()) for p in last):
            body = lines[:-1]
            for part in last:
                m = _DETAIL.match(part.strip())
                key, value = _DETAIL_KEY[m.group(1).lower()], m.group(2).strip()
                if key == "senast":
                    value = _deadline(value)
                    if value is None:
                        findings.append(f"tiden ”{m.group(2).strip()}” för ett uppdrag kunde inte läsas som år eller "
                                        "datum och kom inte med")
                        continue
                if key == "status":
                    value = _STATUS.get(value.lower())
                    if value is None:
                        findings.append(f"statusen ”{m.group(2).strip()}” för ett uppdrag är inte ej påbörjad, "
                                        "pågående eller genomförd och kom inte med")
                        continue
                entry[key] = value
        text = " ".join(mark(ln) for ln in body)
        out.append({"text": text, **entry})
    block: dict = {"inledning": lead} if lead else {}
    block["uppdrag"] = out
    return block


def intention_block(lst: dict, lead: str | None, mark) -> dict:
    block: dict = {"inledning": lead} if lead else {}
    block["avsikter"] = [" ".join(mark(ln) for ln in inlines.lines(item)) for item in items(lst) if inlines.lines(item)]
    return block


def _deadline(text: str) -> int | str | None:
    if re.fullmatch(r"(19|20)\d\d", text.strip()):
        return int(text.strip())
    return iso_date(text)


def risk_block_from_list(lst: dict, mark) -> dict:
    out = []
    for item in items(lst):
        lines = inlines.lines(item)
        if not lines:
            continue
        text = " ".join(mark(ln) for ln in lines)
        out.append({"titel": text} if len(text) <= 120 and len(lines) == 1 else {"beskrivning": text})
    return {"risker": out}


def risk_block_from_definitions(dl: dict, mark) -> dict:
    out = []
    for term, defs in dl["c"]:
        entry = {}
        if inlines.plain(term):
            entry["titel"] = mark(term)
        text = "\n\n".join(mark(ln) for d in defs for ln in inlines.lines(d))
        if text:
            entry["beskrivning"] = text
        if entry:
            out.append(entry)
    return {"risker": out}


def appendix_block(dl: dict, mark) -> dict | None:
    """A definition list whose terms are "Bilaga N: Titel" (how vplan writes bilagor), else None."""
    out = []
    for term, defs in dl["c"]:
        m = _APPENDIX.match(inlines.plain(term))
        if not m:
            return None
        entry: dict = {"nummer": int(m.group(1)), "titel": mark(inlines.from_text(m.group(2)))}
        description, contents = [], []
        for d in defs:
            after_label = False
            for b in d:
                text = inlines.block_text([b])
                if b["t"] in ("BulletList", "OrderedList") and after_label:
                    contents += [mark(ln) for item in items(b) for ln in inlines.lines(item)]
                elif text.rstrip(":").lower() == "innehåll":
                    after_label = True
                else:
                    for sentence in _flags(text, entry):
                        description.append(sentence)
        if description:
            entry["beskrivning"] = " ".join(description)
        if contents:
            entry["innehåll"] = contents
        out.append(entry)
    return {"bilagor": out}


def _flags(text: str, entry: dict) -> list[str]:
    """vplan's own notes after an appendix become its flags; other text stays description."""
    rest = []
    for sentence in re.split(r"(?<=\.)\s+", text.strip()):
        low = sentence.lower().rstrip(".")
        if low == "separat dokument":
            entry["separat"] = True
        elif low == "ingår inte i beslutsunderlaget":
            entry["i_beslutsunderlaget"] = False
        elif sentence:
            rest.append(sentence)
    return rest


def flags_only(text: str, entry: dict) -> bool:
    """True when the text is only vplan's notes on an appendix ("Separat dokument."), now set on the entry."""
    probe = dict(entry)
    if _flags(text, probe):
        return False
    entry.update(probe)
    return True


def appendix_line(text: str) -> tuple[int, str] | None:
    m = _APPENDIX.match(text.strip())
    return (int(m.group(1)), m.group(2).strip()) if m else None
