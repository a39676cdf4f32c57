"""Plan (model) -> pandoc's document tree: the one tree every writer gets.

Headings, names, cells and front matter enter as Str nodes (vplan.read.inline
gives the few marks they may hold); prose enters as the tree pandoc's
CommonMark reader made of it, after vplan.render.tree.safety has walked it.
Nothing here writes or reads Markdown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from vplan import typography
from vplan.model import AppendixBlock, AssignmentBlock, BadBlock, Plan, Prose, RiskBlock, Section
from vplan.read import inline, prose
from vplan.render.tree import nodes as n
from vplan.render.tree.notes import Notes
from vplan.render.tree.safety import Inspector
from vplan.render.tree.tables import TableBuilder

GOAL_KINDS = ("målområde", "mål", "delmål")
DRAFT_TITLE = "UTKAST – innehåller fel"
DRAFT_TEXT = ("Planen har fel som vplan check visar. Dokumentet är inte färdigt och får inte "
              "användas som beslutsunderlag.")


def slug(text: str, taken: set[str], prefix: str = "") -> str:
    from vplan.render.markdown import slug as _slug

    return _slug(text, taken, prefix)


def heading_ids(plan: Plan) -> list[str]:
    """Every heading's id, in document order: the targets a #link may name."""
    taken: set[str] = set()
    return [slug(s.heading, taken) for s in plan.sections()]


def prose_texts(plan: Plan) -> list[tuple[str, object]]:
    """(markdown, pos) of every prose run and footnote body, in document order."""
    out = [(item.markdown, item.pos) for item in _walk_items(plan) if isinstance(item, Prose)]
    out += [(f.markdown, f.pos) for f in plan.footnotes]
    return out


def _walk_items(plan: Plan):
    def items(seq):
        for item in seq:
            yield item
            if isinstance(item, Section):
                yield from items(item.items)

    yield from items(plan.preamble)
    yield from items(plan.chapters)


