"""What an official writes can never run code in the HTML or read files outside the repository."""
from __future__ import annotations

from pathlib import Path

import pytest
from build_support import project, small_plan  # noqa: F401 (fixtures)

from vplan.model import Pos

HOSTILE_PROSE = """
Text med <script>alert('x')</script> skript och <b onclick="alert(1)">fet</b> text.

[En länk](javascript:alert(1)) och [en till](JaVa&#x53;cript:alert(2)) och <javascript:alert(3)>.

<img src="x" onerror="alert(4)"> <a href="data:text/html;base64,PHNjcmlwdD4=">data</a>

[span]{onclick="alert(5)"} och `kod`{=html}

```{=html}
<script>alert(6)</script>
```

<div onmouseover="alert(7)">Inuti en div.</div>
"""

HOSTILE_BLOCK = """
```risker
risker:
  - titel: <script>alert(8)</script>Risk
    beskrivning: Se <a href="javascript:alert(9)" onclick="x()">här</a>.
```
"""


def with_hostile_text(text: str) -> str:
    return text.replace("Planen visar vad styrelsen vill uppnå.", HOSTILE_PROSE + HOSTILE_BLOCK)


def test_scripts_handlers_and_javascript_links_never_reach_the_html(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, edit=with_hostile_text)
    code, out, err = run_cli(["build", "--format", "html"])
    assert code == 1 and "VP406" in out  # the check refuses such a plan ...
    code, out, err = run_cli(["build", "--format", "html", "--draft"])
    assert code == 0, out + err  # ... and a draft of it is built, made harmless
    html = (project / "dist" / "liten.html").read_text(encoding="utf-8")
    tags = _tags(html)
    assert "script" not in {tag for tag, _ in tags}
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.lower().startswith("on")]
    links = [v for _, attrs in tags for a, v in attrs if a in ("href", "src") and v]
    assert not [v for v in links if v.strip().lower().startswith(("javascript:", "data:text"))]
    # the text itself survives, the HTML shown as the text it is
    assert "Inuti en div." in html and "&lt;b onclick=&quot;alert(1)&quot;&gt;fet" in html


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_built_html_is_checked_again_before_it_is_written(project, monkeypatch):
    """Should anything slip through, the HTML is refused rather than written."""
    from vplan.options import Options
    from vplan.render import engines
    from vplan.render.build import FAILED, build

    small_plan(project)
    real = engines.RENDERERS["html"]

    def sneaky(markdown, meta, style):
        return real(markdown, meta, style).replace(b"</main>", b"<p onclick='x()'>!</p></main>")

    monkeypatch.setattr(engines, "RENDERERS", {**engines.RENDERERS, "html": sneaky})
    result = build([], options=Options(project_dir=project, formats=("html",)))
    assert result.plans[0].status == FAILED and "onclick" in result.plans[0].message
    assert not (project / "dist" / "liten.html").exists()


@pytest.mark.parametrize("target", [
    "../../../../etc/passwd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd",
    "https://example.org/logo.png", "bilder/utanfor.png",
])
def test_an_image_outside_the_repository_is_refused(project, run_cli, monkeypatch, target, tmp_path_factory):
    monkeypatch.chdir(project)
    outside = tmp_path_factory.mktemp("utanfor") / "hemlig.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (project / "plans" / "bilder").mkdir()
    (project / "plans" / "bilder" / "utanfor.png").symlink_to(outside)  # a symlink leading out
    small_plan(project, edit=lambda t: t.replace("Planen visar", f"![Bild]({target})\n\nPlanen visar"))
    code, out, err = run_cli(["build", "--format", "html"])
    assert code == 1
    assert "plans/liten.md:21:9: fel VP901" in out
    assert target in out
    assert not (project / "dist").exists()


