"""The whole import of one Word file: read, recognise, write the plan text, check it in memory."""
from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field

from vplan.errors import UsageError
from vplan.importer import coverage, inlines, yamlout
from vplan.importer.report import Finding
from vplan.importer.typed import TOC_STYLE

FRONT_ORDER = ("region", "nämnd", "förvaltning", "dokumenttyp", "titel", "planperiod", "budgetår", "målår",
               "diarienummer", "datum", "status", "beslut", "upprättad_av", "mall", "profil", "språk")
_IGNORED_COVER = {"dokumentuppgifter", "innehåll", "innehållsförteckning", "försättsblad"}


@dataclass
class Imported:
    text: str  # the plan
    images: dict[str, bytes]  # path relative to the plan's folder -> bytes
    findings: list[Finding]
    front: dict
    profile: str
    stats: dict = field(default_factory=dict)


def convert(doc, *, options, image_folder: str) -> Imported:
    from vplan.importer.body import Walker
    from vplan.importer.events import flatten
    from vplan.importer.front import read_front
    from vplan.importer.headings import choose_profile
    from vplan.importer.outline import Outline
    from vplan.importer.prose import Cleaner, Images

    events = flatten(doc.tree.get("blocks", []), doc.levels, doc.tabbed)
    meta = _meta(doc.tree.get("meta", {}))
    first = _body_start(events)
    cover, cover_events = _cover(events[:first])
    front = read_front(cover, meta, doc.furniture, _texts(events[first:]))
    findings = [Finding("försättsbladet", f) for f in front.findings]
    if any(ev.style == TOC_STYLE for ev in events):  # once, not once per line: vplan builds its own
        findings.append(Finding("", "innehållsförteckningen togs bort; vplan gör en ny när planen byggs"))
    profiles = _profiles(options)
    profile = choose_profile(_top_titles(events[first:]), profiles)
    mark = _marker()
    images = Images(image_folder, doc.media)
    cleaner = Cleaner(images)
    walker = Walker(events, profile, front.data["budgetår"], doc.tables, cleaner, mark, set())
    outline = Outline(events, profile)
    heads = outline.plan_headings(first)
    body = walker.walk(first, heads, outline.synthetic)
    body.findings[:0] = outline.findings
    preamble, dropped = _unused_cover(cover, cover_events, front.used, cleaner)
    findings += [Finding("försättsbladet", f"texten ”{_short(t)}” kom inte med i planen") for t in dropped]
    findings += body.findings
    findings += [Finding("", f) for f in images.findings]
    pictures = mark.images - sum(inlines.count_images(ev.node["c"][4:]) for ev in events[first:] if ev.kind == "table")
    if pictures > 0:  # those in tables are reported with their table
        findings.append(Finding("", f"{pictures} bild{'er' if pictures > 1 else ''} i uppdrags- eller risktexter "
                                    "kom inte med; lägg in dem i texten"))
    findings += _add_missing_chapters(body.blocks, profile, [*heads.values(), *outline.synthetic.values()])
    fm = _front_matter(front.data, profile.namn, body.target_years, findings)
    text = "---\n" + yamlout.dump(fm) + "---\n\n" + _markdown(preamble + body.blocks, body.data, mark.notes)
    findings += _coverage(events[first:], text, body.structural)
    return Imported(text, dict(images.saved), findings, fm, profile.namn,
                    {"tabeller": sum(1 for ev in events if ev.kind == "table"), "block": len(body.data),
                     "rubriker": len(heads)})


def _add_missing_chapters(blocks: list, profile, heads) -> list[Finding]:
    """The profile's chapters the Word file lacks, each with a placeholder to fill in, in profile order."""
    out = []
    for spec in _missing_chapters(profile, heads):
        out.append(Finding("", f"kapitlet ”{spec}” fanns inte i Word-filen och lades till med en platshållare "
                               "att fylla i"))
        at = _chapter_place(blocks, profile, spec)
        blocks[at:at] = [{"t": "Header", "c": [1, ["", [], []], inlines.from_text(spec)]},
                         {"t": "RawBlock", "c": ["commonmark", f"[fyll i: kapitlet {spec}]"]}]
    return out


