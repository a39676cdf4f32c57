"""The follow-up reports of the three example follow-ups, read as a reader and a checker would:
charts as vector figures with alt text and their numbers beside them, lights as text and symbol,
PDF/UA tags, axe over the HTML, the same bytes on a second build."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLLOWUPS = sorted((ROOT / "uppfoljning").glob("*.md"))
NAMES = [p.stem for p in FOLLOWUPS]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every example follow-up built to every format once, and the charts each report has."""
    from vplan.api import load
    from vplan.options import Options
    from vplan.render.build import build

    out = tmp_path_factory.mktemp("dist")
    options = Options(project_dir=ROOT, out_dir=out)
    result = build(FOLLOWUPS, options=options)
    assert result.exit_code == 0, [(p.source, p.status, p.message, p.diagnostics) for p in result.plans]
    charts = {}
    for path in FOLLOWUPS:
        from vplan.followup.report.document import ReportBuilder
        from vplan.render.build import house_style

        followup = load(path, options=options).followup
        style, words = house_style(followup.document, options)
        builder = ReportBuilder(followup, words=words, style=style, root=ROOT, base_dir=path.parent)
        builder.blocks()
        charts[path.stem] = builder.charts
    return out, charts


def test_every_example_plan_has_a_follow_up_that_checks_clean():
    from vplan.api import check
    from vplan.options import Options

    assert {p.name.replace("-delår", "").replace("-2023", "").replace("-2025", "") for p in FOLLOWUPS} == {
        p.name.replace("-2023", "").replace("-2025", "") for p in (ROOT / "plans").glob("*.md")}
    result = check(FOLLOWUPS, options=Options(project_dir=ROOT))
    assert result.diagnostics == []


@pytest.mark.parametrize("name", NAMES)
def test_each_report_has_line_and_bar_charts_with_alt_text(built, name):
    _, charts = built
    kinds = {c.kind for c in charts[name]}
    assert kinds == {"linje", "stapel"}
    assert all(c.alt.startswith(("Linjediagram: ", "Stapeldiagram: ")) and len(c.alt) > 40 for c in charts[name])


@pytest.mark.parametrize("name", NAMES)
def test_html_shows_each_chart_as_svg_with_alt_text_and_its_data_table(built, name):
    out, charts = built
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    tags = [t for t in re.findall(r"<img\b[^>]*>", html)
            if 'src="data:image/svg+xml;base64,' in t and "logotyp" not in t]
    images = [m.group(1) for t in tags if (m := re.search(r'\balt="([^"]+)"', t))]
    assert len(images) == len(charts[name])
    assert all(a.startswith(("Linjediagram", "Stapeldiagram")) for a in images)
    import base64

    svgs = [base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', t).group(1)) for t in tags]
    assert all(svg.startswith(b"<svg") and b"<text" in svg and b"<script" not in svg for svg in svgs)
    assert html.count('class="diagramdata"') >= sum(c.kind == "linje" for c in charts[name])
    assert "●\u00a0Uppfyllt" in html or "◐\u00a0Delvis uppfyllt" in html
    assert re.search(r'class="status status-(grön|gul|röd) trafikljus"', html)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_is_pdf_ua_with_every_chart_a_tagged_vector_figure(built, name):
    from pypdf import PdfReader

    out, charts = built
    data = (out / f"{name}.pdf").read_bytes()
    pdf = PdfReader(io.BytesIO(data))
    root = pdf.trailer["/Root"]
    xmp = root["/Metadata"].get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp) and bool(root["/MarkInfo"]["/Marked"])
    alts = []
    stack = [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not hasattr(node, "get"):
            continue
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, list) else [kids]) if kids is not None else []:
            if hasattr(kid, "get_object"):
                stack.append(kid)
    chart_alts = [a for a in alts if a.startswith(("Linjediagram", "Stapeldiagram"))]
    assert sorted(chart_alts) == sorted(c.alt for c in charts[name])
    # vector: the charts are drawn, not placed as pictures (only the logo may be one)
    def resolved(node, key):  # pypdf 4 hands out indirect references where later versions resolve them
        value = node.get(key) if node is not None else None
        return value.get_object() if value is not None else {}

    images = sum(len([x for x in resolved(resolved(page, "/Resources"), "/XObject").values()
                      if x.get_object().get("/Subtype") == "/Image"]) for page in pdf.pages)
    assert images <= 1