def test_an_image_inside_the_repository_is_used(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    (project / "plans" / "bilder").mkdir()
    (project / "plans" / "bilder" / "karta.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    small_plan(project, edit=lambda t: t.replace("Planen visar", "![Karta över länet](bilder/karta.svg)\n\nPlanen visar"))
    code, out, err = run_cli(["build", "--format", "html,docx"])
    assert code == 0, out + err
    assert 'alt="Karta över länet"' in (project / "dist" / "liten.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("source, expected, codes", [
    ("Hej <script>alert(1)</script> du", "Hej <script>alert(1)</script> du", ["VP406", "VP406"]),
    ("<b>fet</b> och <i>kursiv</i><br>ny rad", "Strong(fet) och Emph(kursiv)<br>ny rad", []),
    ("[x](javascript:alert(1))", "x", ["VP420"]),
    ("[x](https://skr.se)", "Link(x -> https://skr.se)", []),
    ("<https://skr.se> och <vbscript:x>", "Link(https://skr.se -> https://skr.se) och vbscript:x", ["VP420"]),
    ("a < b", "a < b", []),
    ("`<b>` kod", "Code(<b>) kod", []),
    ("[t]{.klass}", "[t]{.klass}", []),
    ("```{=typst}\n#read(\"/etc/passwd\")\n```", "CodeBlock([]: #read(\"/etc/passwd\"))", []),
    ("$5$ @ref \\textbf{y} <etikett>", "$5$ @ref \\textbf{y} <etikett>", ["VP407"]),
])
def test_prose_tree_is_made_safe(source, expected, codes):
    """Raw HTML and raw-format blocks become text, unsafe links their text; only Str nodes hold it."""
    from vplan.read import prose
    from vplan.render.tree.safety import Inspector

    inspector = Inspector(Path("/nonexistent"), Path("/nonexistent"))
    [tree] = prose.parse([source])
    safe = inspector.inspect(tree, source, Pos("p.md", 1, 1))
    assert _show(safe) == expected and [d.code for d in inspector.diagnostics] == codes


def _show(nodes) -> str:
    out = []
    for x in nodes:
        t, c = x["t"], x.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append("<br>")
        elif t in ("Para", "Plain"):
            out.append(_show(c))
        elif t in ("Strong", "Emph"):
            out.append(f"{t}({_show(c)})")
        elif t == "Link":
            out.append(f"Link({_show(c[1])} -> {c[2][0]})")
        elif t == "Code":
            out.append(f"Code({c[1]})")
        elif t == "CodeBlock":
            out.append(f"CodeBlock({c[0][1]}: {c[1]})")
        else:
            out.append(f"<{t}>")
    return "".join(out)


def test_plan_text_is_data_not_template(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    small_plan(project, edit=lambda t: t.replace("Planen visar", "{{ 7 * 7 }} {% raw %} Planen visar"))
    code, out, err = run_cli(["build", "--format", "html", "--draft"])
    assert code == 0, out + err
    html = (project / "dist" / "liten.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }} {% raw %}" in html and ">49<" not in html


def test_a_logo_leading_out_of_the_repository_is_refused(project, run_cli, monkeypatch, tmp_path_factory):
    monkeypatch.chdir(project)
    outside = tmp_path_factory.mktemp("utanfor") / "logo.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    style = project / "templates" / "egen"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text("namn: Egen\nbas: standard\nlogotyp:\n  fil: logo.svg\n  alt: Egen logotyp\n",
                                      encoding="utf-8")
    (style / "logo.svg").symlink_to(outside)
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: egen"))
    code, out, err = run_cli(["build", "--format", "html"])
    assert code == 1, out + err
    assert "fel VP015: Husstilen ”egen” går inte att använda: Husstilens logotyp leder ut ur arkivet" in out
    code, out, err = run_cli(["build", "--format", "html", "--draft"])  # past check: the build's own refusal
    assert code == 1, out + err
    assert "templates/egen/style.yaml:4:3: fel VP902" in out and " 4 |   fil: logo.svg" in out
    assert not (project / "dist").exists()


def test_a_house_style_template_runs_in_a_sandbox(project, run_cli, monkeypatch):
    monkeypatch.chdir(project)
    style = project / "templates" / "egen"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text("namn: Egen\nbas: standard\n", encoding="utf-8")
    (style / "_ord.md.j2").write_text("{{ ord.__class__.__mro__ }}\n", encoding="utf-8")
    small_plan(project, edit=lambda t: t.replace("mall: standard", "mall: egen"))
    code, out, err = run_cli(["build", "--format", "html"])  # check reads the words as build does: VP015
    assert code == 1 and "VP015" in out and "_ord.md.j2, rad 1: filen får bara sätta orden" in out
    code, out, err = run_cli(["build", "--format", "html", "--draft"])
    assert code == 2 and "Husstilens mall: _ord.md.j2, rad 1: filen får bara sätta orden" in err
    assert "Traceback" not in out + err


def test_an_image_reference_split_from_its_definition_embeds_nothing(project, run_cli, monkeypatch,
                                                                      tmp_path_factory):
    """Each run of prose is parsed on its own: a reference in one section never meets a
    definition in another, so nothing outside the repository can be pulled in."""
    import zipfile

    monkeypatch.chdir(project)
    outside = tmp_path_factory.mktemp("utanfor") / "hemlig.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n" + b"hemligt" * 10)
    small_plan(project, edit=lambda t: t.replace("Planen visar vad styrelsen vill uppnå.", "![Karta][k]").replace(
        "# Ekonomi\n", f"# Ekonomi\n\n[k]: {outside}\n"))
    code, out, err = run_cli(["build"])
    assert code == 0, out + err
    html = (project / "dist" / "liten.html").read_text(encoding="utf-8")
    assert "<img" not in html.split("<main", 1)[-1] and "![Karta][k]" in html
    with zipfile.ZipFile(project / "dist" / "liten.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/") and "hemlig" in z.read(n).decode("latin-1")]
