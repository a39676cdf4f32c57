"""A chart's SVG as pygal draws it for vplan: the same bytes every time, a picture and not a
program, the plan's words as escaped text, and each series told apart by more than colour."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

pytest.importorskip("pygal")

from vplan.followup.report.charts import BARS, LINE, Chart, Look, Series, draw_svg  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
LOOK = Look("#1f3a5f", "#2b5d8c", '"Libertinus Serif", system-ui, sans-serif')
HOSTILE = 'Vård & omsorg <script>alert("x")</script> ]]> --> \u202e'
LINE_CHART = Chart(LINE, (Series("Utfall", (("2022", D("61.5")), ("2023", D(64))), "utfall"),
                          Series("Utfall RVN", (("2022", D(58)), ("2023", D(60))), "utfall"),
                          Series("Målnivå", (("2023", D(65)), ("2024", D(70))), "mål")), "%", "Linjediagram: x.")
BAR_CHART = Chart(BARS, (Series("Budget 2025", ((HOSTILE[:30], D(1500000)), ("Tandvård", D(200000))), "budget"),
                         Series("Utfall jan–aug", ((HOSTILE[:30], D(1010000)), ("Tandvård", D(150000))), "utfall")),
                  "tkr", "Stapeldiagram: y.")


@pytest.mark.parametrize("chart", [LINE_CHART, BAR_CHART], ids=["linje", "stapel"])
def test_the_same_chart_gives_the_same_bytes_and_holds_no_script_comment_or_link(chart):
    svg = draw_svg(chart, LOOK)
    assert svg == draw_svg(chart, LOOK)
    root = ET.fromstring(svg)
    tags = {e.tag.removeprefix(SVG) for e in root.iter() if isinstance(e.tag, str)}
    assert not tags & {"script", "a", "image", "foreignObject", "desc"}
    assert b"<!--" not in svg and b"http://" not in svg.replace(b"http://www.w3.org/", b"")
    assert root.find(f"{SVG}title").text == chart.alt  # for whoever opens the SVG alone


def test_a_name_from_the_plan_is_escaped_text_in_the_svg():
    root = ET.fromstring(draw_svg(BAR_CHART, LOOK))
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert HOSTILE[:30] in texts  # as written, not as markup
    assert not [e for e in root.iter() if e.tag == f"{SVG}script"]


def test_swedish_numbers_on_the_axis_and_the_unit_beside_it():
    texts = [e.text for e in ET.fromstring(draw_svg(BAR_CHART, LOOK)).iter(f"{SVG}text")]
    assert any(t and "\u2009000" in t for t in texts)  # 400 000 with a thin space
    assert "tkr" in texts
    texts = [e.text for e in ET.fromstring(draw_svg(LINE_CHART, LOOK)).iter(f"{SVG}text")]
    assert {"2022", "2023", "2024", "%"} <= set(texts)


def test_series_differ_in_form_not_colour_alone():
    css = ET.fromstring(draw_svg(LINE_CHART, LOOK)).find(f"{SVG}defs/{SVG}style").text
    assert ".serie-1 .line{stroke-dasharray:2,3}" in css  # the second outcome dotted
    assert ".serie-2 .line{stroke-dasharray:7,4}" in css  # the target dashed
    assert ".serie-2 .dot{fill:white" in css  # with hollow dots
    svg = draw_svg(BAR_CHART, LOOK)
    assert b"<pattern" in svg and b".serie-1 .rect" in svg  # the second bars hatched, in the legend too


def test_the_fonts_put_the_pdf_font_first_and_the_page_font_after():
    css = ET.fromstring(draw_svg(LINE_CHART, LOOK)).find(f"{SVG}defs/{SVG}style").text
    assert 'font-family:"Libertinus Serif",system-ui,sans-serif' in css


def test_axis_numbers_keep_every_digit_a_float_holds():
    """Two outcomes a krona apart in a budget of billions get two different labels on the axis."""
    chart = Chart(LINE, (Series("Utfall", (("2022", D("123456789012")), ("2023", D("123456789013"))), "utfall"),),
                  "kr", "Linjediagram: z.")
    texts = [e.text for e in ET.fromstring(draw_svg(chart, LOOK)).iter(f"{SVG}text")]
    assert "123\u2009456\u2009789\u2009012" in texts and "123\u2009456\u2009789\u2009013" in texts


def test_eight_organisations_get_eight_forms_of_line():
    chart = Chart(LINE, tuple(Series(f"Utfall {o}", (("2022", D(i)), ("2023", D(i + 1))), "utfall")
                              for i, o in enumerate("ABCDEFGH")), "%", "Linjediagram: w.")
    css = ET.fromstring(draw_svg(chart, LOOK)).find(f"{SVG}defs/{SVG}style").text
    dashes = [css.split(f".serie-{k} .line{{stroke-dasharray:")[1].split("}")[0] if f".serie-{k} .line{{" in css
              else "" for k in range(8)]
    assert len(set(dashes)) == 8


def test_where_the_styles_fonts_lie_does_not_change_the_bytes():
    """Two checkouts in different folders release the same documents."""
    here = Look(LOOK.primary, LOOK.accent, LOOK.font, ("/home/a/repo/templates/x/typsnitt",))
    there = Look(LOOK.primary, LOOK.accent, LOOK.font, ("/srv/ci/repo/templates/x/typsnitt",))
    assert draw_svg(LINE_CHART, here) == draw_svg(LINE_CHART, there)


def test_the_pictures_for_word_are_one_page_each_the_same_pixels_as_one_at_a_time(monkeypatch):
    """All of a report's PNGs come from one typst compile; in this process or, for a report too
    large for it, in a child process, each chart keeps its own page and its own pixels."""
    pytest.importorskip("typst")
    from vplan.followup.report.charts import picture, pictures
    from vplan.render import _typst

    svgs = [draw_svg(LINE_CHART, LOOK), draw_svg(BAR_CHART, LOOK), draw_svg(LINE_CHART, LOOK)]
    heights = [LINE_CHART.height_cm, BAR_CHART.height_cm, LINE_CHART.height_cm]
    one_by_one = [picture(svg, height) for svg, height in zip(svgs, heights)]
    assert one_by_one[0] != one_by_one[1] and one_by_one[0] == one_by_one[2]
    assert all(png.startswith(b"\x89PNG\r\n\x1a\n") for png in one_by_one)
    assert pictures(svgs, heights) == one_by_one
    monkeypatch.setattr(_typst, "IN_PROCESS_LIMIT", 100)  # the child process's framed pages
    assert pictures(svgs, heights) == one_by_one
    assert pictures([], []) == []


@pytest.mark.parametrize("chart", [LINE_CHART, BAR_CHART], ids=["linje", "stapel"])
def test_the_legend_stands_inside_the_picture_with_room_for_g_and_j(chart):
    """pygal put a bar chart's legend on the bottom edge, and a browser cut "jan–aug" short."""
    import re

    svg = draw_svg(chart, LOOK).decode("utf-8")
    height = float(re.search(r'viewBox="0 0 [0-9.]+ ([0-9.]+)"', svg).group(1))
    top = float(re.search(r'translate\([0-9.]+, ([0-9.]+)\)" class="legends"', svg).group(1))
    legends = svg.split('class="legends"', 1)[1]
    baselines = [float(y) for y in re.findall(r'<text x="[0-9.]+" y="([0-9.]+)">', legends)]
    assert baselines and top + max(baselines) + 4 <= height  # 12 px text: descenders reach some 3 px down
