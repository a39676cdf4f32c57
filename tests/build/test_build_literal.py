"""Text a user wrote reaches HTML, DOCX and PDF literally, character for character.

A property test puts arbitrary text, rich in characters that mean something in
Markdown, HTML, LaTeX or typst, into every kind of text field a plan has
(front matter, headings, names, cells, targets, risks, assignments,
appendices), builds all three formats and looks for it in the text a reader
sees: pdftotext, python-docx, the HTML's text.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from build_support import docx_text, pdf_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vplan.read.inline import plain

TOKENS = ["- ", "1)", "2024.", "#", "*", "_", "\\", "$", "@", "<", ">", "[", "]", "|", "`", "{=typst}",
          '"', "'", "&", "%", "~", "^", "=", "{", "}", "(", ")", "+", ":", ";", "!", "/", "–", "—", "...", "-?",
          "-1", "//", "/*", "--", "\u00a0"]
WORDS = ["Hälsa", "åk", "ÖVERSIKT", "x", "12,5", "C:\\temp\\plan", "\\textbf{fet}", "<etikett>", "$5$",
         "@RegionExempel", "tel:1", "#read", "flickor", "<b>", "&amp;", "**", "1.", "(40 % 2024)"]
FIELD = st.lists(st.one_of(st.sampled_from(TOKENS), st.sampled_from(WORDS)), min_size=1, max_size=6).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts)).filter(
    lambda s: s.strip() and "[^" not in s and plain(s).strip())

# A heading's closing #s are Markdown's, not text (## Rubrik ## is "Rubrik").
HEADING = FIELD.filter(lambda s: not s.rstrip().endswith("#"))
HEADINGS = ("malomrade", "mal", "kapitel")

FIELDS = ("titel", "region", "namnd", "malomrade", "mal", "kapitel", "indikator", "kalla", "maltext",
          "radrubrik", "kolumn", "rad", "textcell", "risk", "riskbeskrivning", "uppdrag", "bilaga")


def plan_text(v: dict[str, str]) -> str:
    q = {k: json.dumps(s, ensure_ascii=False) for k, s in v.items()}
    return f"""---
region: {q['region']}
nämnd: {q['namnd']}
dokumenttyp: verksamhetsplan
titel: {q['titel']}
planperiod:
  från: 2025
  till: 2027
budgetår: 2025
målår: [2025]
status: förslag
---

# Inledning

Planen visar vad styrelsen vill uppnå.

## {v['kapitel']}

Text under avsnittet.

# Målområden

## Målområde 1: {v['malomrade']}

### Mål: {v['mal']}

```indikatorer
indikatorer:
  - id: i1
    namn: {q['indikator']}
    typ: kvantitativ
    källa: {q['kalla']}
    utfall:
      2023: 4
    mål:
      2025: {q['maltext']}
```

```uppdrag
uppdrag:
  - text: {q['uppdrag']}
```

# Ekonomi

```tabell
rubrik: Resursramar
radrubrik: {q['radrubrik']}
enhet: mnkr
kolumner:
  - id: b2025
    rubrik: Budget 2025
    år: 2025
  - id: kommentar
    rubrik: {q['kolumn']}
    typ: text
rader:
  - id: rs
    namn: {q['rad']}
    värden:
      b2025: 2365
      kommentar: {q['textcell']}
```

# Risker

```risker
risker:
  - titel: {q['risk']}
    beskrivning: {q['riskbeskrivning']}
```

# Bilagor

