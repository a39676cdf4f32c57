"""HTML: one self-contained, semantic, Swedish file that axe-core finds no WCAG 2.1 AA fault in."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from render_support import STYLES, renders  # noqa: F401 (fixtures)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "judges"))
import axe_run  # noqa: E402


def html(renders, style: str, status: str = "förslag") -> str:
    return renders.get(style, "html", status).decode("utf-8")


@pytest.mark.parametrize("style", STYLES)
def test_html_is_swedish_and_semantic(renders, style):
    page = html(renders, style)
    assert re.search(r'<html lang="sv"', page)
    for landmark in ("<header", "<nav", "<main", "<section", "<footer"):
        assert landmark in page
    assert page.count("<h1") == 1
    assert '<th style="text-align: left;" scope="col">Verksamhet, mnkr</th>' in page
    assert '<th style="text-align: left;" scope="row">Regional utveckling</th>' in page
    assert re.search(r'<th class="varav"[^>]*scope="row">varav primärvård</th>', page)
    assert "<caption>Nettokostnad per verksamhet</caption>" in page


@pytest.mark.parametrize("style", STYLES)
def test_html_is_self_contained(renders, style):
    page = html(renders, style)
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert not re.search(r"<link\b[^>]*href=\"(?!data:)", page)
    assert "<script" not in page
    assert re.search(r'<img [^>]*class="logotyp" src="data:image/svg\+xml;base64,[^"]+" alt="Region', page)


def test_html_shows_the_draft_mark_and_drops_it_when_decided(renders):
    assert re.search(r'class="utkastmarkering"[^>]*><strong>FÖRSLAG</strong>', html(renders, "standard"))
    assert "<strong>UTKAST</strong>" in html(renders, "standard", "utkast")
    decided = html(renders, "standard", "beslutad")
    assert "utkastmarkering" not in decided.split("<body", 1)[1].split(">", 1)[0]
    assert 'class="utkastmarkering"' not in decided
    assert "<dt>Beslut</dt><dd>Regionstyrelsen 2024-12-10, § 240</dd>" in decided


def test_html_keeps_the_numbers_as_written(renders):
    page = html(renders, "standard")
    assert "2\u00a0259" in page and "−9,0" in page


def test_html_has_a_print_stylesheet(renders):
    assert "@media print" in html(renders, "standard")


def test_axe_finds_no_wcag_violations(renders):
    reason = axe_run.missing()
    if reason:
        pytest.skip(f"axe-domaren kan inte köras: {reason}")
    files = [renders.file(style, "html") for style in STYLES]
    files += [renders.file("standard", "html", "utkast"), renders.file("standard", "html", "beslutad")]
    results = axe_run.run_axe(files)
    problems = {
        Path(r["file"]).name: [v["id"] for v in r["violations"]] + r["external_requests"]
        for r in results
        if r["violations"] or r["external_requests"]
    }
    assert problems == {}
    assert len(results) == len(files)
