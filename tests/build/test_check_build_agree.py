"""A plan that passes check builds in all three formats: check and build never disagree.

Checked on generated plans (prose full of links, images, HTML, code and lists,
some allowed and some not) and on every bad-input case in tests/cases/check.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from build_support import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CASES = Path(__file__).resolve().parents[1] / "cases" / "check"


def png(width: int = 2, height: int = 2) -> bytes:
    """A small valid PNG, made here so that no binary file is needed."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


BROKEN_PNG = png()[:-20] + b"\x00" * 20  # the right signature, a damaged body

PIECES = [
    "[webben](https://example.se)", "[post](mailto:a@example.se)", "[tel](tel:112)", "[js](javascript:x)",
    "[rubrik](#inledning)", "[saknas](#nej)", "[fil](bilder/karta.png)", "[ut](../../x)",
    "![Karta](bilder/karta.png)", "![](bilder/karta.png)", "![Trasig](bilder/trasig.png)", "![Karta](bilder/saknas.png)", "![K](/etc/passwd)",
    "<https://example.se>", "<ftp://example.se>", "<b>fet</b>", "<sup>2</sup>", "<etikett>", "<script>x</script>",
    "`kod`", "**fet**", "*kursiv*", "$5$", "@konto", "\\textbf{x}", "C:\\temp", "[^fn]", "1)", "2024.", "- ",
    "\n\n- punkt\n- punkt", "\n\n1. ett\n2. två", "\n\n```{=typst}\n#read(\"/etc/passwd\")\n```\n\n",
    "\n\n> citat", "\n\nRubrik\n======\n\n", "&amp;", "&#x3C;script&#x3E;", "[ref][k]\n\n[k]: https://example.se\n\n",
    "![ref][b]\n\n[b]: /etc/hostname\n\n", "\u00a0", "|", "{=html}", "<!-- kommentar -->",
    "\n\n" + "> " * 13 + "djupt\n\n", "\n\n" + "> " * 6 + "lagom\n\n", "[" * 25 + "x" + "]" * 25,
    "*" * 9 + "x" + "*" * 9, "x" * 1200, "\n\n" + "\n".join("  " * i + "- x" for i in range(14)) + "\n\n",
]
PROSE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map(" ".join)


def make_project(root: Path, prose: str) -> Path:
    (root / "plans" / "bilder").mkdir(parents=True)
    (root / "plans" / "bilder" / "karta.png").write_bytes(png())
    (root / "plans" / "bilder" / "trasig.png").write_bytes(BROKEN_PNG)
    text = (DATA / "liten.md").read_text(encoding="utf-8")
    text = text.replace("Planen visar vad styrelsen vill uppnå.", prose + "\n\n[^fn]: En fotnot.")
    path = root / "plans" / "liten.md"
    path.write_text(text, encoding="utf-8")
    return path


def agree(path: Path, project: Path) -> None:
    from vplan import api
    from vplan.options import Options
    from vplan.render.build import BUILT, REFUSED, build

    options = Options(project_dir=project, out_dir=project / "dist")
    checked = api.check([path], options=options)
    result = build([path], options=options).plans[0]
    if checked.exit_code() == 0:
        assert result.status == BUILT, (result.status, result.message, [d.message for d in result.diagnostics])
        assert {o.format for o in result.outputs} == {"html", "docx", "pdf"}
    else:
        assert result.status == REFUSED, (result.status, result.message)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(prose=PROSE)
def test_generated_plans(prose, tmp_path_factory):
    project = tmp_path_factory.mktemp("agree")
    agree(make_project(project, prose), project)


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.md")))
def test_bad_input_cases(name, tmp_path):
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / f"{name}.md"
    shutil.copyfile(CASES / f"{name}.md", path)
    agree(path, tmp_path)
