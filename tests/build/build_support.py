"""Shared by the build tests: the example plans built once, and ways to read the results.

Not a conftest.py (tests/conftest.py is imported by name); test modules import
the fixtures from here.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "plans").glob("*.md"))
DATA = Path(__file__).resolve().parent / "data"
FORMATS = ("html", "docx", "pdf")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The three example plans built to every format once, into a temp folder."""
    from vplan.options import Options
    from vplan.render.build import build

    out = tmp_path_factory.mktemp("dist")
    options = Options(project_dir=ROOT, out_dir=out)
    result = build(PLANS, options=options)
    assert result.exit_code == 0, [(p.source, p.status, p.message) for p in result.plans]
    return out


@pytest.fixture
def project(tmp_path):
    """An empty project (plans/ only) to put test plans in."""
    (tmp_path / "plans").mkdir()
    return tmp_path


def small_plan(project: Path, name: str = "liten", edit=None) -> Path:
    """The small valid plan in data/, copied into `project`, optionally edited."""
    text = (DATA / "liten.md").read_text(encoding="utf-8")
    path = project / "plans" / f"{name}.md"
    path.write_text(edit(text) if edit else text, encoding="utf-8")
    return path


def load_plan(path: Path):
    from vplan.api import load
    from vplan.options import Options

    result = load(path, options=Options(project_dir=ROOT))
    assert result.plan is not None
    return result.plan


# --- reading the outputs --------------------------------------------------------

def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils)")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def docx_cells(path: Path) -> list[str]:
    """Every line of every table cell, the sub-rows' indentation removed."""
    import docx

    lines = []
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [line.strip("\u00a0 ") for line in cell.text.split("\n")]
    return lines


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += docx_cells(path)
    return "\n".join(parts)


def docx_headings(path: Path) -> list[str]:
    import docx

    return [_unnumbered(p.text) for p in docx.Document(str(path)).paragraphs
            if p.style is not None and p.style.name.startswith("Heading")]


def pdf_outline(path: Path) -> list[str]:
    from pypdf import PdfReader

    def flat(items):
        for item in items:
            if isinstance(item, list):
                yield from flat(item)
            else:
                yield _unnumbered(item.title)

    return list(flat(PdfReader(str(path)).outline))


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (id of the section, text)
        self._in: str | None = None
        self._text = ""
        self._ids: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._ids.append(attrs.get("id"))
        if re.fullmatch(r"h[2-6]", tag) and self._ids:
            self._in, self._text = tag, ""

    def handle_endtag(self, tag):
        if tag == self._in:
            self.found.append((self._ids[-1], _unnumbered(self._text)))
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text += data


def html_headings(path: Path) -> list[tuple[str, str]]:
    """(id, text) of the body's headings, in document order."""
    parser = _Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def _unnumbered(text: str) -> str:
    return re.sub(r"^\s*\d+(\.\d+)*\.?\s+", "", " ".join(text.split()))


def appears(needle: str, text: str) -> bool:
    """`needle` as a whole number (or phrase) in `text`, any kind of space counted alike."""
    norm = lambda s: re.sub(r"[\u00a0\u202f ]+", " ", s)  # noqa: E731
    return re.search(r"(?<![\d,])" + re.escape(norm(needle)) + r"(?![\d,])", norm(text)) is not None
