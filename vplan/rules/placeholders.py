"""Fill-in rules (VP500–VP519): what `vplan new` and `vplan rollover` left for a person to write.

They are warnings, so a new plan checks; `vplan check --strict` makes them errors,
so a plan with something left to fill in cannot be released by mistake.
"""
from vplan.cycle.placeholder import PREFIX, found, is_placeholder
from vplan.model import (AppendixBlock, AssignmentBlock, Diagnostic, IndicatorBlock, IntentionBlock, Pos, RiskBlock,
                         Severity, Table)
from vplan.rules import rule

_HINT = "Skriv det som efterfrågas i stället för hela [fyll i: …], hakparenteserna också."


@rule("VP500", "platshallare", Severity.WARNING)
def placeholders(ctx):
    """Planen har en platshållare kvar att fylla i.

    Varför: `vplan new` och `vplan rollover` skriver [fyll i: …] där en person
    ska skriva texten. Planen går att kontrollera och bygga som utkast, men den
    ska inte beslutas förrän allt är ifyllt. Med `vplan check --strict` blir
    varningen ett fel.

    Fel:
        ## Målområde: [fyll i: målområdets namn, som i regionplanen]
    Rätt:
        ## Målområde: Ett attraktivt Västernorrland med hållbar utveckling
    """
    for text, pos in _fields(ctx.plan):
        for offset, what in found(text):
            yield _warning(what, _at(text, offset, pos))
    yield from _prose(ctx.plan)


@rule("VP501", "utfall-att-fylla-i", Severity.WARNING)
def outcome_to_fill(ctx):
    """Ett utfall väntar på sin siffra.

    Varför: när `vplan rollover` gör nästa års plan blir förra årets målår ett
    utfallsår. Siffran finns först när året är slut, så vplan skriver en
    platshållare som ska bytas mot utfallet.

    Fel:
        utfall:
          2025: "[fyll i: utfall 2025]"
    Rätt:
        utfall:
          2025: 81
    """
    yield from _values(ctx.plan, "utfall", "VP501", "Utfallet")


@rule("VP502", "malvarde-att-fylla-i", Severity.WARNING)
def target_to_fill(ctx):
    """Ett målvärde för ett planår är inte ifyllt.

    Varför: en ny plan och nästa års plan får nya målår. Nämnden bestämmer
    målvärdet; vplan skriver en platshållare där det ska stå.

    Fel:
        mål:
          2028: "[fyll i: målvärde 2028]"
    Rätt:
        mål:
          2028: 85
    """
    yield from _values(ctx.plan, "mal", "VP502", "Målvärdet")


@rule("VP503", "arskolumn-tom", Severity.WARNING)
def empty_year_column(ctx):
    """En tabellkolumn för ett år, eller en kolumn som ingår i en formel, har inga värden än.

    Varför: när `vplan rollover` flyttar tabellerna ett år framåt får det nya
    sista året en tom kolumn, och kolumner som hörde till förra årets beräkning
    (förändringar, index, en kolumn som räknas fram ur dem) töms. En ny plan har
    en tom budgettabell. Kolumnen visas tom i dokumenten tills beloppen är ifyllda.

    Fel:
        kolumner:
          - id: p2028
            rubrik: Plan 2028
            år: 2028
        rader:
          - namn: Regionstyrelsen
            värden:
              b2026: 2391
    Rätt:
        rader:
          - namn: Regionstyrelsen
            värden:
              b2026: 2391
              p2028: 2480
    """
    for t in ctx.plan.tables():
        rows = [r for r, _ in t.all_rows]
        inputs = {term for c in t.kolumner if c.formel for term in c.formel.split()}
        for c in t.kolumner:
            # A column for a year, computed or computed from: an empty one is waiting for its figures.
            if c.typ != "tal" or not (c.ar or c.formel or c.id in inputs) or any(c.id in r.varden for r in rows):
                continue
            how = f" Kolumnen räknas fram med formeln {c.formel}." if c.formel else ""
            yield Diagnostic("VP503", Severity.WARNING, f"Kolumnen ”{c.rubrik}” har inga värden än.", c.pos,
                             f"Fyll i värdena under värden: med nyckeln {c.id} på varje rad.{how}")


