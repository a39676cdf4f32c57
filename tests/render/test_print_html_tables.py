"""HTML printed by Chromium: captions with their first rows, headings with their tables,
the last two rows together; the same long-table document as the PDF page tests."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from render_support import load_meta, markdown_tree, pdftotext
from test_print_pdf import _document, _rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "judges"))
import layout  # noqa: E402

TABLES = range(1, 25)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[list[str]]:
    from vplan.render.engines import to_html
    from vplan.render.housestyle import load_house_style

    if layout.chromium() is None:  # a skip only outside CI: see render_support
        pytest.skip("chromium saknas (kör .ci/install-judges.sh)")
    folder = tmp_path_factory.mktemp("utskrift")
    page = folder / "tabeller.html"
    page.write_bytes(to_html(markdown_tree(_document()), load_meta(), load_house_style("standard")))
    text = pdftotext(layout.print_pdf(page, folder / "tabeller.pdf"))
    printed = [[line.strip() for line in p.splitlines() if line.strip()] for p in text.split("\f")]
    contents = next(i for i, p in enumerate(printed) if "Innehåll" in p)
    return printed[contents + 1:]  # the contents list every heading once more


def _page_of(pages, pattern: str) -> int:
    found = [i for i, page in enumerate(pages) if any(re.search(pattern, line) for line in page)]
    assert len(found) == 1, (pattern, found)
    return found[0]


def test_printed_caption_heading_and_first_row_share_a_page(pages):
    for t in TABLES:
        caption = _page_of(pages, rf"Kostnader i tabell {t}$")
        assert caption == _page_of(pages, rf"^Rad 1 i tabell {t}\b"), f"Tabell {t}: rubriken ensam"
        assert caption == _page_of(pages, rf"Avsnitt {t} med tabell$"), f"Avsnitt {t}: rubriken ensam"


def test_printed_total_row_never_stands_alone(pages):
    for t in TABLES:
        total = _page_of(pages, rf"^Summa tabell {t}\b")
        assert total == _page_of(pages, rf"^Rad {_rows(t) - 1} i tabell {t}\b"), f"Tabell {t}: summan ensam"


def test_some_printed_table_did_break_across_pages(pages):
    broken = [t for t in TABLES
              if _page_of(pages, rf"^Rad 1 i tabell {t}\b") != _page_of(pages, rf"^Summa tabell {t}\b")]
    assert len(broken) >= 3
