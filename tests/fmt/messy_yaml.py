"""Random YAML written in every messy way officials (and YAML) allow.

- document(): random data shaped like plan blocks (schema keys, year maps,
  lists of records) with scalars that probe every quoting and typing rule,
  laid out with random indentation, block or flow style, quoted, folded or
  literal text, blank lines and comments. test_fmt_fastpath.py holds
  vplan/fmt/fastyaml.py to ruamel's round trip with it.
- messy_plan(): a real plan written anew by hand, as officials would; also
  the corpus of bench/fmt_diff.py.
"""
from __future__ import annotations

import json
import random
import re
import textwrap
from decimal import Decimal

KINDS = ("framsida", "indikatorer", "uppdrag", "tabell", "risker", "bilagor")
KEYS = ["id", "namn", "typ", "rubrik", "text", "titel", "beskrivning", "enhet", "utfall", "mål", "datum",
        "senast", "målår", "undantag", "värden", "rader", "kolumner", "indikatorer", "uppdrag", "risker",
        "bilagor", "innehåll", "planperiod", "från", "till", "status", "beslut", "organ", "paragraf",
        "region", "nämnd", "formel", "delsumma", "år", "RVN", "RLF", "b2025", "okänd", "x", "2025", "2027"]
ODD_KEYS = ["true", "null", "~", "1.5", "-1", "0123", "2024-01-05", "a b", "a: b", "-", "ÅÄÖ", "a#b", "k'", "[x]",
            "٢٠٢٥", "x" * 130, ""]
WORDS = ["Regionen", "mål", "t.ex.", "bl.a.", "3,5", "2025–2027", "”citat”", "*kursiv*", "**fet**", "§ 240",
         "%", "a: b", "a#b", "- a", "[^1]", "{x}", "[x]", "x, y", "it's", 'säg "hej"', "@x", "`kod`",
         "&x", "*x", "|x", ">x", ":", "-", "...", "\u00a0", "🙂", "—", "ä", "ö", "Å", "2025", "true",
         "http://skr.se", "10:00", "kl. 9", "nr 1.", "   ", "a  b", "'", '"', ",", "x:", "-x", "a\u2003b"]
WILD = ["a #b", "!x", "?", "---", "a\\b", "\t", "<<", "\x07", "\ufeff", "\u2028", "#"]
SPECIAL = ["", "~", "null", "Null", "true", "False", "TRUE", "yes", "no", "on", "2025", "-0", "+5", "007", "0",
           "3.50", "-9.0", "1496.0", ".5", "5.", "1e3", "1.5e3", "0x1F", "0o17", "1_000", ".inf", "-.inf", ".nan",
           "2024-01-05", "2024-1-5", "2024-02-30", "2024-11-20T10:00:00", "2024-11-20 10:00:00", "<<", "=",
           "0.1234567890123456789", "-0.0", "12345678901234567890", "2025-06-30", "VP302"]


