"""Structure typed as text: a Word file in the Normal style only (a plan pasted into Word, a text file
converted). Its table of contents is lines ending in dot leaders and page numbers, its headings are
paragraphs that begin with a section number ("2.1 Ekonomiska ramar"), with "#" marks, or that repeat a
table of contents entry. Each test looks at one paragraph's plain text, in time linear in its length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vplan.importer import headings as hd
from vplan.importer import inlines

TOC_STYLE = "typed-toc"  # Event.style of the lines of a typed table of contents
_TOC_TITLE = re.compile(r"(?i)^(innehåll|innehållsförteckning|innehållsförteckning och läsanvisning)$")
# "2.1 ", "2.1. " and then a capital: a section number typed before its title (bounded, so linear).
_SECTION = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?=\S)")
_MAX_HEADING = 150
_MAX_PAGE = 999  # a page number; "… 2025" at a line's end is a year


@dataclass(frozen=True)
class Entry:
    number: tuple[int, ...] | None
    key: str  # the title, compared casefolded and without typed number


def _text(ev) -> str | None:
    node = ev.node or {}
    if ev.kind != "block" or node.get("t") not in ("Para", "Plain"):
        return None
    return inlines.plain(node["c"])


def _hashes(text: str) -> tuple[int, str]:
    """"## 1.1 Grunduppdraget" (Markdown pasted into Word): the number of marks and the rest."""
    n = len(text) - len(text.lstrip("#"))
    if not (1 <= n <= 6 and text[n:n + 1] == " "):
        return 0, text
    rest = text[n:].strip()
    if len(rest) > 4 and rest.startswith("**") and rest.endswith("**"):  # "### **Bilaga 1: …**"
        rest = rest[2:-2].strip()
    return n, rest


def _page_tail(text: str) -> tuple[str, bool] | None:
    """A table of contents line split: its title and whether a dot leader stood before the page number;
    None when the line does not end in a page number after a gap or a leader."""
    line = text.rstrip()
    digits = len(line) - len(line.rstrip("0123456789"))
    if not 1 <= digits <= 3 or int(line[len(line) - digits:]) > _MAX_PAGE:
        return None
    head = line[:len(line) - digits]
    if not head.endswith((" ", ".", "…")):
        return None
    head = head.rstrip()
    title = head.rstrip(".…").rstrip()
    if not title or len(title) > _MAX_HEADING:
        return None
    return title, head.endswith(("..", "…"))


def _toc_line(text: str) -> tuple[str, bool] | None:
    """(title, has dot leader) of a typed entry: "4.1 Nämndens plan för hållbar ekonomi..... 11", or
    "Budgetram och investeringsplan 17" (a tab Word showed as a gap)."""
    found = _page_tail(text)
    if found:
        return found
    at = text.rfind("....")  # a leader followed by markup: "1 Inledning .....</b> <b>2</b>"
    title = text[:at].rstrip(". ") if at > 0 else ""
    if title and len(text) - at <= 24 and any(c.isdigit() for c in text[at:]):
        return title, True
    return None


def mark_toc(events) -> list[Entry]:
    """Runs of typed entries marked as the table of contents (with the title line above them); its entries."""
    entries: list[Entry] = []
    i = 0
    while i < len(events):
        run = []
        j = i
        while j < len(events) and _text(events[j]) is not None and (line := _toc_line(_text(events[j]))):
            run.append(line)
            j += 1
        titled = i > 0 and _is_toc_title(events[i - 1])
        if run and (sum(1 for _t, leader in run if leader) >= 2 or titled):
            if titled:
                events[i - 1].kind, events[i - 1].style = "toc", TOC_STYLE
            for k in range(i, j):
                events[k].kind, events[k].style = "toc", TOC_STYLE
            entries += [_entry(title) for title, _leader in run]
        i = j + 1 if j > i else i + 1
    return entries


def _is_toc_title(ev) -> bool:
    text = _text(ev) if ev.kind == "block" else inlines.plain(ev.content) if ev.kind == "heading" else None
    return text is not None and bool(_TOC_TITLE.match(_hashes(text)[1]))


def _entry(title: str) -> Entry:
    number, rest = _number(_hashes(title)[1])
    return Entry(number, _key(rest))


def _number(text: str) -> tuple[tuple[int, ...] | None, str]:
    m = _SECTION.match(text)
    if not m or m.end() >= len(text) or (m.group(1).count(".") == 0 and len(m.group(1)) > 2):
        return None, text
    return tuple(int(p) for p in m.group(1).split(".")), text[m.end():]


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("…", " ").split()).rstrip(" .:")


def _follows(prev: tuple[int, ...], n: tuple[int, ...]) -> bool:
    """1 → 1.1 → 1.2 → 2 → 2.1 → 2.1.1 → 3: the next section number after prev."""
    if len(n) == len(prev) + 1:
        return n[:-1] == prev and n[-1] == 1
    return len(n) <= len(prev) and n[:-1] == prev[:len(n) - 1] and n[-1] == prev[len(n) - 1] + 1


def _heading_like(title: str) -> bool:
    return bool(title) and title[0].isupper() and len(title) <= _MAX_HEADING and len(title.split()) <= 20 \
        and not title.endswith((".", ",", ";"))


def mark_headings(events, entries: list[Entry]) -> int:
    """Typed headings made headings, at the depth of their number (or their "#" marks); goal lines
    ("Mål 1: …") as headings placed by the goal recogniser. The number of headings found."""
    numbered = {e.number: e.key for e in entries if e.number}
    unnumbered: dict[str, list[int]] = {}
    for k, e in enumerate(entries):
        if not e.number:
            unnumbered.setdefault(e.key, []).append(k)
    start = max((i + 1 for i, ev in enumerate(events) if ev.kind == "toc"), default=0)
    prev: tuple[int, ...] = ()
    pointer = 0  # the table of contents entries are met in their order
    found = []
    for i, ev in enumerate(events):
        text = _text(ev)
        if text is None or not text or len(text) > _MAX_HEADING + 20:
            continue
        marks, text = _hashes(text)
        number, title = _number(text)
        if i < start:  # on the cover only "#" marks make a heading (the title); the entries come later
            if marks and _heading_like(text):
                found.append((i, marks, marks))
        elif number and _heading_like(title) and _follows(prev, number) and (
                number not in numbered or _same(numbered[number], _key(title))):
            found.append((i, len(number), marks))
            prev = number
        elif marks and _heading_like(title):
            found.append((i, marks, marks))
        elif not number and _key(text) in unnumbered and _heading_like(text):
            later = [k for k in unnumbered[_key(text)] if k >= pointer]
            if later:
                pointer = later[0] + 1
                found.append((i, 1, 0))
    goals = [i for i, ev in enumerate(events) if i >= start and _goal_line(ev)]
    if len(found) + len(goals) < 2:
        return 0
    for i, level, marks in found:
        _make_heading(events[i], level, marks)
    for i in goals:
        if events[i].kind == "block":
            _make_heading(events[i], 0, 0)
    return len(found) + len(goals)


def _same(toc: str, title: str) -> bool:
    return toc == title or (len(toc) >= 8 and (title.startswith(toc) or toc.startswith(title)))


def _goal_line(ev) -> bool:
    """"Mål 1. Västerbotten har …", "Målområde 2: …", "Mål: …" typed on a line of its own."""
    text = _text(ev)
    if not text or len(text) > 250 or text.endswith((".", ",", ";")):
        return False
    parsed = hd.parse(_hashes(text)[1])
    return parsed.kind is not None and parsed.typed_number is None and (parsed.number is None or len(parsed.number) <= 2)


def _make_heading(ev, level: int, marks: int) -> None:
    ev.kind, ev.level = "heading", level
    content = ev.node["c"]
    if marks:  # the "#" marks are no part of the title
        content = inlines.from_text(_hashes(inlines.plain(content))[1])
    ev.content = content


TABLE_STYLE = "typed-table"  # Event.style of a table made of lines with tabs


def tab_tables(events, tabbed: list[list[str]]) -> list:
    """Consecutive paragraphs with the same number of tab-separated fields (2 or more, on 2 or more lines)
    as one table, so the table recognisers read it; a line that repeats the first one begins a new table."""
    cells = _cells_by_event(events, tabbed)
    out: list = []
    i = 0
    while i < len(events):
        width = len(cells.get(i, ()))
        j = i
        while j < len(events) and width >= 2 and len(cells.get(j, ())) == width and (
                j == i or cells[j] != cells[i]):
            j += 1
        if j - i >= 2:
            from vplan.importer.events import Event

            out.append(Event("table", _table_node([cells[k] for k in range(i, j)]), style=TABLE_STYLE))
            i = j
        else:
            out.append(events[i])
            i += 1
    return out


def _cells_by_event(events, tabbed: list[list[str]]) -> dict[int, list[str]]:
    """event index -> its fields, for paragraphs with a tab, found in Word's paragraphs in order (text
    compared with spaces collapsed; a paragraph not found keeps being a paragraph)."""
    lines = [(" ".join(" ".join(c).split()), c) for c in tabbed if len(c) > 1]
    out: dict[int, list[str]] = {}
    at = 0
    for i, ev in enumerate(events):
        text = _text(ev)
        if not text or at >= len(lines):
            continue
        for k in range(at, min(at + 50, len(lines))):  # lines before a paragraph pandoc dropped are skipped
            if lines[k][0] == text:
                out[i], at = [" ".join(c.split()) for c in lines[k][1]], k + 1
                break
    return out


def _table_node(rows: list[list[str]]) -> dict:
    attr = ["", [], []]
    width = len(rows[0])

    def cell(text: str) -> list:
        return [attr, {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines.from_text(text)}] if text else []]
    body = [[attr, [cell(c) for c in row]] for row in rows]
    return {"t": "Table", "c": [attr, [None, []], [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * width,
                                [attr, []], [[attr, 0, [], body]], [attr, []]]}
