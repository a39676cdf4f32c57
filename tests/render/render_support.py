"""Renders shared by the render tests: each (house style, format, status) is made once.

Not a conftest.py: tests/conftest.py is imported by name (`from conftest import`),
and a second conftest.py would shadow it. Test modules import the fixtures.
"""
from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
STYLES = ("standard", "vasternorrland", "jamtland-harjedalen", "vasterbotten")
FORMATS = ("html", "docx", "pdf")


def load_meta(**changes):
    from ruamel.yaml import YAML

    from vplan.render.engines import RenderMeta

    values = YAML(typ="safe").load((DATA / "meta.yaml").read_text(encoding="utf-8"))
    return dataclasses.replace(RenderMeta(**values), **changes)


def markdown_tree(text: str) -> dict:
    """pandoc's document tree of a test's own Markdown: the engines take trees only."""
    import json

    from vplan.render._pandoc import run_pandoc

    return json.loads(run_pandoc(["--from", "markdown", "--to", "json"], stdin=text, step="testdata"))


class Renders:
    """Renders on demand and keeps them, as bytes and as files in a temp folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.document = markdown_tree((DATA / "sample.md").read_text(encoding="utf-8"))
        self._done: dict[tuple[str, str, str], bytes] = {}

    def get(self, style: str, fmt: str, status: str = "förslag") -> bytes:
        key = (style, fmt, status)
        if key not in self._done:
            self._done[key] = self.render(style, fmt, status)
            self.path(style, fmt, status).write_bytes(self._done[key])
        return self._done[key]

    def render(self, style: str, fmt: str, status: str = "förslag") -> bytes:
        from vplan.render.engines import RENDERERS
        from vplan.render.housestyle import load_house_style

        decision = "Regionstyrelsen 2024-12-10, § 240" if status == "beslutad" else None
        meta = load_meta(status=status, decision=decision)
        return RENDERERS[fmt](self.document, meta, load_house_style(style))

    def path(self, style: str, fmt: str, status: str = "förslag") -> Path:
        return self.folder / f"{style}-{status}.{fmt}"

    def file(self, style: str, fmt: str, status: str = "förslag") -> Path:
        self.get(style, fmt, status)
        return self.path(style, fmt, status)


_SHARED: list[Renders] = []


@pytest.fixture(scope="session")
def renders(tmp_path_factory) -> Renders:
    """One Renders for the whole run, whichever test module asks first."""
    if not _SHARED:
        _SHARED.append(Renders(tmp_path_factory.mktemp("renders")))
    return _SHARED[0]


@pytest.fixture(scope="session")
def meta():
    return load_meta()


# A missing judge skips on a developer's machine (pytest run without `make test`);
# under CI tests/conftest.py turns every skip into a failure, and .ci/run installs
# the judges, so a missing one can never pass quietly.


def libreoffice_pdf_of(docx: Path, folder: Path) -> Path:
    """The DOCX as LibreOffice lays it out (as a reader without Word sees it), as a PDF."""
    return libreoffice_convert(docx, folder, "pdf", ".pdf")


def libreoffice_convert(docx: Path, folder: Path, target: str, ending: str) -> Path:
    """`docx` opened and saved again by LibreOffice as `target` (a --convert-to filter) in `folder`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice saknas (libreoffice-writer-nogui; kör .ci/install-judges.sh)")
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profil", "--headless",
                    "--convert-to", target, "--outdir", str(folder), str(docx)],
                   capture_output=True, timeout=180, check=True)
    return folder / (docx.stem + ending)


def pdftotext(path: Path, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils; kör .ci/install-judges.sh)")
    done = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")