class Writer:
    """Random data, then a random way to write it."""

    def __init__(self, rnd: random.Random, valid: bool = False, untidy: bool = True):
        self.r = rnd
        self.valid = valid  # no slips that make the YAML unreadable
        self.wild = rnd.choice([0, 0, 0, 0.01, 0.05])  # how often a word is one no fast path takes
        self.blanks = rnd.choice([0, 0, 0.05, 0.3]) if untidy else 0  # how often a blank line comes between entries
        self.comments = rnd.choice([0, 0, 0.02]) if untidy else 0  # ... and a comment

    # --- data ---------------------------------------------------------------

    def scalar(self):
        r = self.r.random()
        if r < 0.25:
            return self.r.choice(SPECIAL)
        if r < 0.35:
            return self.r.choice([0, 5, 2025, -3, 10 ** 20, 3.5, True, False, None])
        words = [self.r.choice(WILD if self.r.random() < self.wild else WORDS if self.r.random() < 0.5 else KEYS)
                 for _ in range(self.r.randint(1, 6))]
        text = " ".join(words)
        if self.r.random() < 0.1:
            text += "\n\n" + " ".join(self.r.choice(WORDS) for _ in range(self.r.randint(1, 4)))
        return text

    def key(self):
        r = self.r.random()
        if r < 0.08:
            return self.r.choice(ODD_KEYS)
        if r < 0.15:
            return self.r.choice([2025, 2026, 2027])
        return self.r.choice(KEYS)

    def mapping(self, depth: int) -> dict:
        out = {}
        for _ in range(self.r.randint(1, 5)):
            out[self.key()] = self.value(depth + 1)
        return out

    def value(self, depth: int):
        r = self.r.random()
        if depth > 3 or r < 0.6:
            return self.scalar()
        if r < 0.75:
            return self.mapping(depth)
        if r < 0.85:
            return [self.scalar() for _ in range(self.r.randint(0, 3))]
        if r < 0.97:
            return [self.mapping(depth + 1) for _ in range(self.r.randint(1, 3))]
        return [[self.scalar()]] if self.r.random() < 0.5 else {}

    # --- text ---------------------------------------------------------------

    def document(self) -> str:
        data = self.mapping(0)
        lines = self.block_mapping(data, 0)
        if self.r.random() < self.comments * 5:
            lines.insert(self.r.randint(0, len(lines)), self.r.choice(["# kommentar", "  # indragen", ""]))
        text = "\n".join(lines)
        return text + self.r.choice(["", "", "\n", "\n\n", "\n  "])

    def gap(self) -> list[str]:
        if self.r.random() < self.comments:
            return [self.r.choice(["# not", "  # not"])]
        return [self.r.choice(["", "  "])] * self.r.choice([1, 1, 2]) if self.r.random() < self.blanks else []

    def block_mapping(self, data: dict, indent: int) -> list[str]:
        out: list[str] = []
        items = list(data.items())
        if self.r.random() < 0.5:
            self.r.shuffle(items)
        for k, v in items:
            head = " " * indent + self.key_text(k) + self.r.choice([":", ":", " :"])
            out += self.gap() + self.after(head, v, indent)
        return out

    def after(self, head: str, v, indent: int) -> list[str]:
        """`head` (a key and colon, or a dash) followed by the value v."""
        step = self.r.choice([2, 2, 2, 4, 1, 3])
        if isinstance(v, dict) and v:
            if self.r.random() < 0.2 and all(not isinstance(x, (dict, list)) for x in v.values()):
                return [head + " " + self.flow(v)]
            return [head] + self.block_mapping(v, indent + step)
        if isinstance(v, list) and v:
            if self.r.random() < 0.3 and all(not isinstance(x, (dict, list)) for x in v):
                return [head + " " + self.flow(v)]
            dash_col = indent + self.r.choice([0, 0, 2, 2, 4]) if head.rstrip().endswith(":") else indent + step
            return [head] + self.block_sequence(v, dash_col)
        if isinstance(v, (dict, list)):
            return [head + " " + ("{}" if isinstance(v, dict) else "[]")]
        return self.scalar_lines(head, v, indent)

    def block_sequence(self, items: list, col: int) -> list[str]:
        out: list[str] = []
        for v in items:
            dash = " " * col + "-" + " " * self.r.choice([1, 1, 1, 2, 3])
            if isinstance(v, dict) and v:
                inner = self.block_mapping(v, len(dash))
                out += self.gap() + [dash + inner[0].lstrip(" ")] + inner[1:]
            else:
                out += self.gap() + self.after(dash.rstrip(" "), v, col)
        return out

    def flow(self, v) -> str:
        sep = ", " if self.valid or self.r.random() < 0.9 else ",\n" + " " * self.r.choice([0, 1, 2, 4, 6])
        if isinstance(v, dict):
            return "{" + sep.join(f"{self.key_text(k)}: {self.inline(x)}" for k, x in v.items()) + "}"
        return "[" + sep.join(self.inline(x) for x in v) + "]"

    def inline(self, v) -> str:
        if not isinstance(v, str):
            return _json(v)
        plain = _plain_looking(v) and not any(c in v for c in ",[]{}") or self.r.random() < 0.05 and not self.valid
        return self.quoted(v) if self.r.random() < 0.3 or "\n" in v or not plain else v

    def key_text(self, k) -> str:
        if not isinstance(k, str):
            return str(k)
        return self.quoted(k) if self.r.random() < 0.15 else k

    def quoted(self, s: str) -> str:
        if self.r.random() < 0.5:
            return "'" + s.replace("'", "''") + "'"
        if self.r.random() < 0.9:
            return '"' + s.replace('"', '\\"') + '"' if "\\" not in s else json.dumps(s, ensure_ascii=False)
        return json.dumps(s, ensure_ascii=self.r.random() < 0.5 and not self.valid)  # "\u00e4"

    def scalar_lines(self, head: str, v, indent: int) -> list[str]:
        pad = " " * (indent + self.r.choice([2, 2, 4, 1]))
        trail = "  # kommentar" if self.r.random() < self.comments else " " if self.r.random() < 0.02 else ""
        if not isinstance(v, str):
            return [head + " " + ("" if v is None and self.r.random() < 0.5 else _json(v)) + trail]
        style = self.r.choice(["plain", "plain", "plain", "single", "double", "literal", "folded", "wrapped"])
        if style == "literal" or (style == "folded" and self.r.random() < 0.5) or ("\n" in v and style == "plain"):
            marker = self.r.choice(["|-", ">-"] if self.valid else ["|", "|-", "|+", ">", ">-", "|2"])
            body = [pad + ln if ln else self.r.choice(["", pad]) for ln in v.split("\n")]
            if self.r.random() < self.blanks:
                body.append("")
            return [head + " " + marker + trail] + body
        if not self.valid and self.r.random() < 0.1:
            pad = self.r.choice(["", " " * indent, " " * (indent + 1)])
        if (style == "folded" or style == "wrapped") and (" " in v.strip(" ") or not self.valid):
            words = v.split(" ")
            cut = self.r.randint(1, max(1, len(words) - 1))
            first, rest = " ".join(words[:cut]), " ".join(words[cut:])
            quote = self.r.choice(["", "'", '"'] if _plain_looking(v) or not self.valid else ["'", '"'])
            if quote == "'":
                first, rest = "'" + first.replace("'", "''"), rest.replace("'", "''") + "'"
            elif quote == '"':
                first, rest = '"' + first.replace('"', '\\"'), rest.replace('"', '\\"') + '"'
            return [head + " " + first, pad + rest + trail] if rest or quote else [head + " " + first + trail]
        if style in ("plain", "folded", "wrapped") and not _plain_looking(v) and (self.valid or self.r.random() < 0.9):
            style = self.r.choice(["single", "double"])
        if style == "single":
            return [head + " " + "'" + v.replace("'", "''") + "'" + trail]
        if style == "double":
            return [head + " " + self.quoted(v) + trail]
        return [head + " " + v + trail]


