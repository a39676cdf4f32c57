"""The example plans' HTML in a real browser: reflow at 320 CSS px, scrolling tables, print.

Chromium shows each page at 320 px (WCAG 1.4.10 reflow) and prints it with
the page's print stylesheet; the printed PDF is read back with pdftotext.
"""
from __future__ import annotations

import re
import shutil
import sys
from html import unescape
from pathlib import Path

import pytest

from build_support import PLANS, appears, built  # noqa: F401 (fixture)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "judges"))
import layout  # noqa: E402

pytestmark = pytest.mark.skipif(layout.chromium() is None or shutil.which("pdftotext") is None,
                                reason="chromium eller pdftotext saknas (kör .ci/install-judges.sh)")

NAMES = [p.stem for p in PLANS]

REGIONS = """[...document.querySelectorAll('.tabellram')].map((r) => ({
  label: r.getAttribute('aria-label'), role: r.getAttribute('role'), tabindex: r.tabIndex,
  scrolls: r.scrollWidth > r.clientWidth, overflow: getComputedStyle(r).overflowX,
  sign: getComputedStyle(r).backgroundImage, right: r.getBoundingClientRect().right}))"""


@pytest.mark.parametrize("name", NAMES)
def test_page_reflows_at_320_px_without_sideways_scroll(built, name):
    width = layout.measure(built / f"{name}.html", 320,
                           "[innerWidth, document.documentElement.scrollWidth]")
    assert width[0] == 320
    assert width[1] <= 320, f"sidan rullar i sidled: {width[1]} px bred vid 320 px"


@pytest.mark.parametrize("name", NAMES)
def test_wide_tables_scroll_in_a_labelled_focusable_region_with_a_visible_sign(built, name):
    regions = layout.measure(built / f"{name}.html", 320, REGIONS)
    scrolling = [r for r in regions if r["scrolls"]]
    assert scrolling, "ingen tabell är bredare än 320 px: testet prövar inget"
    for r in scrolling:
        assert r["label"] and r["role"] == "region" and r["tabindex"] == 0, r
        assert r["overflow"] == "auto" and r["right"] <= 320, r
        assert "gradient" in r["sign"], f"ingen skugga visar att tabellen rullar: {r}"


def _printed(built: Path, name: str, tmp_path: Path) -> Path:
    return layout.print_pdf(built / f"{name}.html", tmp_path / f"{name}.pdf")


def _table_cells(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


@pytest.mark.parametrize("name", NAMES)
def test_print_shows_every_number_of_every_table(built, name, tmp_path):
    from build_support import pdf_text

    text = pdf_text(_printed(built, name, tmp_path))
    cells = _table_cells((built / f"{name}.html").read_text(encoding="utf-8"))
    numbers = [c for c in cells if re.fullmatch(r"[−-]?\d[\d\u00a0 ]*(,\d+)?", c)]
    assert numbers
    missing = [n for n in numbers if not appears(n, text)]
    assert not missing, f"utskriften saknar {len(missing)} tal, till exempel {missing[:5]}"


def _words_by_page(pdf: Path) -> list[list[tuple[str, float, float]]]:
    import subprocess

    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", xml, re.S):
        pages.append([(w, float(y0), float(y1)) for y0, y1, w in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', body)])
    return pages


def test_printed_draft_mark_stands_above_the_text_not_over_it(built, tmp_path):
    """The mark is in the page margin on every page, so a repeated table header stays readable."""
    drafts = [p for p in PLANS if re.search(r"^status: *(förslag|utkast)", p.read_text(encoding="utf-8"), re.M)]
    assert drafts, "ingen exempelplan är ett förslag"
    pages = _words_by_page(_printed(built, drafts[0].stem, tmp_path))
    for number, words in enumerate(pages, 1):
        marks = [w for w in words if w[0] in ("FÖRSLAG", "UTKAST")]
        assert marks, f"sidan {number} saknar märket"
        mark_bottom = min(w[2] for w in marks)
        others = [w for w in words if w not in marks]
        assert all(w[1] >= mark_bottom for w in others), f"sidan {number}: märket ligger över texten"
