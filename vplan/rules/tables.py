"""Rules on tables: declared arithmetic holds within the table's tolerance."""
from __future__ import annotations

import re
from decimal import Decimal

from vplan.model import Diagnostic, Number, Row, Severity, Table, Text
from vplan.rules import rule
from vplan.typography import number

ID = re.compile(r"^[a-zåäö0-9][a-zåäö0-9_-]*$")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]")


def parse_formula(text: str) -> list[tuple[int, str]] | str | None:
    """'a + b - c' -> [(1,'a'), (1,'b'), (-1,'c')]; 'summa' -> 'summa'; None if malformed."""
    tokens = text.split()
    if tokens == ["summa"]:
        return "summa"
    terms, sign, expect_term = [], 1, True
    for tok in tokens:
        if expect_term:
            if tok in "+-" and len(tok) == 1:
                if terms:
                    return None
                sign = -1 if tok == "-" else 1
                continue
            if not ID.match(tok):
                return None
            terms.append((sign, tok))
            expect_term = False
        else:
            if tok not in ("+", "-"):
                return None
            sign = -1 if tok == "-" else 1
            expect_term = True
    return terms if terms and not expect_term else None


def all_rows(rows, depth=0):
    for r in rows:
        yield r, depth
        yield from all_rows(r.rader, depth + 1)


def num(row: Row, col: str) -> Decimal | None:
    v = row.varden.get(col)
    return v.value if isinstance(v, Number) else None


def has_text(row: Row, col: str) -> bool:
    """A cell that is there but is not a number (VP304 reports it; sums skip the column)."""
    return col in row.varden and not isinstance(row.varden[col], Number)


def _fmt(d: Decimal) -> str:
    return number(d, space=" ")


def _numeric_columns(t: Table):
    return [c for c in t.kolumner if c.typ == "tal"]


def _expected(t: Table, actual: Decimal | None, cells) -> Decimal | None:
    """The sum of `cells` ((sign, row, column id), ...) when it misses `actual` beyond
    the table's tolerance; None when it agrees or cannot be computed. Missing cells
    count as zero; a text cell (VP304) makes the sum unknowable."""
    values = [(sign, num(row, col)) for sign, row, col in cells]
    if actual is None or all(v is None for _, v in values) or any(has_text(r, c) for _, r, c in cells):
        return None
    expected = sum((sign * v for sign, v in values if v is not None), Decimal(0))
    return expected if abs(expected - actual) > t.tolerans else None


def _mismatch(code: str, message: str, pos, hint: str, expected: Decimal, actual: Decimal) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, pos, hint,
                      data={"expected": str(expected), "actual": str(actual)})


def _label(row: Row) -> str:
    """A row's name for messages, without footnote markers."""
    return FOOTNOTE.sub("", row.namn).strip()


def _tol(t: Table) -> str:
    return f" (tolerans {_fmt(t.tolerans)})" if t.tolerans else ""


@rule("VP300", "formel")
def formula_errors(ctx):
    """En formel går inte att läsa eller hänvisar till ett id som inte finns.

    Varför: en formel som inte kan räknas kan inte heller kontrolleras.

    Fel:
        formel: politisk+tjanstepersoner
    Rätt:
        formel: politisk + tjansteperson
    """
    for t in ctx.plan.tables():
        col_ids = {c.id for c in t.kolumner}
        row_ids = {r.id for r, _ in all_rows(t.rader) if r.id}
        for c in t.kolumner:
            if c.formel:
                yield from _check_formula(c.formel, col_ids - {c.id}, c.at("formel"), "kolumn")
        for r, _ in all_rows(t.rader):
            if r.formel:
                yield from _check_formula(r.formel, row_ids - {r.id}, r.at("formel"), "rad")


