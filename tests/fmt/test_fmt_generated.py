"""Generated plans: any small valid plan, written in any messy way, formats safely and stably."""
from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vplan.fmt import format_text
from vplan.fmt.files import CHANGED, UNCHANGED, check_text

WORDS = ["regionen", "styrelsen", "mål", "vården", "t.ex.", "bl.a.", "kap.", "§", "1.", "2023.", "A.",
         "*kursiv*", "**fet**", "nära", "2025–2027", "mnkr", "(RUS)", "skr.se", "Ja", "ägarstyrning", "3,5",
         "procent", "– inte", "”citat”", "#7", "kl."]
END = [".", ".", "!", "?", ":"]
NAME = st.from_regex(r"[A-ZÅÄÖ][a-zåäö]{2,9}( [a-zåäö]{2,9}){0,4}(: [a-zåäö]{2,8})?", fullmatch=True)
IDS = st.from_regex(r"[a-z][a-z0-9-]{1,10}", fullmatch=True)


@st.composite
def sentence(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    first = draw(st.sampled_from(["Regionen", "Det", "Styrelsen", "Målet", "2026"]))
    return " ".join([first, *words]) + draw(st.sampled_from(END))


@st.composite
def paragraph(draw):
    parts = draw(st.lists(sentence(), min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from([" ", "\n", "  \n", " \n"]), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps)).rstrip()
    if draw(st.booleans()):
        marker = draw(st.sampled_from(["-", "*"]))
        items = draw(st.lists(sentence(), min_size=1, max_size=3))
        text += draw(st.sampled_from(["\n\n", "\n"])) + "\n".join(f"{marker} {i}" for i in items)
    return text


def scalar(draw, value) -> str:
    if isinstance(value, str):
        plain_ok = re.fullmatch(r"[A-Za-zÅÄÖåäö][\wÅÄÖåäö ,./()–-]*", value) and not value.endswith(" ")
        style = draw(st.sampled_from(["plain", "double", "single"] if plain_ok else ["double", "single"]))
        if style == "plain":
            return value
        if style == "single":
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def mapping(draw, data: dict, indent: int) -> list[str]:
    keys = list(data)
    if draw(st.booleans()):
        keys = draw(st.permutations(keys))
    pad = " " * indent
    out = []
    for k in keys:
        v = data[k]
        if isinstance(v, dict) and draw(st.booleans()) and all(not isinstance(x, (dict, list)) for x in v.values()):
            out.append(f"{pad}{k}: {{" + ", ".join(f"{a}: {scalar(draw, b)}" for a, b in v.items()) + "}")
        elif isinstance(v, dict):
            out += [f"{pad}{k}:"] + mapping(draw, v, indent + draw(st.sampled_from([2, 4])))
        elif isinstance(v, list):
            extra = draw(st.sampled_from([0, 2]))
            out.append(f"{pad}{k}:")
            for item in v:
                if isinstance(item, dict):
                    lines = mapping(draw, item, indent + extra + 2)
                    out.append(pad + " " * extra + "- " + lines[0].lstrip())
                    out += lines[1:]
                else:
                    out.append(pad + " " * extra + "- " + scalar(draw, item))
        elif isinstance(v, str) and len(v) > 30 and draw(st.booleans()):
            words = v.split()
            out.append(f"{pad}{k}: >-")
            out += [pad + "  " + " ".join(words[i:i + 4]) for i in range(0, len(words), 4)]
        else:
            out.append(f"{pad}{k}: {scalar(draw, v)}")
    return out


@st.composite
def indicator_block(draw):
    n = draw(st.integers(1, 3))
    ids = draw(st.lists(IDS, min_size=n, max_size=n, unique=True))
    inds = []
    for i in ids:
        ind = {"id": i, "namn": draw(NAME), "typ": draw(st.sampled_from(["kvantitativ", "kvalitativ"]))}
        if draw(st.booleans()):
            ind["mål"] = {2025: draw(st.sampled_from([6, 75, "Bibehålla/öka", "Ja", "3.5"])),
                          2027: draw(st.integers(0, 100))}
        if draw(st.booleans()):
            ind["utfall"] = {2023: {"RVN": draw(st.integers(0, 99)), "RLF": draw(st.integers(0, 99))}}
        inds.append(ind)
    data = {"rubrik": draw(NAME), "indikatorer": inds}
    return "```indikatorer\n" + "\n".join(mapping(draw, data, 0)) + "\n```"


@st.composite
def assignment_block(draw):
    items = []
    for _ in range(draw(st.integers(1, 3))):
        item = {"text": " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))}
        if draw(st.booleans()):
            item["senast"] = draw(st.sampled_from([2025, 2026, "2025-12-31"]))
        if draw(st.booleans()):
            item["periodicitet"] = "Tertial: apr, aug, dec"
        items.append(item)
    data = {"inledning": "Utifrån sitt ansvar ska regionstyrelsen:", "uppdrag": items}
    return "```uppdrag\n" + "\n".join(mapping(draw, data, 0)) + "\n```"


@st.composite
def plan_text(draw):
    fm = {"region": "Region Exempel", "nämnd": "Regionstyrelsen", "dokumenttyp": "verksamhetsplan",
          "titel": draw(NAME), "planperiod": {"från": 2025, "till": 2027}, "budgetår": 2025,
          "status": draw(st.sampled_from(["utkast", "förslag"]))}
    lines = ["---", *mapping(draw, fm, 0), "---", ""]
    for level in draw(st.lists(st.integers(1, 3), min_size=1, max_size=5)):
        lines.append("#" * level + draw(st.sampled_from([" ", "  "])) + draw(NAME)
                     + draw(st.sampled_from(["", " #", "  "])))
        lines.append(draw(st.sampled_from(["", "\n"])))
        for part in draw(st.lists(st.sampled_from(["p", "i", "u"]), max_size=3)):
            lines.append(draw({"p": paragraph(), "i": indicator_block(), "u": assignment_block()}[part]))
            lines.append(draw(st.sampled_from(["", "\n", "   "])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_text())
def test_generated_plans_format_safely_and_stably(text):
    outcome = check_text("genererad.md", text.encode("utf-8"))
    assert outcome.status in (CHANGED, UNCHANGED), (outcome.differences, outcome.diagnostics, text)
    assert format_text(outcome.text) == outcome.text
    assert check_text("genererad.md", outcome.text.encode("utf-8")).status == UNCHANGED