```bilagor
bilagor:
  - nummer: 1
    titel: {q['bilaga']}
    separat: true
```
"""


def pdf_raw_text(path: Path) -> str:
    """The PDF's text in the order typst wrote it (-raw): a cell's words stay together."""
    import subprocess

    pdf_text(path)  # skips the test when poppler is missing
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True).stdout.decode()


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u00a0\u00ad\u200b]+", "", text)


def in_pdf(expected: str, text: str) -> bool:
    """typst may break a word at a line end with a hyphen: allow one after any character."""
    pattern = "-?".join(re.escape(ch) for ch in squeeze(expected))
    return re.search(pattern, squeeze(text)) is not None


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def shown(plan) -> dict[str, str]:
    """What a reader should see of each field, taken from the model."""
    sections = list(plan.sections())
    goal_area = next(s for s in sections if s.kind == "målområde")
    goal = next(s for s in sections if s.kind == "mål")
    section = next(s for s in sections if s.kind == "avsnitt")
    ind = next(plan.indicators())
    table = next(plan.tables())
    risk = next(plan.risks())
    return {
        "titel": plan.meta.titel, "region": plan.meta.region, "namnd": plan.meta.namnd,
        "malomrade": goal_area.title, "mal": goal.title, "kapitel": section.title,
        "indikator": ind.namn, "kalla": ind.kalla, "maltext": ind.mal[0].value.text,
        "radrubrik": table.radrubrik, "kolumn": table.kolumner[1].rubrik, "rad": table.rader[0].namn,
        "textcell": table.rader[0].varden["kommentar"].text, "risk": risk.titel,
        "riskbeskrivning": risk.beskrivning, "uppdrag": next(plan.assignments()).text,
        "bilaga": next(plan.appendices()).titel,
    }


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({k: HEADING if k in HEADINGS else FIELD for k in FIELDS}))
@example(values={**{k: "Självskattad hälsa - Ungdom (åk 1 gymnasiet) - flickor" for k in FIELDS},
                 "textcell": "(40 % 2024)", "maltext": "- 1) 2024. C:\\temp\\plan",
                 "risk": "\\textbf{fet} <etikett> $5$ @RegionExempel", "rad": "# rubrik | cell `kod`",
                 "uppdrag": "*inte avslutad {=typst} _x_ [länk](tel:1)"})
@example(values={**{k: "x" for k in FIELDS}, "bilaga": "–- ...", "rad": "(-1) -? —- //x /* a */",
                 "textcell": "a...b -2 %"})
def test_every_text_field_reaches_every_format_literally(values, tmp_path_factory):
    from vplan import api
    from vplan.options import Options
    from vplan.render.build import build

    project = tmp_path_factory.mktemp("literal")
    (project / "plans").mkdir()
    path = project / "plans" / "plan.md"
    path.write_text(plan_text(values), encoding="utf-8")
    options = Options(project_dir=project, out_dir=project / "dist")
    checked = api.load(path, options=options)
    assert checked.plan is not None and not checked.errors, [d.message for d in checked.diagnostics]
    result = build([path], options=options)
    assert result.exit_code == 0, [(p.status, p.message) for p in result.plans]
    texts = {
        "html": squeeze(html_text(project / "dist" / "plan.html")),
        "docx": squeeze(docx_text(project / "dist" / "plan.docx")),
    }
    pdf = pdf_raw_text(project / "dist" / "plan.pdf")
    for field, source in shown(checked.plan).items():
        # front matter is shown as written; headings and block texts may hold **, * and [^id]
        expected = source if field in ("titel", "region", "namnd") else plain(source)
        for fmt, text in texts.items():
            assert squeeze(expected) in text, f"{field} {expected!r} saknas i {fmt}"
        assert in_pdf(expected, pdf), f"{field} {expected!r} saknas i PDF"


PROSE = """Sökvägen C:\\temp\\plan, kommandot \\textbf{fet}, taggen <etikett>, beloppet $5$ och kontot @RegionExempel.

- Självskattad hälsa - Ungdom (åk 1 gymnasiet) - flickor
- (40 % 2024)

```{=typst}
#read("/etc/passwd")
```

1. ```{=openxml}
   <w:fldSimple w:instr="INCLUDETEXT /etc/passwd"/>
   ```