def _check_formula(text, ids, pos, what):
    parsed = parse_formula(text)
    if parsed is None:
        yield Diagnostic("VP300", Severity.ERROR, f"Formeln ”{text}” går inte att läsa.", pos,
                         "Skriv id:n med mellanslag runt + och -, till exempel a + b - c, eller summa.")
        return
    if parsed == "summa":
        return
    for _sign, ident in parsed:
        if ident not in ids:
            yield Diagnostic("VP300", Severity.ERROR, f"Formeln hänvisar till ”{ident}”, som inte finns som {what}-id.",
                             pos, f"Ge {what}en id: {ident}, eller rätta formeln.")


@rule("VP304", "tabellvarde")
def table_values(ctx):
    """Ett tabellvärde står i en kolumn som inte finns, eller är text i en talkolumn.

    Varför: vplan måste veta vilken kolumn ett tal hör till för att kunna räkna.

    Fel:
        kolumner:
          - id: b2025
            rubrik: Budget 2025
        rader:
          - namn: Tandvård
            värden:
              b2026: 236
    Rätt:
        rader:
          - namn: Tandvård
            värden:
              b2025: 236
    """
    for t in ctx.plan.tables():
        cols = {c.id: c for c in t.kolumner}
        for r, _ in all_rows(t.rader):
            for cid, v in r.varden.items():
                col = cols.get(cid)
                if col is None:
                    yield Diagnostic("VP304", Severity.ERROR, f"Kolumnen ”{cid}” finns inte i tabellen.",
                                     r.cell_pos(cid), f"Kolumnerna är: {', '.join(cols)}.")
                elif col.typ == "tal" and not isinstance(v, Number):
                    text = v.text if isinstance(v, Text) else "en lista"
                    yield Diagnostic("VP304", Severity.ERROR,
                                     f"”{text}” är inte ett tal, men kolumnen ”{col.rubrik}” är en talkolumn.",
                                     r.cell_pos(cid),
                                     "Skriv talet utan mellanslag med punkt som decimaltecken, "
                                     "eller ge kolumnen typ: text.")


@rule("VP301", "kolumnformel")
def column_formulas(ctx):
    """En kolumn som ska räknas fram ur andra kolumner stämmer inte.

    Varför: till exempel ska Budget 2023 vara Budget 2022 plus förändringarna. Är en
    summa redan fel (VP302) och värdet stämmer med den rättade summan, visas bara VP302.

    Fel:
        kolumner:
          - id: forandring
            rubrik: Förändring
            formel: b2025 - b2024
        ...
        värden:
          b2024: 449
          b2025: 432
          forandring: 17
    Rätt:
        värden:
          b2024: 449
          b2025: 432
          forandring: -17
    """
    for t in ctx.plan.tables():
        for c in t.kolumner:
            parsed = parse_formula(c.formel) if c.formel else None
            if not parsed:
                continue
            if parsed == "summa":
                idx = t.kolumner.index(c)
                terms = [(1, p.id) for p in t.kolumner[:idx] if p.typ == "tal" and not p.formel]
            else:
                terms = parsed
            for r, _ in all_rows(t.rader):
                if "VP301" in r.undantag:
                    continue
                actual = num(r, c.id)
                expected = _expected(t, actual, [(sign, r, i) for sign, i in terms])
                if expected is not None and not _right_after_sum_fixed(t, r, terms, actual):
                    yield _mismatch("VP301", f"”{c.rubrik}” för {_label(r)} ska vara {_fmt(expected)} enligt "
                                    f"formeln {c.formel}, men är {_fmt(actual)}{_tol(t)}.", r.cell_pos(c.id),
                                    "Rätta värdet eller värdena det räknas från.", expected, actual)


def _broken_sum(t: Table, r: Row, col: str) -> Decimal | None:
    """The sub-rows' sum when VP302 reports this cell, else None."""
    if not r.rader or r.delsumma is False or r.formel or "VP302" in r.undantag:
        return None
    return _expected(t, num(r, col), [(1, ch, col) for ch in r.rader])


