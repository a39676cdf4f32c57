"""Engines: equal input gives equal bytes, and every failure is one RenderError naming its step."""
from __future__ import annotations

import dataclasses
import json
import shutil
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from render_support import FORMATS, load_meta, renders  # noqa: F401 (fixtures)
from vplan.render import _pandoc, _typst
from vplan.render.engines import RENDERERS, RenderMeta, to_pdf, typst_source, typst_string
from vplan.render.errors import RenderError
from vplan.render.housestyle import BUILTIN_DIR, load_house_style


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", ["standard", "jamtland-harjedalen"])
def test_two_renders_give_identical_bytes(renders, style, fmt):
    assert renders.render(style, fmt) == renders.get(style, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_source_date_epoch_decides_the_timestamps(renders, fmt):
    style = load_house_style("standard")
    first = RENDERERS[fmt](renders.document, load_meta(source_date_epoch=1_700_000_000), style)
    assert first != renders.get("standard", fmt) or fmt == "html"


def test_renderers_registry_is_read_only():
    with pytest.raises(TypeError):
        RENDERERS["odt"] = None  # type: ignore[index]


def test_meta_refuses_an_unknown_status_and_a_bad_date():
    with pytest.raises(RenderError, match="status ska vara utkast, förslag, beslutad"):
        load_meta(status="klar")
    with pytest.raises(RenderError, match="ÅÅÅÅ-MM-DD"):
        load_meta(date="20 november 2024")


def test_meta_epoch_falls_back_to_the_date_then_zero():
    assert load_meta().epoch == 1732060800
    assert dataclasses.replace(load_meta(), date=None).epoch == 0
    assert load_meta(source_date_epoch=5).epoch == 5


def test_metadata_is_never_read_as_markup(renders):
    meta = load_meta(title="Plan *2025* <b>x</b> #set [^1]", diary_number="24RS64-3 $x$")
    style = load_house_style("standard")
    page = RENDERERS["html"](renders.document, meta, style).decode("utf-8")
    assert "<title>Plan *2025* &lt;b&gt;x&lt;/b&gt; #set [^1]</title>" in page
    assert "24RS64-3 $x$" in page
    source = typst_source(renders.document, meta, style)
    assert "Plan \\*2025\\* \\<b\\>x\\</b\\> \\#set \\[^1\\]" in source


def test_pandoc_time_limit_gives_a_swedish_error():
    with pytest.raises(RenderError) as err:
        _pandoc.run_pandoc(["--from", "markdown", "--to", "html"], stdin="# A\n", step="steg", timeout=0.0001)
    assert str(err.value) == "steg: pandoc tog mer än 0 sekunder och avbröts"


def test_pandoc_failure_leaves_out_the_haskell_call_stack(tmp_path):
    with pytest.raises(RenderError) as err:
        _pandoc.run_pandoc(["--from", "markdown", "--to", "html", str(tmp_path / "saknas.md")], step="steg")
    assert "saknas.md" in str(err.value) and "HasCallStack" not in str(err.value)


@pytest.mark.skipif(sys.platform == "win32", reason="signals are POSIX")
def test_pandoc_stopped_by_ctrl_c_is_the_users_ctrl_c_not_pandoc_failing(tmp_path, monkeypatch):
    """Ctrl-C in a terminal reaches pandoc too; its death is the interruption (exit 130,
    "Avbrutet."), not "pandoc kunde inte göra HTML-filen: okänt fel"."""
    script = tmp_path / "pandoc"
    script.write_text("#!/bin/sh\nkill -INT $$\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(_pandoc, "pandoc_path", lambda: str(script))
    with pytest.raises(KeyboardInterrupt):
        _pandoc.run_pandoc(["--to", "html"], stdin="# A\n", step="steg")


def test_pandoc_failure_names_the_step(renders, tmp_path):
    broken = tmp_path / "trasig"
    shutil.copytree(BUILTIN_DIR / "standard", broken)
    (broken / "typst.template").write_text("$if(title)$ utan slut\n", encoding="utf-8")
    style = load_house_style("trasig", [tmp_path])
    with pytest.raises(RenderError) as err:
        to_pdf(renders.document, load_meta(), style)
    assert str(err.value).startswith("pandoc kunde inte göra PDF-källan: ")


def test_typst_failure_names_the_step(renders, tmp_path):
    broken = tmp_path / "trasig"
    shutil.copytree(BUILTIN_DIR / "standard", broken)
    (broken / "typst.template").write_text("#let x = (\n$body$\n", encoding="utf-8")
    style = load_house_style("trasig", [tmp_path])
    with pytest.raises(RenderError) as err:
        to_pdf(renders.document, load_meta(), style)
    assert str(err.value).startswith("typst kunde inte göra PDF:en: ")


def test_typst_time_limit_gives_a_swedish_error(tmp_path):
    # Only a large document compiles in a child process, which is what the time limit stops.
    source = "#lorem(10)\n" + "// fyllnad\n" * (_typst.IN_PROCESS_LIMIT // 10)
    with pytest.raises(RenderError) as err:
        _typst.compile_pdf(source, root=tmp_path, timeout=0.0001)
    assert "avbröts" in str(err.value)


def test_typst_without_a_title_is_refused_by_pdf_ua(tmp_path):
    with pytest.raises(RenderError, match="typst kunde inte göra PDF:en"):
        _typst.compile_pdf("#set text(lang: \"sv\")\nHej", root=tmp_path)


def test_fit_tables_gives_the_text_column_the_free_width():
    source = "#table(\n    columns: 3,\n    align: (left,right,right,),\n"
    assert "columns: (1fr, auto, auto)," in _typst.fit_tables(source)
    numeric_first = "#table(\n    columns: 3,\n    align: (right,right,right,),\n"
    assert _typst.fit_tables(numeric_first) == numeric_first


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_typst_string_keeps_any_text(text):
    import typst

    evaluated = typst.eval(b"", typst_string(text), format="json")
    assert json.loads(evaluated) == text.replace("\r", "")


def test_render_meta_is_frozen():
    meta = RenderMeta(title="T", region="R", board="N")
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.title = "X"  # type: ignore[misc]


def test_a_font_the_pdf_cannot_have_is_an_error_not_a_silent_fallback(renders, tmp_path):
    own = tmp_path / "arial"
    own.mkdir()
    (own / "style.yaml").write_text("bas: standard\ntypsnitt:\n  pdf: Arial\n", encoding="utf-8")
    with pytest.raises(RenderError, match="typsnittet 'arial' finns inte"):
        to_pdf(renders.document, load_meta(), load_house_style("arial", [tmp_path]))


def test_a_style_can_bring_its_own_font_in_typsnitt(renders, tmp_path):
    from pathlib import Path

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("DejaVuSans.ttf saknas (fonts-dejavu-core; kör .ci/install-judges.sh)")
    own = tmp_path / "egen"
    (own / "typsnitt").mkdir(parents=True)
    shutil.copy(font, own / "typsnitt" / font.name)
    (own / "style.yaml").write_text("bas: standard\ntypsnitt:\n  pdf: DejaVu Sans\n", encoding="utf-8")
    pdf = to_pdf(renders.document, load_meta(), load_house_style("egen", [tmp_path]))
    assert b"DejaVuSans" in pdf