def _markdown(blocks: list, data: list[tuple[str, dict]], notes: list[tuple[str, str]]) -> str:
    """The plan's body: pandoc writes the text, the data blocks go where their placeholders stand, and the
    footnotes of data block texts follow the text's own."""
    from vplan.importer.body import placeholder

    markdown = _write_markdown(blocks)
    for n, (kind, block) in enumerate(data, start=1):
        markdown = markdown.replace(placeholder(n), f"```{kind}\n{yamlout.dump(block)}```", 1)
    if notes:
        markdown = markdown.rstrip("\n") + "\n\n" + "\n".join(f"[^{i}]: {t}" for i, t in notes) + "\n"
    return markdown.lstrip("\n")


def _texts(events, limit: int = 400) -> list[str]:
    """The first paragraphs of the plan's text: where a region's name is found when the cover lacks it."""
    out = []
    for ev in events:
        if ev.kind == "block" and ev.node.get("t") in ("Para", "Plain"):
            out.append(inlines.plain(ev.node["c"]))
            if len(out) >= limit:
                break
    return out


def _body_start(events) -> int:
    """Where the plan's text begins: after the table of contents when one comes early (what stands before
    it is the cover, headings too), else at the first heading."""
    first = next((i for i, ev in enumerate(events) if ev.kind == "heading"), len(events))
    toc = [i for i, ev in enumerate(events[:first + 40]) if ev.kind == "toc"]
    if toc:
        after = toc[-1] + 1
        first = next((i for i, ev in enumerate(events) if i >= after and ev.kind == "heading"), len(events))
    elif first < len(events) and _PLAN_TITLE.search(inlines.plain(events[first].content)):
        # The plan's title set as the first heading: the cover, the text begins at the next heading.
        first = next((i for i, ev in enumerate(events) if i > first and ev.kind == "heading"), len(events))
    # A list or a big table is never part of a cover: the text begins there (a plan without headings).
    return next((i for i, ev in enumerate(events[:first]) if _text_like(ev)), first)


_PLAN_TITLE = re.compile(r"(?i)^(verksamhetsplan|nämndplan|plan med budget|budget|.*\bplan)\b.*(19|20)\d\d")


def _text_like(ev) -> bool:
    t = ev.node.get("t") if ev.node else None
    if t in ("BulletList", "OrderedList"):
        return True
    if t == "Table":
        _a, _c, specs, head, bodies, _f = ev.node["c"]
        return len(specs) > 3 or len(head[1]) + sum(len(b[3]) for b in bodies) > 6
    return False


def _top_titles(events) -> list[str]:
    """The chapter titles as Word has them: the headings of the highest level, typed numbers removed."""
    from vplan.importer.headings import parse

    levels = [ev.level for ev in events if ev.kind == "heading" and ev.level >= 1]
    top = min(levels, default=1)
    return [parse(inlines.plain(ev.content)).text for ev in events if ev.kind == "heading" and ev.level == top]


def _meta(meta: dict) -> dict:
    def text(v):
        if v is None:
            return None
        if v["t"] == "MetaInlines":
            return inlines.plain(v["c"])
        if v["t"] == "MetaString":
            return v["c"]
        if v["t"] == "MetaBlocks":
            return inlines.block_text(v["c"])
        return None
    out = {k: text(meta.get(k)) for k in ("title", "subtitle", "date")}
    author = meta.get("author")
    out["author"] = [text(a) for a in author["c"]] if author and author["t"] == "MetaList" else (
        [text(author)] if author else [])
    return out


def _cover(events) -> tuple[list[str], list]:
    """The cover's texts, a cover table's rows as "label: value"; and the event each text came from."""
    texts, origin = [], []
    for ev in events:
        if ev.kind == "toc":
            continue
        if ev.kind == "table":
            from vplan.importer.grid import build

            for row in build(ev.node).head + build(ev.node).body:
                cells = [c.text for c in row if c.origin and c.text]
                if cells:
                    texts.append(": ".join(cells) if len(cells) == 2 else " ".join(cells))
                    origin.append(None)
            continue
        if ev.kind == "heading":
            texts.append(inlines.plain(ev.content))
            origin.append(None)
            continue
        for _kind, text in coverage.units(ev.node):
            if text:
                texts.append(text)
                origin.append(ev if ev.node.get("t") in ("Para", "Plain") else None)
    return texts, origin