@rule("VP504", "uppdrag-tid-passerad", Severity.WARNING)
def deadline_passed(ctx):
    """Ett uppdrag skulle vara klart före planens budgetår men är inte markerat som genomfört.

    Varför: när en plan förs över till nästa år följer uppdragen med. Ett uppdrag
    vars sista år har passerat ska antingen tas bort, få status genomförd eller
    få ett nytt år.

    Fel:
        budgetår: 2026
        ...
          - text: Ta fram en strategi för lokalförsörjning.
            senast: 2025
    Rätt:
          - text: Ta fram en strategi för lokalförsörjning.
            senast: 2026
    """
    budget = ctx.plan.meta.budgetar
    for a in ctx.plan.assignments():
        year = a.senast if isinstance(a.senast, int) else _year(a.senast)
        if year is not None and year < budget and a.status != "genomförd":
            yield Diagnostic("VP504", Severity.WARNING,
                             f"Uppdraget skulle vara klart senast {a.senast}, före budgetåret {budget}.",
                             a.at("senast"), "Ta bort uppdraget, ge det status: genomförd, eller skriv ett nytt år "
                             "under senast.")


def _year(value) -> int | None:
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def _warning(what: str, pos: Pos) -> Diagnostic:
    shown = what if len(what) <= 80 else what[:77] + "…"
    return Diagnostic("VP500", Severity.WARNING, f"Platshållare kvar att fylla i: {shown}.", pos, _HINT)


def _values(plan, attr: str, code: str, label: str):
    for ind in plan.indicators():
        for yv in getattr(ind, attr):
            if is_placeholder(yv.value):
                yield Diagnostic(code, Severity.WARNING, f"{label} för {yv.year} är inte ifyllt (indikator {ind.id}).",
                                 yv.value_pos or yv.pos, "Skriv värdet i stället för platshållaren.")


def _at(text: str, offset: int, pos: Pos) -> Pos:
    """The position of `offset` in a text that starts at `pos`."""
    before = text[:offset]
    if "\n" in before:
        return Pos(pos.file, pos.line + before.count("\n"), offset - before.rfind("\n"))
    return Pos(pos.file, pos.line, pos.column + offset)


def _hit(text) -> bool:
    """Could the text hold a placeholder? Positions are only worked out for those that could."""
    return isinstance(text, str) and PREFIX in text


def _fields(plan):
    """(text, pos) of each typed text of the front matter, the headings and the blocks that
    could hold a placeholder."""
    m = plan.meta
    for key, value in (("region", m.region), ("nämnd", m.namnd), ("titel", m.titel),
                       ("diarienummer", m.diarienummer), ("förvaltning", m.forvaltning)):
        if _hit(value):
            yield value, m.at(key)
    if m.beslut is not None:
        yield from ((getattr(m.beslut, k), m.beslut.at(k)) for k in ("organ", "paragraf") if _hit(getattr(m.beslut, k)))
    if m.upprattad_av is not None:
        yield from ((t, m.upprattad_av.pos) for t in (m.upprattad_av.namn, m.upprattad_av.titel) if _hit(t))
    for s in plan.sections():
        if _hit(s.heading):
            yield s.heading, Pos(s.pos.file, s.pos.line, s.level + 2)
    for b in plan.blocks():
        yield from _block_texts(b)