@pytest.mark.parametrize("name", NAMES)
def test_docx_holds_each_chart_as_a_picture_with_its_alt_text(built, name):
    out, charts = built
    with zipfile.ZipFile(out / f"{name}.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert sum(d.startswith(("Linjediagram", "Stapeldiagram")) for d in described) == len(charts[name])
    assert len(media) >= len(charts[name])
    assert 'descr="data:' not in xml
    assert re.search(r'<w:color w:val="1A7F37"/></w:rPr><w:t xml:space="preserve">●\u00a0', xml) or "◐" in xml


def test_a_second_build_gives_the_same_bytes(built, tmp_path):
    from vplan.options import Options
    from vplan.render.build import build

    out, _ = built
    result = build([FOLLOWUPS[0]], options=Options(project_dir=ROOT, out_dir=tmp_path))
    assert result.exit_code == 0
    for fmt in ("html", "docx", "pdf"):
        name = f"{FOLLOWUPS[0].stem}.{fmt}"
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_axe_finds_no_violations_in_the_reports(built):
    sys.path.insert(0, str(ROOT / "tests" / "judges"))
    from axe_run import missing, run_axe

    if missing():
        pytest.skip(missing())
    out, _ = built
    pages = run_axe(sorted(out.glob("*.html")))
    assert [(p["file"], p["violations"]) for p in pages if p["violations"]] == []
    assert all(not p["external_requests"] for p in pages)


def test_check_and_help_do_not_import_the_chart_library():  # pygal: a build of a report only
    code = ("import sys\nfrom vplan.cli import main\n"
            "try:\n    main(['check', 'uppfoljning/'])\nexcept SystemExit:\n    pass\n"
            "print('pygal' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().endswith("False"), done.stdout + done.stderr


def test_release_of_the_project_builds_plans_and_follow_ups(tmp_path):
    from vplan.api import collect
    from vplan.options import Options

    found = {p.relative_to(ROOT).parts[0] for p in collect([], Options(project_dir=ROOT))}
    assert found == {"plans", "uppfoljning"}


def test_a_follow_up_is_rebuilt_by_release_when_its_plan_changes(tmp_path):
    """The report shows the plan's names and targets: its digest covers the plan too."""
    from vplan.followup.report.build import source_digest
    from vplan.options import Options

    (tmp_path / "plans").mkdir()
    (tmp_path / "uppfoljning").mkdir()
    plan = tmp_path / "plans" / "liten-plan.md"
    plan.write_bytes((ROOT / "tests" / "cases" / "followup" / "plans" / "liten-plan.md").read_bytes())
    followup = tmp_path / "uppfoljning" / "ok.md"
    followup.write_bytes((ROOT / "tests" / "cases" / "followup" / "ok.md").read_bytes())
    options = Options(project_dir=tmp_path)
    before = source_digest(followup, options)
    plan.write_text(plan.read_text(encoding="utf-8").replace("Ramen är oförändrad.", "Ramen ökar."),
                    encoding="utf-8")
    assert source_digest(followup, options) != before
    assert source_digest(plan, options) is None  # a plan's digest is its own bytes


def test_text_from_the_follow_up_reaches_the_tree_only_as_text(tmp_path):
    """Markup in an assessment, a comment or an indicator name is shown, never run: it stays in Str
    nodes (escaped by every writer) and never enters the renderer's raw HTML, typst or Word XML."""
    import json

    from vplan.api import load
    from vplan.followup.report.document import ReportBuilder
    from vplan.followup.report.formats import Marks, for_format
    from vplan.options import Options
    from vplan.render.build import house_style

    cases = ROOT / "tests" / "cases" / "followup"
    (tmp_path / "plans").mkdir()
    (tmp_path / "uppfoljning").mkdir()
    hostile = '<script>alert(1)</script> #import "x" ]; #read("/etc/passwd")'
    plan = (cases / "plans" / "liten-plan.md").read_text(encoding="utf-8")
    (tmp_path / "plans" / "liten-plan.md").write_text(
        plan.replace("namn: Sjukfrånvaro", f"namn: 'Sjukfrånvaro {hostile}'"), encoding="utf-8")
    text = (cases / "ok.md").read_text(encoding="utf-8").replace(
        "text: Alla verksamheter har en säkerhetskultur.", f"text: '{hostile}'").replace(
        "    status: klart\n", f"    status: klart\n    kommentar: '{hostile}'\n")
    path = tmp_path / "uppfoljning" / "ok.md"
    path.write_text(text, encoding="utf-8")
    options = Options(project_dir=tmp_path)
    followup = load(path, options=options).followup
    style, words = house_style(followup.document, options)
    builder = ReportBuilder(followup, words=words, style=style, root=tmp_path, base_dir=path.parent)
    body = builder.blocks()
    assert any("<script>" in c.alt for c in builder.charts)  # the chart of Sjukfrånvaro names it

    def raws(node):
        if isinstance(node, dict):
            if node.get("t") in ("RawInline", "RawBlock"):
                yield node["c"][1]
            for v in node.values():
                yield from raws(v)
        elif isinstance(node, list):
            for v in node:
                yield from raws(v)

    marks = Marks(tuple(builder.charts))
    for fmt in ("html", "docx", "pdf"):
        tree = for_format(body, fmt, marks)
        assert "<script>" in json.dumps(tree, ensure_ascii=False)  # shown as text
        for raw in raws(tree):
            if fmt != "pdf":
                assert "<script>" not in raw and "passwd" not in raw, raw
            elif "<script>" in raw:  # a chart's alt text, inside a typst string literal only
                assert '#import "x"' not in raw and '#import \\"x\\"' in raw and raw.startswith("#image(bytes(")


@pytest.mark.parametrize("path", FOLLOWUPS, ids=NAMES)
def test_each_format_gets_its_charts_and_lights_while_the_report_tree_stays_as_it_was(path):
    """for_format copies only the way to a chart or a light; the tree the three formats share
    is never changed, and no chart is left as the builder's placeholder."""
    import json

    from vplan.api import load
    from vplan.followup.report.document import CHART_SCHEME, ReportBuilder
    from vplan.followup.report.formats import Marks, for_format
    from vplan.options import Options
    from vplan.render.build import house_style

    options = Options(project_dir=ROOT)
    followup = load(path, options=options).followup
    style, words = house_style(followup.document, options)
    builder = ReportBuilder(followup, words=words, style=style, root=ROOT, base_dir=path.parent)
    body = builder.blocks()
    before = json.dumps(body, ensure_ascii=False)
    marks = Marks(tuple(builder.charts))
    trees = {fmt: json.dumps(for_format(body, fmt, marks), ensure_ascii=False) for fmt in ("html", "docx", "pdf")}
    assert json.dumps(body, ensure_ascii=False) == before
    assert CHART_SCHEME in before and "trafikljus" in before
    for fmt, tree in trees.items():
        assert CHART_SCHEME not in tree, fmt
        assert tree.count(marks.token(0) if fmt != "docx" else "data:image/png;base64,") >= 1, fmt
    assert "trafikljus" not in trees["docx"] and '<w:color w:val=' in trees["docx"]
    assert "trafikljus" in trees["html"] and "trafikljus" in trees["pdf"]


def test_the_source_of_an_outcome_is_shown_as_written_in_every_format(tmp_path):
    """`källa` is text the user wrote (or vplan kolada wrote for them): it stands under the
    indicator's name in the report, literally, in HTML, Word and PDF; once when all years share
    it, else per year."""
    import html as html_lib

    sys.path.insert(0, str(ROOT / "tests" / "render"))
    from render_support import pdftotext

    from vplan.options import Options
    from vplan.render.build import build_plan

    cases = ROOT / "tests" / "cases" / "followup"
    (tmp_path / "plans").mkdir()
    (tmp_path / "uppfoljning").mkdir()
    (tmp_path / "plans" / "liten-plan.md").write_bytes((cases / "plans" / "liten-plan.md").read_bytes())
    text = (cases / "ok.md").read_text(encoding="utf-8")
    text = text.replace("      2024: 1250\n      2025: 1310\n",
                        "      2024: 1250\n      2025: 1310\n    källa:\n"
                        "      2024: {text: 'Besöksräknaren <b>&amp;</b> *stjärna*'}\n"
                        "      2025: {text: 'Besöksräknaren <b>&amp;</b> *stjärna*'}\n", 1)
    text = text.replace("      2024: 7.2\n      2025: 6.9\n",
                        "      2024: 7.2\n      2025: 6.9\n    källa:\n"
                        "      2024: {text: Personalsystemet}\n"
                        "      2025: {kolada: N00945, hämtad: 2025-09-15}\n", 1)
    path = tmp_path / "uppfoljning" / "ok.md"
    path.write_text(text, encoding="utf-8")
    result = build_plan(path, options=Options(project_dir=tmp_path, out_dir=tmp_path / "ut", cache_dir=None))
    assert result.status == "byggd", (result.message, result.diagnostics)
    out = {o.format: o.path for o in result.outputs}
    once = "Källa: Besöksräknaren <b>&amp;</b> *stjärna*"
    per_year = "Källa: 2024: Personalsystemet; 2025: Kolada N00945, hämtad 2025-09-15"

    page = out["html"].read_text(encoding="utf-8")
    shown = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", page)).split())
    assert once in shown and per_year in shown
    assert "<b>&amp;</b>" not in page  # escaped, not markup
    with zipfile.ZipFile(out["docx"]) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    words = html_lib.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    assert once in words and per_year in words
    pdf = " ".join(pdftotext(out["pdf"]).replace("\u00ad\n", "").split())  # typst hyphenates cells
    assert once in pdf and per_year in pdf
