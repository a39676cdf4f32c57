"""Rules on tables: declared arithmetic holds within the table's tolerance."""
from __future__ import annotations

import re
from decimal import Decimal

from vplan.model import Diagnostic, Number, Row, Severity, Table, Text
from vplan.rules import rule
from vplan.model.spans import sibling_lists, span_cells
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


def _expected(t: Table, actual: Decimal | None, cells, spans=frozenset()) -> Decimal | None:
    """The sum of `cells` ((sign, row, column id), ...) when it misses `actual` beyond
    the table's tolerance; None when it agrees or cannot be computed. Missing cells
    count as zero; a text cell (VP304) makes the sum unknowable, and so does a cell
    that spans rows or is covered by a span (`spans`, from span_cells): how a value
    shared by several rows divides between them is not written anywhere."""
    values = [(sign, num(row, col)) for sign, row, col in cells]
    if actual is None or all(v is None for _, v in values) or any(has_text(r, c) for _, r, c in cells):
        return None
    if any((id(r), c) in spans for _, r, c in cells):
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
        row_ids = {r.id for r, _ in t.all_rows if r.id}
        for c in t.kolumner:
            if c.formel:
                yield from _check_formula(c.formel, col_ids - {c.id}, c.at("formel"), "kolumn")
        for r, _ in t.all_rows:
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
        for r, _ in t.all_rows:
            for cid, v in r.varden.items():
                col = cols.get(cid)
                if col is None:
                    yield Diagnostic("VP304", Severity.ERROR, f"Kolumnen ”{cid}” finns inte i tabellen.",
                                     r.cell_pos(cid), f"Kolumnerna är: {', '.join(cols)}." if cols else
                                     "Tabellen har inga kolumner. Lägg till kolumner:, eller ta bort värden:.")
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
            spans = span_cells(t.rader)
            for r, _ in t.all_rows:
                if "VP301" in r.undantag or (id(r), c.id) in spans:
                    continue
                actual = num(r, c.id)
                expected = _expected(t, actual, [(sign, r, i) for sign, i in terms], spans)
                if expected is not None and not _right_after_sum_fixed(t, r, terms, actual, spans):
                    yield _mismatch("VP301", f"”{c.rubrik}” för {_label(r)} ska vara {_fmt(expected)} enligt "
                                    f"formeln {c.formel}, men är {_fmt(actual)}{_tol(t)}.", r.cell_pos(c.id),
                                    "Rätta värdet eller värdena det räknas från.", expected, actual)


def _broken_sum(t: Table, r: Row, col: str, spans=frozenset()) -> Decimal | None:
    """The sub-rows' sum when VP302 reports this cell, else None."""
    if not _sums_subrows(r) or "VP302" in r.undantag:
        return None
    column = t.column(col)
    if column is not None and _mixed_units(t, r, r.rader, column):
        return None  # VP307
    return _expected(t, num(r, col), [(1, ch, col) for ch in r.rader], spans)


def _right_after_sum_fixed(t: Table, r: Row, terms, actual: Decimal, spans=frozenset()) -> bool:
    """One root cause, one diagnostic: a cell the formula would accept once the
    broken sums it is computed from (VP302) are corrected is not blamed."""
    fixed = {i: _broken_sum(t, r, i, spans) for _, i in terms}
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
        spans = span_cells(t.rader)
        for r, _ in t.all_rows:
            for c in summed:
                actual = num(r, c.id)
                expected = _broken_sum(t, r, c.id, spans)
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
        spans = span_cells(t.rader)
        for r, terms in _formula_rows(t):
            if "VP303" in r.undantag:
                continue
            for c in _numeric_columns(t):
                if _mixed_units(t, r, [x for _, x in terms], c):
                    continue  # VP307
                actual = num(r, c.id)
                expected = _expected(t, actual, [(sign, x, c.id) for sign, x in terms], spans)
                if expected is not None:
                    yield _mismatch("VP303", f"”{_label(r)}” ska vara {_fmt(expected)} i ”{c.rubrik}” enligt "
                                    f"formeln {r.formel}, men är {_fmt(actual)}{_tol(t)}.", r.cell_pos(c.id),
                                    "Rätta summan eller raderna den räknas från.", expected, actual)


def _sums_subrows(r: Row) -> bool:
    return bool(r.rader) and r.delsumma is not False and not r.formel