def _unused_cover(cover, origin, used, cleaner) -> tuple[list, list[str]]:
    keep, dropped = [], []
    for i, text in enumerate(cover):
        if i in used or text.strip().lower().rstrip(":") in _IGNORED_COVER:
            continue
        if len(text.split()) >= 12 and origin[i] is not None:  # running text before the first heading
            keep += cleaner.blocks([origin[i].node])
        else:
            dropped.append(text)
    return keep, dropped


def _short(text: str) -> str:
    return text if len(text) <= 70 else text[:67].rstrip() + "…"


def _profiles(options) -> list:
    from vplan.profiles import ProfileError, available, load_profile

    out = []
    names = available(options.profile_dirs)
    for name in ["standard"] + [n for n in names if n != "standard"]:
        try:
            out.append(load_profile(name, options.profile_dirs, options.project_dir))
        except (ProfileError, UsageError):
            continue
    return out


def _missing_chapters(profile, heads) -> list[str]:
    have = {h.chapter for h in heads if h.level == 1}
    return [s.namn for s in profile.kapitel if not s.valfritt and s.namn not in have]


def _chapter_place(blocks: list, profile, name: str) -> int:
    """Where a missing chapter goes: before the first chapter the profile puts after it, else last."""
    order = [s.namn for s in profile.kapitel]
    later = {s.namn for s in profile.kapitel[order.index(name) + 1:]}
    for k, b in enumerate(blocks):
        if b["t"] == "Header" and b["c"][0] == 1:
            title = inlines.plain(b["c"][2])
            if any(s.namn in later and s.matches(title) for s in profile.kapitel):
                return k
    return len(blocks)


def _marker():
    from vplan.importer.inlines import Marker

    plain_marker = Marker(lambda blocks: inlines.block_text(blocks))
    return Marker(lambda blocks: " ".join(plain_marker(ln) for ln in inlines.lines(blocks)))


def _write_markdown(blocks: list) -> str:
    from vplan.render._pandoc import pandoc_path

    doc = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    proc = subprocess.run([pandoc_path(), "-f", "json", "-t", "commonmark+footnotes", "--wrap=none"],
                          input=json.dumps(doc).encode("utf-8"), capture_output=True, timeout=300, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace"))
    return proc.stdout.decode("utf-8")


def _front_matter(data: dict, profile: str, target_years: set[int], findings: list[Finding]) -> dict:
    data = dict(data)
    data["mall"], data["profil"], data["språk"] = "standard", profile, "sv"
    period = dict(data["planperiod"])
    if target_years and period["till"] < max(target_years) <= period["från"] + 5:
        period["till"] = max(target_years)  # "Nämndplan 2026" with targets for 2028: the period holds them
        findings.append(Finding("försättsbladet", f"planperioden blev {period['från']}–{period['till']}, så att "
                                                  "indikatorernas målår ryms; kontrollera den"))
    data["planperiod"] = period
    years = sorted(y for y in target_years if period["från"] <= y <= period["till"])
    if years:
        data["målår"] = years
    return {k: data[k] for k in FRONT_ORDER if k in data}


def _coverage(events, text: str, structural: set[str]) -> list[Finding]:
    present = set(coverage.tokens(text))
    out = []
    for ev in events:
        if ev.kind in ("toc", "heading"):  # headings are placed by construction, typed numbers dropped on purpose
            continue
        for kind, unit in coverage.units(ev.node):
            if kind == "rubrik" or not unit or (kind == "cell" and unit in structural):
                continue
            lost = coverage.missing(unit, present)
            if lost:
                where = (f"tabell {ev.number}" if ev.number else "tabellen av rader med tabbsteg") \
                    if ev.kind == "table" else f"stycke {ev.number}"
                out.append(Finding(where, f"texten ”{_short(unit)}” kom inte med i planen (saknas: "
                                          f"{', '.join(lost[:5])})"))
    return out
