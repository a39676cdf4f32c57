"""Plan (model) -> pandoc's document tree: the one tree every writer gets.

Headings, names, cells and front matter enter as Str nodes (vplan.read.inline
gives the few marks they may hold); prose enters as the tree pandoc's
CommonMark reader made of it, after vplan.render.tree.safety has walked it.
Nothing here writes or reads Markdown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from vplan import typography
from vplan.model import AppendixBlock, AssignmentBlock, BadBlock, IntentionBlock, Plan, Prose, RiskBlock, Section
from vplan.read import inline, prose
from vplan.render.tree import nodes as n
from vplan.render.tree.notes import Notes
from vplan.render.tree.safety import Inspector
from vplan.render.tree.tables import TableBuilder
from vplan.render.tree.words import slug

GOAL_KINDS = ("målområde", "mål", "delmål")
DRAFT_TITLE = "UTKAST – innehåller fel"
DRAFT_TEXT = ("Planen har fel som vplan check visar. Dokumentet är inte färdigt och får inte "
              "användas som beslutsunderlag.")


def heading_ids(plan: Plan) -> list[str]:
    """Every heading's id, in document order: the targets a #link may name."""
    taken: set[str] = set()
    return [slug(s.heading, taken) for s in plan.sections()]


class TreeBuilder:
    """Builds the body of one plan. `style` is its HouseStyle, `words` its labels."""

    def __init__(self, plan: Plan, *, words: Mapping[str, str], style, root: Path, base_dir: Path,
                 draft: bool = False):
        self.plan, self.words, self.style, self.draft = plan, words, style, draft
        self.ids: set[str] = set()
        self.inspector, self.prose = parsed_prose(plan, root, base_dir)
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
        out = self.body()
        if self.draft:
            stamp = self.draft_stamp()
            first_heading = next((i for i, b in enumerate(out) if b["t"] == "Header"), None)
            at = 0 if first_heading != 0 else 1
            out[at:at] = [stamp]
        return self.notes.resolve(out)

    def body(self) -> list[dict]:
        out: list[dict] = []
        for item in self.plan.preamble:
            out += self.item(item)
        for chapter in self.plan.chapters:
            out += self.item(chapter)
        return out

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

    def heading(self, s: Section, title: list[dict] | None = None) -> dict:
        """The section's heading; `title` replaces its own title (the marked-up version's)."""
        anchor = slug(s.heading, self.ids)
        return n.header(s.level, anchor, self.goal_label(s) + (inline.parse(s.title) if title is None else title),
                        [s.kind])

    def goal_label(self, s: Section) -> list[dict]:
        """"Mål 1: " before a goal's title, as the house style writes it; nothing for other sections."""
        if s.kind not in GOAL_KINDS:
            return []
        pattern = self.style.goal_heading_numbered if s.number else self.style.goal_heading
        label = pattern.replace("{ord}", self.words.get(s.kind, s.kind.capitalize()))
        label = label.replace("{nummer}", s.number or "")
        return n.text(label) + ([n.space()] if label.endswith((" ", "\u00a0")) else [])

    def rich(self, text: str | None) -> list[dict]:
        """A short text of the plan (a name, a cell, an assignment) as inline nodes."""
        return inline.parse(text) if text else []

    def long_text(self, text: str | None) -> list[dict]:
        """A longer text that may hold paragraphs (blank lines between them)."""
        return [n.para(p) for p in self.paragraphs(text)]

    def paragraphs(self, text: str | None) -> list[list[dict]]:
        """A longer text's paragraphs, each as inline nodes."""
        if not text:
            return []
        return [self.rich(p) for p in str(text).replace("\r\n", "\n").split("\n\n") if p.strip()]

    def lead(self, rubrik: str | None, inledning: str | None) -> list[dict]:
        out = []
        if rubrik:
            out.append(n.para(n.strong(self.rich(rubrik))))
        if inledning:
            out += self.long_text(inledning)
        return out

    # --- assignments, risks, appendices, intentions -------------------------------

    def assignments(self, block: AssignmentBlock) -> list[dict]:
        items = [self.assignment_item(self.rich(a.text), [self.labelled(*d) for d in self.assignment_details(a).values()])
                 for a in block.uppdrag]
        return self.lead(block.rubrik, block.inledning) + ([n.bullet_list(items)] if items else [])

    def assignment_details(self, a) -> dict[str, tuple[str, list[dict]]]:
        """key -> (label, value as inline nodes), in the order they are shown."""
        w = self.words
        out: dict[str, tuple[str, list[dict]]] = {}
        for key, value in (("beslutad_av", a.beslutad_av), ("riktas_till", a.riktas_till),
                           ("status", a.status), ("periodicitet", a.periodicitet)):
            if value:
                out[key] = (w[key], self.rich(value))
        if a.senast is not None:
            out["senast"] = (w["senast"], n.text(typography.deadline(a.senast)))
        return out

    @staticmethod
    def labelled(label: str, value: list[dict]) -> list[dict]:
        return n.text(f"{label}:") + [n.space()] + value

    @staticmethod
    def assignment_item(text: list[dict], details: list[list[dict]]) -> list[dict]:
        """One list item: the assignment, its details on a line of their own below it."""
        content = list(text)
        if any(details):
            content += [n.line_break()] + n.emph(n.joined(details, [n.space(), *n.text("·"), n.space()]))
        return [n.plain(content)]

    def risks(self, block: RiskBlock) -> list[dict]:
        entries = [(self.rich((r.titel or "").strip()), self.long_text((r.beskrivning or "").strip()))
                   for r in block.risker]
        return self.lead(block.rubrik, None) + self.risk_list(entries)

    @staticmethod
    def risk_list(entries: list[tuple[list[dict], list[dict]]]) -> list[dict]:
        """(title, text blocks) per risk: consecutive risks with both form one definition list."""
        out: list[dict] = []
        pending: list = []

        def flush():
            if pending:
                out.append(n.definition_list(list(pending)))
                pending.clear()

        for title, text in entries:
            if title and text:
                pending.append((title, [text]))
                continue
            flush()
            out += [n.para(title)] if title else text
        flush()
        return out

    def appendices(self, block: AppendixBlock) -> list[dict]:
        entries = [self.appendix(a, n.text(str(a.nummer)), self.rich(a.titel), self.long_text(a.beskrivning),
                                 [self.rich(i) for i in a.innehall]) for a in block.bilagor]
        return self.lead(block.rubrik, None) + ([n.definition_list(entries)] if entries else [])

    def appendix(self, a, number: list[dict], title: list[dict], description: list[dict],
                 contents: list[list[dict]]) -> tuple[list[dict], list]:
        """One appendix as a definition list entry: "Bilaga 1: Titel", then what it holds."""
        w = self.words
        term = n.text(w["bilaga"]) + [n.space()] + number + [n.string(":"), n.space()] + title
        body = list(description)
        if contents:
            body.append(n.para(n.text(f"{w['innehall']}:")))
            body.append(n.bullet_list([[n.plain(i)] for i in contents]))
        notes = []
        if a.separat:
            notes.append(w["separat"])
        if a.i_beslutsunderlaget is False:
            notes.append(w["ej_beslutsunderlag"])
        if notes:
            body.append(n.para(n.text(" ".join(notes))))
        return term, [body or [n.para([])]]

    def intentions(self, block: IntentionBlock) -> list[dict]:
        items = [[n.plain(self.rich(i.text))] for i in block.avsikter]
        return self.lead(block.rubrik, block.inledning) + ([n.bullet_list(items)] if items else [])


def document_tree(plan: Plan, *, words: Mapping[str, str], style, root: Path, base_dir: Path,
                  draft: bool = False) -> tuple[dict, TreeBuilder]:
    """The whole document tree (body and cover facts) and the builder that made it."""
    builder = TreeBuilder(plan, words=words, style=style, root=root, base_dir=base_dir, draft=draft)
    body = builder.blocks()
    return n.document(body, {}), builder


def parsed_prose(plan: Plan, root: Path, base_dir: Path) -> tuple[Inspector, dict]:
    """The inspector that walked the plan's prose, and (markdown, pos) -> its safe tree."""
    inspector = Inspector(root, base_dir, frozenset(heading_ids(plan)))
    texts = plan.prose_runs
    trees = prose.parse([t for t, _ in texts])
    return inspector, {(t, pos): inspector.inspect(tree, t, pos) for (t, pos), tree in zip(texts, trees)}