def _formula_rows(t: Table):
    """(row, [(sign, term row), ...]) for every row with a readable formula."""
    by_id = {r.id: r for r, _ in t.all_rows if r.id}
    for siblings in sibling_lists(t.rader):
        for idx, r in enumerate(siblings):
            parsed = parse_formula(r.formel) if r.formel else None
            if not parsed:
                continue
            if parsed == "summa":
                yield r, [(1, s) for s in siblings[:idx] if not s.formel]
            elif all(i in by_id for _, i in parsed):  # else VP300 reports it
                yield r, [(s, by_id[i]) for s, i in parsed]


def _units(t: Table, row: Row, terms, c) -> list[str]:
    """The distinct units of a sum row's cell and its terms' cells in column c, in order.
    A sum row without a unit takes its terms' unit, so only a unit it gives counts."""
    seen = [t.unit(row, c)] if t.unit(row, c) else []
    for x in terms:
        u = t.unit(x, c) or ""
        if u not in seen:
            seen.append(u)
    return seen


def _mixed_units(t: Table, row: Row, terms, c) -> bool:
    return len(_units(t, row, terms, c)) > 1


def _unit_names(units) -> str:
    return ", ".join(f"”{u}”" if u else "ingen enhet" for u in units)


@rule("VP307", "blandade-enheter")
def mixed_units(ctx):
    """En summa räknas ur rader med olika enheter.

    Varför: antal invånare, procent och kronor per invånare går inte att lägga
    ihop. Rader med egen enhet (enhet på raden) kan stå i samma tabell, men en
    summarad eller en rad med delrader får bara räknas ur rader med samma enhet.
    vplan kontrollerar inte en sådan summa. Skriv delsumma: false om delraderna
    inte ska summera till raden.

    Fel:
        - namn: Invånare
          enhet: st
          värden:
            b2025: 245000
          rader:
            - namn: varav andel äldre
              enhet: "%"
              värden:
                b2025: 23.4
    Rätt:
        - namn: Invånare
          enhet: st
          delsumma: false
          värden:
            b2025: 245000
          rader:
            - namn: varav andel äldre
              enhet: "%"
              värden:
                b2025: 23.4
    """
    for t in ctx.plan.tables():
        sums = [(r, list(r.rader), "delraderna", "Summera bara rader med samma enhet, eller skriv "
                 "delsumma: false om delraderna inte ska summera till raden.")
                for r, _ in t.all_rows if _sums_subrows(r)]
        sums += [(r, [x for _, x in terms], f"formeln {r.formel}",
                  "Räkna bara ur rader med samma enhet, eller ta bort formeln om raden inte är en summa.")
                 for r, terms in _formula_rows(t)]
        for r, terms, what, hint in sums:
            if "VP307" in r.undantag:
                continue
            for c in _numeric_columns(t):
                units = _units(t, r, terms, c)
                if len(units) > 1:
                    yield Diagnostic("VP307", Severity.ERROR,
                                     f"”{_label(r)}” räknas ur {what}, men raderna har olika enheter: "
                                     f"{_unit_names(units)}.", r.at("namn"), hint)
                    break  # one message per sum row, not one per column


@rule("VP305", "radspann-tabell")
def table_spans(ctx):
    """Ett tabellvärde med radspann går utanför tabellen, över delrader, eller anges igen.

    Varför: ett värde som gäller flera rader skrivs en gång, på den första raden.
    Raderna under på samma nivå ska då inte ange värdet i den kolumnen. Värdet kan
    inte gälla över en rad som har delrader, eftersom delraderna står emellan.
    Ett värde med radspann räknas inte i summor och formler.

    Fel:
        - namn: Flickor
          värden:
            mal: {värde: 75, radspann: 2}
        - namn: Pojkar
          värden:
            mal: 75
    Rätt:
        - namn: Flickor
          värden:
            mal: {värde: 75, radspann: 2}
        - namn: Pojkar
    """
    for t in ctx.plan.tables():
        for siblings in sibling_lists(t.rader):
            yield from _span_problems(siblings)


