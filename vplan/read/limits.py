"""Per-plan limits: far above any real plan (the largest has ~150 list items and
~1 400 lines), low enough that a hostile file is refused before it costs time."""
from __future__ import annotations

from dataclasses import dataclass

from vplan.model import Diagnostic, Pos, Severity

# Reading costs about 0.3 ms a table row or indicator: these keep check of any plan under a second.
MAX_DATA_LINES = 8_000  # lines of YAML in all data blocks of one plan
MAX_FRONT_MATTER_CHARS = 20_000  # the plan's own details at the top (a real one has ~600)
MAX_DATA_CHARS = 200_000  # characters of YAML in all data blocks of one plan (long flow lists)
MAX_ITEMS = 1_000  # table rows (sub-rows counted) and list entries in all blocks of one plan
MAX_HEADINGS = 1_000  # headings in one plan (a real one has ~75); over it the plan is not read further
MAX_MARKUP = 10_000  # Markdown's inline markup characters in the plan's text (a real plan has ~400)
MARKUP = "*_`[]!&\\<"
_SENTENCE_ENDS = (". ", "! ", "? ")
MAX_SENTENCES = 5_000  # lines and sentences of the plan's text (a real one has ~230): fmt writes one a line
MAX_FOOTNOTE_REFS = 1_000  # references to footnotes, [^id], in one plan
MAX_FINDINGS = 100  # findings shown for one plan; more say nothing new


@dataclass
class Budget:
    """What the blocks read so far have used of one plan's limits."""

    lines: int = 0
    chars: int = 0
    items: int = 0
    markup: int = 0
    sentences: int = 0

_LISTS = {"indikatorer": "indikatorer", "uppdrag": "uppdrag", "risker": "risker", "bilagor": "bilagor",
          "utfall": "utfall", "bedömning": "bedömningar", "uppdragsstatus": "uppdrag"}  # the last three: follow-ups


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


_SPLIT = "Dela upp planen, eller lägg de detaljerade uppgifterna i en bilaga som en separat fil."


def block_size(kind: str, text: str, budget: Budget, pos: Pos) -> Diagnostic | None:
    """Refuse a block before its YAML is read if the plan's blocks would pass the size limits."""
    lines, chars = budget.lines + text.count("\n") + 1, budget.chars + len(text)
    if lines > MAX_DATA_LINES:
        limit = f"{_n(MAX_DATA_LINES)} rader"
    elif chars > MAX_DATA_CHARS:
        limit = f"{_n(MAX_DATA_CHARS)} tecken"
    else:
        budget.lines, budget.chars = lines, chars  # a refused block is not read, so it uses nothing
        return None
    return Diagnostic("VP007", Severity.ERROR,
                      f"Planens datablock har tillsammans mer än {limit}, som är gränsen för en plan. "
                      f"Blocket ”{kind}” läses inte.", pos, _SPLIT)


def front_matter(text: str, path: str) -> Diagnostic | None:
    if len(text) <= MAX_FRONT_MATTER_CHARS:
        return None
    return Diagnostic("VP007", Severity.ERROR,
                      f"Planens uppgifter (front matter) har {_n(len(text))} tecken. Gränsen är "
                      f"{_n(MAX_FRONT_MATTER_CHARS)} tecken.", Pos(path, 1, 1),
                      "Skriv bara planens uppgifter överst; text och tabeller hör hemma i planens kapitel.")


def block_items(kind: str, data: dict, budget: Budget, pos: Pos) -> Diagnostic | None:
    """Refuse a block if the plan's table rows and list entries would pass MAX_ITEMS."""
    if kind == "tabell":
        count = _rows(data.get("rader"))
    else:
        items = data.get(_LISTS.get(kind, ""))
        count = len(items) if isinstance(items, list) else 0
    if budget.items + count <= MAX_ITEMS:
        budget.items += count
        return None
    return Diagnostic("VP007", Severity.ERROR,
                      f"Planens block har tillsammans mer än {_n(MAX_ITEMS)} tabellrader, indikatorer, uppdrag, "
                      f"risker och bilagor, som är gränsen för en plan. Blocket ”{kind}” läses inte.", pos, _SPLIT)


def _rows(rows) -> int:
    if not isinstance(rows, list):
        return 0
    stack, count = [rows], 0
    while stack and count <= MAX_ITEMS:  # iterative: nesting is capped, but be cheap anyway
        level = stack.pop()
        count += len(level)
        stack += [r["rader"] for r in level if isinstance(r, dict) and isinstance(r.get("rader"), list)]
    return count


def prose(text: str, budget: Budget, pos: Pos) -> Diagnostic | None:
    """One finding where the plan's text passes MAX_MARKUP or MAX_SENTENCES: each mark and each
    line costs the formatter's check (a Markdown parser in Python) a token."""
    marks, sentences = budget.markup, budget.sentences
    budget.markup += sum(map(text.count, MARKUP))  # map: no Python frame per character counted
    budget.sentences += 1 + text.count("\n") + sum(map(text.count, _SENTENCE_ENDS))
    if marks <= MAX_MARKUP < budget.markup:
        return Diagnostic("VP007", Severity.ERROR,
                          f"Planens text har fler än {_n(MAX_MARKUP)} tecken för formatering och länkar "
                          "(* _ ` [ ] ! & \\ <), som är gränsen för en plan.", pos,
                          "Skriv texten utan så många specialtecken, eller dela upp planen.")
    if sentences <= MAX_SENTENCES < budget.sentences:
        return Diagnostic("VP007", Severity.ERROR,
                          f"Planens text har fler än {_n(MAX_SENTENCES)} meningar och rader, som är gränsen "
                          "för en plan.", pos, "Dela upp planen, eller lägg långa texter i en bilaga som en separat fil.")
    return None


def too_many_headings(pos: Pos) -> Diagnostic:
    return Diagnostic("VP007", Severity.ERROR,
                      f"Planen har fler än {_n(MAX_HEADINGS)} rubriker, som är gränsen för en plan. "
                      "Planen kontrolleras inte vidare.", pos,
                      "Dela upp planen, eller skriv korta avsnitt som stycken i stället för under egna rubriker.")


def too_many_refs(pos: Pos) -> Diagnostic:
    return Diagnostic("VP007", Severity.ERROR,
                      f"Planen har fler än {_n(MAX_FOOTNOTE_REFS)} hänvisningar till fotnoter, som är gränsen för "
                      "en plan. Hänvisningarna efter den här kontrolleras inte.", pos,
                      "Hänvisa till samma källa en gång per stycke, eller samla källorna i en bilaga.")


def cap_findings(diags: list[Diagnostic], path: str) -> list[Diagnostic]:
    """The first MAX_FINDINGS findings and one line saying how many were left out."""
    if len(diags) <= MAX_FINDINGS:
        return diags
    # A limit's own finding is always kept: it says why the check stopped short.
    kept = diags[:MAX_FINDINGS] + [d for d in diags[MAX_FINDINGS:] if d.code == "VP007"]
    rest = len(diags) - len(kept)
    last = diags[MAX_FINDINGS - 1].pos
    note = Diagnostic("VP007", Severity.ERROR,
                      f"Planen har {_n(rest)} fel till. Gränsen är {_n(MAX_FINDINGS)} visade fel per plan.",
                      Pos(path, last.line, last.column), "Rätta felen ovan och kör vplan check igen.")
    return sorted(kept + [note], key=Diagnostic.sort_key)
