"""Word files made from the reference plans' text extractions (../shared/reference-plans/*.txt beside
the repository, or the folder in VPLAN_REFERENCE_PLANS; they are published plans, so not copied in):
layouts vplan did not write. Lines become what an office would have used: headings with typed
numbers in "Rubrik N" styles, TOC entries, tab-separated rows as tables, "- " lines as Word bullets."""
from __future__ import annotations

import os
import re
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(os.environ.get("VPLAN_REFERENCE_PLANS") or _ROOT.parent / "shared" / "reference-plans")
_TOC_LINE = re.compile(r"^(?P<text>.+?)\s*\.{2,}\s*\t?\s*\d+\s*$|^(?P<text2>[^\t]+?)\t\s*\d+\s*$")
_NUMBERED = re.compile(r"^(?P<num>\d+(?:\.\d+){0,3})\s+(?P<text>[A-ZÅÄÖ].{1,110})$")
_MARKUP = re.compile(r"</?b>|<sup>.*?</sup>|\*\*")


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _toc_titles(lines: list[str]) -> set[str]:
    out = set()
    for line in lines:
        m = _TOC_LINE.match(_clean(line))
        if m:
            title = (m.group("text") or m.group("text2")).strip(" .")
            out.add(re.sub(r"^\d+(?:\.\d+)*\s+", "", title))
    return out


def docx_from_text(txt: Path, out: Path) -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lines = txt.read_text(encoding="utf-8").splitlines()
    doc = docx.Document()
    for level in (1, 2, 3, 4):
        st = doc.styles.add_style(f"Rubrik {level}", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(level - 1))
        st.element.get_or_add_pPr().append(lvl)
    for name in ("toc 1", "toc 2"):
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = doc.styles["Normal"]
    titles = _toc_titles(lines)
    rows: list[list[str]] = []

    def flush():
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        table.style = doc.styles["Table Grid"]
        cells = table._cells
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cells[r * width + c].paragraphs[0].add_run(_clean(text)).bold = r == 0
        rows.clear()

    for raw in lines:
        line = raw.rstrip()
        text = _clean(line.lstrip("#").strip())
        if "\t" in line and not _TOC_LINE.match(_clean(line)):
            rows.append(line.split("\t"))
            continue
        flush()
        if not text or text == "---":
            continue
        if text.lower() == "innehållsförteckning":
            doc.add_paragraph(text, style="TOC Heading")
        elif _TOC_LINE.match(text):
            doc.add_paragraph(text, style="toc 1")
        elif line.startswith("- "):
            doc.add_paragraph(text[2:] if text.startswith("- ") else text, style="List Bullet")
        elif (m := _NUMBERED.match(text)) and not text.endswith("."):
            doc.add_paragraph(text, style=f"Rubrik {min(4, m.group('num').count('.') + 1)}")
        elif line.startswith("#"):
            doc.add_paragraph(text, style=f"Rubrik {min(4, len(line) - len(line.lstrip('#')))}")
        elif text in titles:
            doc.add_paragraph(text, style="Rubrik 1")
        elif re.match(r"^(Mål \d+\.|Målområde\b)", text) and len(text) < 200:
            doc.add_paragraph().add_run(text).bold = True
        else:
            doc.add_paragraph(text)
    flush()
    doc.save(out)
    return out
