"""The opening chapter of a marked-up version: which version it is compared
with, the legend, and the list of changes from vplan.diff.

The sentences of the list are `vplan diff`'s own (vplan.diff.compare); here
they are grouped by place and given the same marks as the body where they
quote old and new words. Everything enters the tree as text nodes.
"""
from __future__ import annotations

import re

from vplan.diff.changes import CHANGED, FileDiff, summary as count_line
from vplan.diff.compare import META, diff_plans
from vplan.render import redline_marks as marks
from vplan.render.tree import nodes as n

TITLE = "Ändringar i den här versionen"
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2}|~~)(?=\S)(.+?)(?<=\S)\1")


def intro(old, new, *, version: str, visible_labels: bool, added: str, removed: str, anchor: str) -> list[dict]:
    """The chapter's blocks: a heading without number, what this is, the legend, the summary."""
    if old is None:
        compared = n.text(f"Planen fanns inte i versionen {version}, så all text är ny och markerad som tillagd.")
    else:
        status = f", då planen hade status {old.meta.status}" if old.meta.status else ""
        compared = n.text(f"Den visar vad som har ändrats jämfört med versionen {version}{status}.")
    about = n.joined([n.text("Det här är en ändringsmarkerad version av planen."), compared,
                      n.text("Den ändringsmarkerade versionen är ett underlag. Det är den ordinarie versionen av "
                             "planen som gäller.")], [n.space()])
    cue = (f"Framför varje ändring står ordet ”{added}” eller ”{removed}” i liten stil." if visible_labels else
           f"En skärmläsare läser upp ”{added}” eller ”{removed}” före varje ändring.")
    legend = n.joined([
        n.strong(n.text("Teckenförklaring:")),
        n.text(f"understruken text är tillagd, genomstruken text är borttagen. {cue} Är en hel rad, tabell eller "
               "punkt ny eller borttagen står ordet en gång, först. Exempel:"),
        marks.change(n.text("borttagen text"), n.text("tillagd text")),
    ], [n.space()])
    out = [n.header(1, anchor, n.text(TITLE), ["unnumbered"]), n.para(about), n.para(legend)]
    return out + summary(old, new)


def summary(old, new) -> list[dict]:
    """"Sammanfattning: 2 målvärden ändrade, …", then every change under the place it concerns."""
    if old is None:
        return []
    changes = diff_plans(old, new)
    lead = n.strong(n.text("Sammanfattning:")) + [n.space()]
    if not changes:
        return [n.para(lead + n.text("inga ändringar i sak."))]
    groups: dict[tuple, list] = {}
    for change in changes:
        groups.setdefault(change.where, []).append([n.plain(line(change))])
    out = [n.para(lead + n.text(count_line(FileDiff(new.path, CHANGED, tuple(changes))) + "."))]
    for where, lines in groups.items():
        out += [n.para(place(where)), n.bullet_list(lines)]
    return out


def place(where: tuple[str, ...]) -> list[dict]:
    """The section's headings, in italics: not as links, which would look like underlined insertions."""
    return n.emph(n.text(" › ".join(plain(w) for w in where) if where else "Början av planen"))


def line(change) -> list[dict]:
    if change.kind == "meta.changed" and change.where == (META,):
        old, new = (n.text(v) if v is not None else [] for v in (change.old, change.new))
        return n.text(f"{change.subject.get('fält', '')}:") + [n.space()] + marks.change(old, new)
    parts = [n.text(change.text)]
    for op, quoted in change.words or ():
        shown = n.text(plain(quoted)) if op != "…" else n.text("…")
        parts.append(marks.delete(shown) if op == "-" else marks.ins(shown) if op == "+" else shown)
    return n.joined(parts, [n.space()])


def plain(markdown: str) -> str:
    """Quoted text as the reader sees it: no footnote marks, link targets or emphasis signs."""
    text = _FOOTNOTE.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    for _ in range(3):
        text = _EMPHASIS.sub(r"\2", text)
    return text