def _right_after_sum_fixed(t: Table, r: Row, terms, actual: Decimal) -> bool:
    """One root cause, one diagnostic: a cell the formula would accept once the
    broken sums it is computed from (VP302) are corrected is not blamed."""
    fixed = {i: _broken_sum(t, r, i) for _, i in terms}
    if all(v is None for v in fixed.values()):
        return False
    values = [fixed[i] if fixed[i] is not None else num(r, i) for _, i in terms]
    if any(v is None for v in values):
        return False
    total = sum((sign * v for (sign, _), v in zip(terms, values)), Decimal(0))
    return abs(total - actual) <= t.tolerans


@rule("VP302", "delrader-summa")
def subrow_sums(ctx):
    """Delraderna (varav, därav) summerar inte till sin rad.

    Varför: en ram som inte är summan av sina delar är den vanligaste felkällan i
    budgettabeller. Om delraderna bara är ett urval, skriv delsumma: false på raden.
    Kolumner med formel summeras inte, de kontrolleras rad för rad (VP301).

    Fel:
        - namn: Regionstyrelsen
          värden:
            b2024: 2259
          rader:
            - namn: varav primärvård
              värden:
                b2024: 1582
            - namn: varav tandvård
              värden:
                b2024: 228
    Rätt:
        - namn: Regionstyrelsen
          värden:
            b2024: 2259
          rader:
            - namn: varav primärvård
              värden:
                b2024: 1582
            - namn: varav tandvård
              värden:
                b2024: 228
            - namn: varav regionledningsförvaltningen
              värden:
                b2024: 449
    """
    for t in ctx.plan.tables():
        # A column with a formula follows from the others (VP301 checks it row by row),
        # so its sum would only repeat what VP301 or another column's VP302 reports.
        summed = [c for c in _numeric_columns(t) if not c.formel]
        for r, _ in all_rows(t.rader):
            for c in summed:
                actual = num(r, c.id)
                expected = _broken_sum(t, r, c.id)
                if expected is not None:
                    yield _mismatch("VP302", f"Delraderna under ”{_label(r)}” summerar till {_fmt(expected)} i "
                                    f"”{c.rubrik}”, men raden anger {_fmt(actual)}{_tol(t)}.", r.cell_pos(c.id),
                                    "Rätta summan eller delraderna. Beror skillnaden på avrundning: ange tolerans.",
                                    expected, actual)


@rule("VP303", "radformel")
def row_formulas(ctx):
    """En summarad eller en rad med formel stämmer inte med raderna den räknas från.

    Varför: totalsummor i publicerade planer räknas ofta om för hand och blir fel.

    Fel:
        - id: total
          namn: Totalt
          formel: summa
          värden:
            belopp: 38991
    Rätt:
        - id: total
          namn: Totalt
          formel: summa
          värden:
            belopp: 38981
    """
    for t in ctx.plan.tables():
        by_id = {r.id: r for r, _ in all_rows(t.rader) if r.id}
        for siblings in _sibling_lists(t.rader):
            for idx, r in enumerate(siblings):
                parsed = parse_formula(r.formel) if r.formel else None
                if not parsed or "VP303" in r.undantag:
                    continue
                if parsed == "summa":
                    terms = [(1, s) for s in siblings[:idx] if not s.formel]
                else:
                    if any(i not in by_id for _, i in parsed):
                        continue  # VP300 reports it
                    terms = [(s, by_id[i]) for s, i in parsed]
                for c in _numeric_columns(t):
                    actual = num(r, c.id)
                    expected = _expected(t, actual, [(sign, x, c.id) for sign, x in terms])
                    if expected is not None:
                        yield _mismatch("VP303", f"”{_label(r)}” ska vara {_fmt(expected)} i ”{c.rubrik}” enligt "
                                        f"formeln {r.formel}, men är {_fmt(actual)}{_tol(t)}.", r.cell_pos(c.id),
                                        "Rätta summan eller raderna den räknas från.", expected, actual)


def _sibling_lists(rows):
    yield list(rows)
    for r in rows:
        if r.rader:
            yield from _sibling_lists(r.rader)