def _span_problems(siblings):
    for i, r in enumerate(siblings):
        for col, span in r.rowspans.items():
            left = len(siblings) - i
            if span > left:
                yield Diagnostic("VP305", Severity.ERROR,
                                 f"Värdet i kolumnen ”{col}” på raden ”{_label(r)}” ska gälla {span} rader, "
                                 f"men det finns bara {left} på samma nivå från och med den.",
                                 r.cell_pos(col), f"Ändra radspann till högst {left}.")
            for j in range(i + 1, i + min(span, left)):
                other = siblings[j]
                if col in other.varden:
                    yield Diagnostic("VP305", Severity.ERROR,
                                     f"Raden ”{_label(other)}” anger ett värde i kolumnen ”{col}”, men värdet "
                                     f"på raden ”{_label(r)}” (rad {r.cell_pos(col).line}) gäller redan här "
                                     f"genom radspann.", other.cell_pos(col),
                                     "Ta bort värdet här, eller minska radspann på raden ovanför.")
            for j in range(i, i + min(span, left) - 1):
                if siblings[j].rader:
                    yield Diagnostic("VP305", Severity.ERROR,
                                     f"Värdet i kolumnen ”{col}” på raden ”{_label(r)}” kan inte gälla över "
                                     f"raden ”{_label(siblings[j])}”, som har delrader.", r.cell_pos(col),
                                     "Minska radspann, eller skriv värdet på varje rad.")
                    break


@rule("VP306", "statuskod")
def status_codes(ctx):
    """En statuscell har en kod som inte finns i tabellens skala, eller skala saknas.

    Varför: en status visas med text och färg ur skalan. En kod som inte finns i
    skalan kan inte visas, och en färg utan text går inte att läsa för alla.

    Fel:
        skala:
          - kod: 4
            text: Full effekt uppnådd
            färg: grön
        ...
          värden:
            status: 5
    Rätt:
          värden:
            status: 4
    """
    for t in ctx.plan.tables():
        status = [c for c in t.kolumner if c.typ == "status"]
        codes = [s.kod for s in t.skala]
        for s in t.skala:
            if codes.count(s.kod) > 1 and codes.index(s.kod) != t.skala.index(s):
                yield Diagnostic("VP306", Severity.ERROR, f"Koden {s.kod} står två gånger i skalan.", s.pos,
                                 "Ge varje steg i skalan en egen kod.")
        if status and not t.skala:
            yield Diagnostic("VP306", Severity.ERROR,
                             f"Kolumnen ”{status[0].rubrik}” är en statuskolumn, men tabellen har ingen skala.",
                             status[0].at("typ"),
                             "Lägg till skala: med kod, text och färg för varje kod, eller ge kolumnen typ: text.")
            continue
        for c in status:
            for r, _ in t.all_rows:
                v = r.varden.get(c.id)
                if v is not None and t.step(v) is None:
                    shown = v.text if isinstance(v, Text) else (_fmt(v.value) if isinstance(v, Number) else "en lista")
                    yield Diagnostic("VP306", Severity.ERROR,
                                     f"Koden ”{shown}” i kolumnen ”{c.rubrik}” finns inte i tabellens skala.",
                                     r.cell_pos(c.id), f"Skalans koder är: {', '.join(dict.fromkeys(codes))}.")


@rule("VP308", "kolumngrupp-delad", Severity.WARNING)
def split_column_groups(ctx):
    """Kolumner med samma grupp står inte bredvid varandra.

    Varför: kolumner med samma grupp får en gemensam rubrik ovanför sig, men bara
    om de står i följd. Står en annan kolumn emellan visas gruppens rubrik två
    gånger, och det är oftast ett misstag i kolumnernas ordning.

    Fel:
        kolumner:
          - id: gt25
            rubrik: GT
            grupp: "2025"
          - id: gt26
            rubrik: GT
            grupp: "2026"
          - id: ee25
            rubrik: EE
            grupp: "2025"
    Rätt:
        kolumner:
          - id: gt25
            rubrik: GT
            grupp: "2025"
          - id: ee25
            rubrik: EE
            grupp: "2025"
          - id: gt26
            rubrik: GT
            grupp: "2026"
    """
    for t in ctx.plan.tables():
        last: dict[str, object] = {}  # grupp -> the last column seen with it
        prev = None
        for c in t.kolumner:
            if c.grupp is not None and c.grupp != prev and c.grupp in last:
                yield Diagnostic("VP308", Severity.WARNING,
                                 f"Kolumnen ”{c.rubrik}” har gruppen ”{c.grupp}”, men står inte bredvid de andra "
                                 f"kolumnerna i gruppen (senast ”{last[c.grupp].rubrik}”).", c.at("grupp"),
                                 "Flytta kolumnen till de andra i gruppen, eller ge den en egen grupp.")
            if c.grupp is not None:
                last[c.grupp] = c
            prev = c.grupp