class TreeBuilder:
    """Builds the body of one plan. `style` is its HouseStyle, `words` its labels."""

    def __init__(self, plan: Plan, *, words: Mapping[str, str], style, root: Path, base_dir: Path,
                 draft: bool = False):
        self.plan, self.words, self.style, self.draft = plan, words, style, draft
        self.ids: set[str] = set()
        self.inspector = Inspector(root, base_dir, frozenset(heading_ids(plan)))
        texts = prose_texts(plan)
        trees = prose.parse([t for t, _ in texts])
        self.prose = {(t, pos): self.inspector.inspect(tree, t, pos) for (t, pos), tree in zip(texts, trees)}
        bodies = {f.id: self.prose[(f.markdown, f.pos)] for f in plan.footnotes}
        self.notes = Notes(bodies)
        self.tables = TableBuilder(self)

    @property
    def diagnostics(self):
        return self.inspector.diagnostics

    @property
    def images(self) -> list[Path]:
        return self.inspector.images

    def blocks(self) -> list[dict]:
        out: list[dict] = []
        for item in self.plan.preamble:
            out += self.item(item)
        for chapter in self.plan.chapters:
            out += self.item(chapter)
        if self.draft:
            stamp = self.draft_stamp()
            first_heading = next((i for i, b in enumerate(out) if b["t"] == "Header"), None)
            at = 0 if first_heading != 0 else 1
            out[at:at] = [stamp]
        return self.notes.resolve(out)

    def draft_stamp(self) -> dict:
        return n.div([n.para(n.strong(n.text(DRAFT_TITLE))), n.para(n.text(DRAFT_TEXT))], ["utkast"])

    # --- items ------------------------------------------------------------------

    def item(self, item) -> list[dict]:
        if isinstance(item, Section):
            out = [self.heading(item)]
            for child in item.items:
                out += self.item(child)
            return out
        if isinstance(item, Prose):
            return [dict(b) for b in self.prose[(item.markdown, item.pos)]]
        kind = getattr(item, "kind", None)
        build = {
            "indikatorer": self.tables.indicators, "tabell": self.tables.table,
            "uppdrag": self.assignments, "risker": self.risks, "bilagor": self.appendices,
            "avsikter": self.intentions,
        }.get(kind) if not isinstance(item, BadBlock) else None
        if build is None:  # a block with errors, only seen in drafts
            label = self.words["block_med_fel"].replace("{typ}", str(kind or "?"))
            return [n.para(n.emph(n.text(label)))]
        return build(item)

    def heading(self, s: Section) -> dict:
        anchor = slug(s.heading, self.ids)
        title = inline.parse(s.title)
        if s.kind in GOAL_KINDS:
            pattern = self.style.goal_heading_numbered if s.number else self.style.goal_heading
            label = pattern.replace("{ord}", self.words.get(s.kind, s.kind.capitalize()))
            label = label.replace("{nummer}", s.number or "")
            lead = n.text(label)
            title = lead + ([n.space()] if label.endswith((" ", "\u00a0")) else []) + title
        return n.header(s.level, anchor, title, [s.kind])

    def rich(self, text: str | None) -> list[dict]:
        """A short text of the plan (a name, a cell, an assignment) as inline nodes."""
        return inline.parse(text) if text else []

    def long_text(self, text: str | None) -> list[dict]:
        """A longer text that may hold paragraphs (blank lines between them)."""
        if not text:
            return []
        paragraphs = [p for p in str(text).replace("\r\n", "\n").split("\n\n") if p.strip()]
        return [n.para(self.rich(p)) for p in paragraphs]

    def lead(self, rubrik: str | None, inledning: str | None) -> list[dict]:
        out = []
        if rubrik:
            out.append(n.para(n.strong(self.rich(rubrik))))
        if inledning:
            out += self.long_text(inledning)
        return out

    # --- assignments, risks, appendices, intentions -------------------------------

    def assignments(self, block: AssignmentBlock) -> list[dict]:
        w = self.words
        items = []
        for a in block.uppdrag:
            details = []
            for key, value in (("beslutad_av", a.beslutad_av), ("riktas_till", a.riktas_till),
                               ("status", a.status), ("periodicitet", a.periodicitet)):
                if value:
                    details.append(n.text(f"{w[key]}:") + [n.space()] + self.rich(value))
            if a.senast is not None:
                details.append(n.text(f"{w['senast']}: {typography.deadline(a.senast)}"))
            content = self.rich(a.text)
            if details:
                content += [n.line_break()] + n.emph(n.joined(details, [n.space(), *n.text("·"), n.space()]))
            items.append([n.plain(content)])
        return self.lead(block.rubrik, block.inledning) + ([n.bullet_list(items)] if items else [])

    def risks(self, block: RiskBlock) -> list[dict]:
        out = self.lead(block.rubrik, None)
        pending: list = []  # consecutive risks with both title and text form one list

        def flush():
            if pending:
                out.append(n.definition_list(list(pending)))
                pending.clear()

        for r in block.risker:
            title, text = (r.titel or "").strip(), (r.beskrivning or "").strip()
            if title and text:
                pending.append((self.rich(title), [self.long_text(text)]))
                continue
            flush()
            out += [n.para(self.rich(title))] if title else self.long_text(text)
        flush()
        return out

    def appendices(self, block: AppendixBlock) -> list[dict]:
        w = self.words
        entries = []
        for a in block.bilagor:
            term = n.text(f"{w['bilaga']} {a.nummer}:") + [n.space()] + self.rich(a.titel)
            body = self.long_text(a.beskrivning)
            if a.innehall:
                body.append(n.para(n.text(f"{w['innehall']}:")))
                body.append(n.bullet_list([[n.plain(self.rich(i))] for i in a.innehall]))
            notes = []
            if a.separat:
                notes.append(w["separat"])
            if a.i_beslutsunderlaget is False:
                notes.append(w["ej_beslutsunderlag"])
            if notes:
                body.append(n.para(n.text(" ".join(notes))))
            entries.append((term, [body or [n.para([])]]))
        return self.lead(block.rubrik, None) + ([n.definition_list(entries)] if entries else [])

    def intentions(self, block) -> list[dict]:
        items = [[n.plain(self.rich(getattr(i, "text", i)))] for i in getattr(block, "avsikter", ())]
        return self.lead(block.rubrik, getattr(block, "inledning", None)) + (
            [n.bullet_list(items)] if items else [])


def document_tree(plan: Plan, *, words: Mapping[str, str], style, root: Path, base_dir: Path,
                  draft: bool = False) -> tuple[dict, TreeBuilder]:
    """The whole document tree (body and cover facts) and the builder that made it."""
    builder = TreeBuilder(plan, words=words, style=style, root=root, base_dir=base_dir, draft=draft)
    body = builder.blocks()
    return n.document(body, {}), builder


def words_with_defaults(words: Mapping[str, str]) -> dict[str, str]:
    from vplan.render.context import WORDS

    defaults = {"målområde": "Målområde", "mål": "Mål", "delmål": "Delmål", "bilaga": "Bilaga",
                "innehall": "Innehåll", "separat": "Separat dokument.",
                "ej_beslutsunderlag": "Ingår inte i beslutsunderlaget."}
    return {**defaults, **WORDS, **dict(words)}


def all_inlines(blocks: Iterable[dict]):
    """Every node in a list of blocks, depth first (for tests and checks)."""
    stack = list(blocks)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            c = node.get("c")
            if isinstance(c, list):
                stack.extend(c)
        elif isinstance(node, list):
            stack.extend(node)
