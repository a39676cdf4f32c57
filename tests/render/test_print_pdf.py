"""PDF pages as a reader sees them: captions and headings with their tables, totals never alone.

Tables of many lengths after filler text land at every position on a page, so
a stranded caption or a lone last row would show up on some page.
"""
from __future__ import annotations

import re

import pytest

from render_support import load_meta, markdown_tree, pdftotext

FILLER = (
    "Styrelsen följer upp verksamheten varje tertial och redovisar resultatet "
    "till fullmäktige i delårsrapporten och i årsredovisningen. "
)


def _table(t: int, rows: int) -> str:
    lines = [
        f"## Avsnitt {t} med tabell {{#avsnitt-{t}}}",
        "",
        f"| Område {t} | Budget 2025 | Plan 2026 |",
        "|:--|--:|--:|",
    ]
    lines += [f"| Rad {r} i tabell {t} | {r} 100 | {r} 200 |" for r in range(1, rows)]
    lines += [f"| Summa tabell {t} | 9 999 | 8 888 |", "", f": Kostnader i tabell {t} {{#tbl-{t}}}", ""]
    return "\n".join(lines)


def _rows(t: int) -> int:
    return 4 + (t * 23) % 31


def _document() -> str:
    parts = ["# Ekonomi {#ekonomi}", ""]
    for t in range(1, 25):
        parts += [FILLER, "", _table(t, _rows(t)), ""]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[list[str]]:
    from vplan.render.engines import to_pdf
    from vplan.render.housestyle import load_house_style

    path = tmp_path_factory.mktemp("tryck") / "tabeller.pdf"
    path.write_bytes(to_pdf(markdown_tree(_document()), load_meta(), load_house_style("standard")))
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in pdftotext(path).split("\f")]


def _page_of(pages: list[list[str]], pattern: str) -> int:
    found = [i for i, page in enumerate(pages) if any(re.search(pattern, line) for line in page)]
    assert len(found) == 1, (pattern, found)
    return found[0]


def test_every_caption_is_on_the_page_of_its_first_row(pages):
    for t in range(1, 25):
        caption = _page_of(pages, rf"^Tabell \d+: Kostnader i tabell {t}$")
        first_row = _page_of(pages, rf"^Rad 1 i tabell {t}\b")
        assert caption == first_row, f"Tabell {t}: rubriken på sidan {caption + 1}, raderna på {first_row + 1}"


def test_every_heading_is_on_the_page_of_its_table(pages):
    for t in range(1, 25):
        heading = _page_of(pages, rf"Avsnitt {t} med tabell$")
        caption = _page_of(pages, rf"^Tabell \d+: Kostnader i tabell {t}$")
        assert heading == caption, f"Avsnitt {t}: rubriken på sidan {heading + 1}, tabellen på {caption + 1}"


def test_a_total_row_never_stands_alone_on_a_page(pages):
    for t in range(1, 25):
        rows = _rows(t)
        total = _page_of(pages, rf"^Summa tabell {t}\b")
        before = _page_of(pages, rf"^Rad {rows - 1} i tabell {t}\b")
        assert total == before, f"Tabell {t}: summaraden ensam på sidan {total + 1}"


def test_some_table_did_break_across_pages(pages):
    """Otherwise the three tests above would pass without anything to keep together."""
    broken = [t for t in range(1, 25)
              if _page_of(pages, rf"^Rad 1 i tabell {t}\b") != _page_of(pages, rf"^Summa tabell {t}\b")]
    assert len(broken) >= 3


WIDE = """# Budget {#budget}

## Budgetramar per område {#budgetramar}

| Mkr | Externa intäkter | Interna intäkter | Personalkostnader | Läkemedel | Övriga externa omkostnader | Avskrivningar | Interna kostnader | Nettobudget |
|:--|--:|--:|--:|--:|--:|--:|--:|--:|
| Regiondirektör | 134 | 14 | −491 | 0 | −68 | 0 | 0 | −411 |
| Utveckling och digitalisering | 8 | 10 | −80 | 0 | −177 | −85 | −10 | −334 |
| **Summa tjänstemannabudget** | **244** | **261** | **−774** | **−31** | **−989** | **−85** | **−808** | **−2 182** |
| **Summa förtroendemannabudget** | **0,0** | **0,0** | **−4,2** | **0,0** | **−0,2** | **0,0** | **0,0** | **−57,4** |

: Budgetramar per område 2025 {#tbl-budgetramar}
"""


@pytest.fixture(scope="module")
def wide_pdf(tmp_path_factory):
    from vplan.render.engines import to_pdf
    from vplan.render.housestyle import load_house_style

    path = tmp_path_factory.mktemp("bred") / "bred.pdf"
    path.write_bytes(to_pdf(markdown_tree(WIDE), load_meta(), load_house_style("jamtland-harjedalen")))
    return path


def _words(path) -> list[tuple[str, float, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax, page width) for every word on every page."""
    html = pdftotext(path, "-bbox")
    out = []
    for width, body in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', html, re.S):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            out.append((word, float(x0), float(y0), float(x1), float(y1), float(width)))
    return out


def test_wide_table_header_words_stand_apart_and_whole(wide_pdf):
    words = _words(wide_pdf)
    texts = [w[0] for w in words]
    for word in ("Personalkostnader", "Läkemedel", "Avskrivningar", "Nettobudget", "omkostnader"):
        assert word in texts, f"{word} saknas som eget ord: {texts}"
    header = [w for w in words if w[0] in ("Externa", "Interna", "Personalkostnader", "Läkemedel",
                                         "Övriga", "Avskrivningar", "Nettobudget")]
    rows: dict[float, list] = {}
    for w in header:
        rows.setdefault(round(w[2]), []).append(w)
    for line in rows.values():
        line.sort(key=lambda w: w[1])
        for left, right in zip(line, line[1:]):
            assert left[3] + 2 <= right[1], f"{left[0]} och {right[0]} går ihop"


def test_wide_table_keeps_every_column_and_row_label_whole_inside_the_page(wide_pdf):
    words = _words(wide_pdf)
    text = " ".join(w[0] for w in words)
    assert "Summa tjänstemannabudget" in text and "Summa förtroendemannabudget" in text
    assert "−57,4" in text.replace("\u00a0", " ")
    right_margin = 2.3 / 2.54 * 72
    for word, _x0, _y0, x1, _y1, width in words:
        assert x1 <= width - right_margin + 1, f"{word} går utanför sidan"


SPANNED = """# Mål {#mal}

+------------------+-----------+
| Indikator        | Målnivå   |
+==================+===========+
| Andel rökare     | 10        |
+------------------+-----------+
| Andel flickor    | Minska    |
+------------------+ (samma    |
| Andel pojkar     | mål)      |
+------------------+           |
| Andel unga       |           |
+------------------+-----------+

: Ett mål för tre rader {#tbl-spann}
"""


def test_a_value_merged_over_the_last_rows_stays_merged(tmp_path):
    """The last two rows are kept together as the table's foot, unless a merged cell would be cut."""
    from vplan.render.engines import to_pdf, typst_source
    from vplan.render.housestyle import load_house_style

    style = load_house_style("standard")
    source = typst_source(markdown_tree(SPANNED), load_meta(), style)
    assert "rowspan: 3" in source and "table.footer([" not in source
    path = tmp_path / "spann.pdf"
    path.write_bytes(to_pdf(markdown_tree(SPANNED), load_meta(), style))
    text = " ".join(pdftotext(path).split())
    assert "Andel flickor" in text and "Andel unga" in text and "Minska (samma mål)" in text