"""


def test_prose_shows_code_and_markup_as_text(tmp_path):
    """Raw-format blocks are code to show, never code to run; HTML tags are text."""
    from vplan import api
    from vplan.options import Options
    from vplan.render.build import build
    from build_support import DATA

    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "liten.md"
    source = (DATA / "liten.md").read_text(encoding="utf-8")
    path.write_text(source.replace("Planen visar vad styrelsen vill uppnå.", PROSE), encoding="utf-8")
    options = Options(project_dir=tmp_path, out_dir=tmp_path / "dist")
    checked = api.load(path, options=options)
    assert not checked.errors, [d.message for d in checked.diagnostics]
    assert [d.code for d in checked.diagnostics] == ["VP407"]  # <etikett> is shown as text
    assert build([path], options=options).exit_code == 0
    html = html_text(tmp_path / "dist" / "liten.html")
    docx = docx_text(tmp_path / "dist" / "liten.docx")
    pdf = pdf_text(tmp_path / "dist" / "liten.pdf")
    for text in (html, docx, pdf):
        flat = " ".join(text.split())
        assert "root:" not in text  # /etc/passwd was not read
        for piece in ("C:\\temp\\plan", "\\textbf{fet}", "<etikett>", "$5$", "@RegionExempel",
                      "(40 % 2024)", '#read("/etc/passwd")', "INCLUDETEXT"):
            assert piece in flat, piece
    assert "Självskattad hälsa - Ungdom (åk 1 gymnasiet) - flickor" in " ".join(html.split())


def test_the_signature_line_is_on_every_cover(tmp_path):
    """upprättad_av in front matter is shown with the other document facts, in every format."""
    from vplan.options import Options
    from vplan.render.build import build
    from build_support import DATA

    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "liten.md"
    source = (DATA / "liten.md").read_text(encoding="utf-8")
    path.write_text(source.replace("status: förslag\n", "status: förslag\nupprättad_av:\n  namn: Anna Berg\n"
                                   "  titel: regiondirektör\n"), encoding="utf-8")
    assert build([path], options=Options(project_dir=tmp_path, out_dir=tmp_path / "dist")).exit_code == 0
    expected = "Upprättad av Anna Berg, regiondirektör"
    assert expected in " ".join(html_text(tmp_path / "dist" / "liten.html").split())
    assert "Upprättad av: Anna Berg, regiondirektör" in docx_text(tmp_path / "dist" / "liten.docx")
    assert expected in " ".join(pdf_raw_text(tmp_path / "dist" / "liten.pdf").split())


NOTES = """Första hänvisningen[^källa], andra[^källa] och en annan not[^annan].

```tabell
rubrik: Nyckeltal
radrubrik: Mått
kolumner:
  - id: v
    rubrik: Värde
rader:
  - namn: Invånare[^källa]
    värden:
      v: 245000
```

[^källa]: Statistiska centralbyrån, 2024.

[^annan]: En helt annan not.
"""


def test_a_footnote_referenced_several_times_is_printed_once(tmp_path):
    import zipfile

    from vplan.options import Options
    from vplan.render.build import build
    from build_support import DATA

    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "liten.md"
    source = (DATA / "liten.md").read_text(encoding="utf-8")
    path.write_text(source.replace("Planen visar vad styrelsen vill uppnå.", NOTES), encoding="utf-8")
    assert build([path], options=Options(project_dir=tmp_path, out_dir=tmp_path / "dist")).exit_code == 0
    html = (tmp_path / "dist" / "liten.html").read_text(encoding="utf-8")
    assert html.count("Statistiska centralbyrån, 2024.") == 1 and html.count("En helt annan not.") == 1
    assert html.count('role="doc-noteref"') == 2  # one real note each ...
    assert html.count('href="#fotnot-kalla"') == 2  # ... and two more references to the first
    with zipfile.ZipFile(tmp_path / "dist" / "liten.docx") as z:
        notes = z.read("word/footnotes.xml").decode()
    assert notes.count("Statistiska centralbyrån, 2024.") == 1
    pdf = " ".join(pdf_raw_text(tmp_path / "dist" / "liten.pdf").split())
    assert pdf.count("Statistiska centralbyrån, 2024.") == 1 and pdf.count("En helt annan not.") == 1


def test_a_long_word_is_whole_in_the_pdf(tmp_path):
    """typst breaks lines only where a word may break: a word check allows (up to 1 000 characters)
    or a long web address would run past the margin and be cut off. The renderer gives typst places
    to break that add no character, so the PDF's text holds every character of the word."""
    from vplan.options import Options
    from vplan.render.build import build
    from build_support import DATA

    word = "".join(chr(ord("a") + i % 26) for i in range(1000))
    address = "https://www.example.se/" + "/".join(["mycket-lang-sokvag-till-sidan"] * 6) + ".html"
    cell = "Regionstyrelsens" + "förvaltningsövergripande" * 4
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "liten.md"
    source = (DATA / "liten.md").read_text(encoding="utf-8")
    path.write_text(source.replace("Planen visar vad styrelsen vill uppnå.", f"Ord: {word} och {address} slut.")
                    .replace("    namn: Regionstyrelsen\n", f"    namn: {cell}\n", 1), encoding="utf-8")
    options = Options(project_dir=tmp_path, out_dir=tmp_path / "dist")
    assert build([path], options=options).exit_code == 0
    pdf = pdf_raw_text(tmp_path / "dist" / "liten.pdf")
    for text in (word, address, cell):
        assert in_pdf(text, pdf), text[:40]