def _json(v) -> str:
    return str(v) if isinstance(v, Decimal) else json.dumps(v)


def _plain_looking(text: str) -> bool:
    """Roughly: could this be written without quotes? (Often wrong on purpose is fine.)"""
    return bool(text) and text[0] not in "#,[]{}&*!|>'\"%@`?:- " and text[-1] not in " :" \
        and ": " not in text and " #" not in text


def document(rnd: random.Random) -> tuple[str, str]:
    """(block kind, YAML text)."""
    return rnd.choice(KINDS), Writer(rnd).document()


def messy_plan(text: str, rnd: random.Random, untidy: bool = True) -> str:
    """A readable plan written anew by hand: YAML laid out and quoted in other ways, keys in
    another order, paragraphs wrapped; `untidy` adds blank lines and comments in the YAML."""
    from vplan.fmt.document import block_kind, split
    from vplan.read.markdown import Fenced, ProseRun, scan
    from vplan.read.yamlload import load_yaml

    def yaml(body: str) -> str:
        data = load_yaml(body, "x.md", 1).data
        if not isinstance(data, dict) or not data:
            return body
        return "\n".join(Writer(rnd, valid=True, untidy=untidy).block_mapping(data, 0))

    parts = split(text)
    body_lines = parts.body.split("\n")
    out = ["---", yaml(parts.front_matter), "---"] if parts.front_matter is not None else []
    done = 0
    for ev in scan(parts.body, parts.body_line):
        start = ev.line - parts.body_line
        out += body_lines[done:start]
        if isinstance(ev, Fenced) and ev.closed and block_kind(ev.info):
            n = ev.body.count("\n") + 1 if ev.body else 0
            out += ["```" + ev.info, yaml(ev.body), "```"]
            done = start + n + 2
        elif isinstance(ev, ProseRun) and rnd.random() < 0.7:
            n = ev.text.count("\n") + 1
            out += _rewrap(ev.text, rnd).split("\n")
            done = start + n
        else:
            done = start
    out += body_lines[done:]
    return "\n".join(out)


def _rewrap(text: str, rnd: random.Random) -> str:
    """Paragraphs of plain sentences joined and wrapped at a random width; anything else kept."""
    paras = text.split("\n\n")
    width = rnd.choice([40, 72, 100, 10_000])
    out = []
    for p in paras:
        if re.match(r"[A-ZÅÄÖ]", p) and not re.search(r"^\s*([-*+>#|<]|\d+[.)])|\\$|  $", p, re.M):
            p = "\n".join(textwrap.wrap(" ".join(p.split()), width, break_on_hyphens=False, break_long_words=False))
        out.append(p)
    return "\n\n".join(out)