def _block_texts(b):
    if _hit(getattr(b, "rubrik", None)):
        yield b.rubrik, b.pos
    if isinstance(b, IndicatorBlock):
        yield from _named(b.indikatorer, _INDICATOR)
    elif isinstance(b, AssignmentBlock):
        if _hit(b.inledning):
            yield b.inledning, b.pos
        yield from _named(b.uppdrag, _ASSIGNMENT)
    elif isinstance(b, IntentionBlock):
        if _hit(b.inledning):
            yield b.inledning, b.at("inledning")
        yield from _named(b.avsikter, (("text", "text"),))
    elif isinstance(b, Table):
        yield from _table_texts(b)
    elif isinstance(b, RiskBlock):
        yield from _named(b.risker, (("titel", "titel"), ("beskrivning", "beskrivning")))
    elif isinstance(b, AppendixBlock):
        yield from _named(b.bilagor, (("titel", "titel"), ("beskrivning", "beskrivning")))
        yield from ((t, a.at("innehåll")) for a in b.bilagor for t in a.innehall if _hit(t))


def _named(items, fields):
    """(text, pos) of the named text fields (attribute, key in the YAML) of each item that could hold one."""
    for item in items:
        for attr, key in fields:
            text = getattr(item, attr)
            if _hit(text):
                yield text, item.at(key)


_INDICATOR = (("namn", "namn"), ("enhet", "enhet"), ("kalla", "källa"), ("kommentar", "kommentar"),
              ("beslutad_av", "beslutad_av"))
_ASSIGNMENT = (("text", "text"), ("beslutad_av", "beslutad_av"), ("periodicitet", "periodicitet"),
               ("riktas_till", "riktas_till"))


def _table_texts(t: Table):
    from vplan.model import Text

    yield from ((text, t.pos) for text in (t.radrubrik, t.enhet) if _hit(text))
    yield from _named(t.kolumner, (("rubrik", "rubrik"), ("grupp", "grupp")))
    for r, _ in t.all_rows:
        if _hit(r.namn):
            yield r.namn, r.at("namn")
        for cid, v in r.varden.items():
            if isinstance(v, Text):
                if _hit(v.text):
                    yield v.text, r.cell_pos(cid)
            elif isinstance(v, tuple):
                yield from ((line, r.cell_pos(cid)) for line in v if _hit(line))


def _prose(plan):
    """Placeholders in prose and footnotes, found in the text of pandoc's tree of each run."""
    from vplan.read.prose import limit_problems, parse

    # Only a run with the placeholder's first word is parsed: the check stays as fast as before.
    texts = [(t, pos) for t, pos in plan.prose_runs if PREFIX.split()[0] in t and not limit_problems(t)]
    if not texts:
        return
    for (text, pos), tree in zip(texts, parse([t for t, _ in texts])):
        starts = _raw_starts(text)
        for n, what in enumerate(w for line in _inline_texts(tree) for _, w in found(line)):
            offset = starts[n] if n < len(starts) else 0
            yield _warning(what, _at(text, offset, pos))


def _raw_starts(text: str) -> list[int]:
    """Offsets of "[fyll" in the source text: where to point for the n-th placeholder of the tree."""
    out, at = [], text.find("[fyll")
    while at >= 0:
        out.append(at)
        at = text.find("[fyll", at + 1)
    return out


def _inline_texts(blocks):
    """The text of each paragraph, heading or table cell of a pandoc tree, inline nodes joined."""
    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind in ("Para", "Plain"):
            yield from _flatten(content)
        elif kind == "Header":
            yield from _flatten(content[2])
        elif kind in ("BulletList",):
            for item in content:
                yield from _inline_texts(item)
        elif kind == "OrderedList":
            for item in content[1]:
                yield from _inline_texts(item)
        elif kind == "BlockQuote":
            yield from _inline_texts(content)
        elif kind == "Div":
            yield from _inline_texts(content[1])


def _flatten(inlines):
    """One text for a run of inlines, plus the texts of any footnotes inside it."""
    parts, notes = [], []
    for node in inlines:
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            inner = list(_flatten(content))
            parts.append(inner[0] if inner else "")
            notes.extend(inner[1:])
        elif kind == "Span":
            inner = list(_flatten(content[1]))
            parts.append(inner[0] if inner else "")
            notes.extend(inner[1:])
        elif kind == "Note":
            notes.extend(_inline_texts(content))
        else:
            parts.append("\0")  # code, links, HTML: a placeholder does not run through them
    yield "".join(parts)
    yield from notes
