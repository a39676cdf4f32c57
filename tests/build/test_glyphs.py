"""Characters and the PDF (VP422): what check lets through, the PDF can show; what it stops, it names.

A PDF/A file may only hold characters its fonts can show, so typst refuses an emoji or a
Chinese character. Check knows the fonts typst carries (vplan/glyphs.json) and stops such
a plan first: a plan that passes check builds."""
from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest
from build_support import project, small_plan  # noqa: F401 (fixtures)

from vplan import glyphs


def _allowed_sample(step: int = 23) -> str:
    """Every step-th visible character check allows, in words of ten: Latin, Greek, Cyrillic,
    Hebrew, arrows, mathematics, box drawing, from whichever font typst has them in."""
    chars = [chr(c) for a, b in json.loads(glyphs.DATA.read_text(encoding="utf-8"))["ranges"]
             for c in range(a, b + 1)]
    shown = [c for c in chars[::step] if not c.isspace() and unicodedata.category(c)[0] not in "CZM"
             and not (c.isascii() and not c.isalnum())]
    return " ".join("".join(shown[i:i + 10]) for i in range(0, len(shown), 10))


def test_characters_check_allows_reach_the_pdf(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    sample = _allowed_sample()
    assert len(sample) > 300
    small_plan(project, edit=lambda t: t.replace("Planen visar vad styrelsen vill uppnå.", sample).replace(
        "## Målområde 1: Hållbar utveckling", f"## Målområde 1: Hållbar utveckling {sample[:40]}"))
    code, out, err = run_cli(["check", "plans/liten.md"])
    assert code == 0, out + err
    code, out, err = run_cli(["build", "--format", "pdf", "plans/liten.md"])
    assert code == 0, out + err
    text = subprocess.run(["pdftotext", "dist/liten.pdf", "-"], capture_output=True, text=True, check=True).stdout
    assert sample.split()[0] in text  # the first word, whole (typst may break lines between the rest)


@pytest.mark.parametrize("text, shown", [
    ("Målet är nått 😀", "”😀” (U+1F600)"),
    ("Samarbete med 中国", "”中” (U+4E2D)"),
    ("Ett\ufeffosynligt tecken", "U+FEFF (zero width no-break space)"),
    ("Eget tecken \ue000 i texten", "U+E000"),
    ("Ett kontrolltecken\x07 i texten", "U+0007"),
])
def test_check_names_what_the_pdf_cannot_show_and_build_refuses(project, run_cli, monkeypatch, text, shown):
    monkeypatch.chdir(project)
    small_plan(project, edit=lambda t: t.replace("Planen visar vad styrelsen vill uppnå.", text))
    code, out, err = run_cli(["check", "plans/liten.md"])
    assert code == 1
    assert "plans/liten.md:21:" in out and f"fel VP422: Tecknet {shown} kan inte visas i PDF:en" in out
    code, out, err = run_cli(["build", "plans/liten.md"])
    assert code == 1 and "VP422" in out
    assert not (project / "dist").exists()


def test_a_house_style_font_with_the_character_lets_it_through(project, run_cli, monkeypatch):
    """A region that needs the character adds a font that has it to its style's typsnitt/."""
    pytest.importorskip("fontTools")
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    monkeypatch.chdir(project)
    style = project / "templates" / "egen"
    (style / "typsnitt").mkdir(parents=True)
    (style / "style.yaml").write_text("namn: Egen\nbas: standard\n", encoding="utf-8")
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "grinning"])
    builder.setupCharacterMap({0x1F600: "grinning"})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0)), pen.lineTo((900, 0)), pen.lineTo((500, 800)), pen.closePath()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "grinning": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "grinning": (1000, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Vplan Prov", "styleName": "Regular"})
    builder.setupOS2(), builder.setupPost()
    builder.save(str(style / "typsnitt" / "prov.ttf"))
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: egen").replace(
        "Planen visar vad styrelsen vill uppnå.", "Målet är nått 😀 och 中"))
    code, out, err = run_cli(["check", "plans/liten.md"])
    found = [line for line in out.splitlines() if "fel VP422" in line]
    assert code == 1 and len(found) == 1 and "”中” (U+4E2D)" in found[0], out + err  # not the emoji


def test_the_list_holds_for_the_installed_typst(tmp_path, monkeypatch):
    """glyphs.json is made from typst's fonts by `python -m vplan.glyphs`; a new typst may bring
    other fonts. Made again here: every character check lets through must still show in this
    typst (a plan that passes check builds), and with the typst it was made from the list is the same."""
    from importlib.metadata import version

    recorded = json.loads(glyphs.DATA.read_text(encoding="utf-8"))
    target = tmp_path / "glyphs.json"
    monkeypatch.setattr(glyphs, "DATA", target)
    glyphs.main()
    made = json.loads(target.read_text(encoding="utf-8"))

    def codes(ranges):
        return {c for a, b in ranges for c in range(a, b + 1)}

    assert not codes(recorded["ranges"]) - codes(made["ranges"]), "run `make glyphs`: typst's fonts changed"
    if version("typst") == recorded["typst"]:
        assert made == recorded


def test_a_character_that_turns_the_text_is_a_warning_and_still_builds(project, run_cli, monkeypatch):
    """U+202E shows the digits after it backwards: 12‮00 reads as 1200 in the file, 1200 reversed
    in the documents. A warning (VP423); the plan still builds, the character kept as written."""
    monkeypatch.chdir(project)
    small_plan(project, edit=lambda t: t.replace("Planen visar vad styrelsen vill uppnå.",
                                                 "Budgeten är 12\u202e00\u202c mnkr och \u2067שלום\u2069."))
    code, out, err = run_cli(["check", "plans/liten.md"])
    assert code == 0, out + err
    found = [line for line in out.splitlines() if "VP4" in line]
    assert len(found) == 2 and all("varning VP423" in line for line in found)
    assert "plans/liten.md:21:15: varning VP423: Tecknet U+202E (right-to-left override)" in out
    code, out, err = run_cli(["build", "--format", "html", "plans/liten.md"])
    assert code == 0, out + err
    assert "12\u202e00\u202c" in (project / "dist" / "liten.html").read_text(encoding="utf-8")
