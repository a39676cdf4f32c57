"""Document tree + RenderMeta + HouseStyle → HTML, DOCX or PDF bytes.

The document is pandoc's JSON tree (vplan.render.tree), read by pandoc as
`--from json`: nothing in it is parsed as Markdown. Cover facts join the tree's
metadata as literal text. (The marked-up versions of vplan.render.redline
still hand over Markdown text; that path reads it as before.)

Each format is one pandoc call (plus a typst compile for PDF), time-limited,
with every timestamp taken from RenderMeta so equal input gives equal bytes.
"""
from __future__ import annotations

import contextlib
import os
import re
import json
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterator, Mapping

from vplan.render._filters import write_filters
from vplan.render._meta import RenderMeta, pandoc_metadata, tree_metadata
from vplan.render._pandoc import run_pandoc
from vplan.render.errors import RenderError
from vplan.render.housestyle import HouseStyle

__all__ = ["RenderMeta", "RenderError", "RENDERERS", "to_html", "to_docx", "to_pdf", "typst_source"]

READER = "markdown+lists_without_preceding_blankline"  # CommonMark list rule, as vplan fmt assumes


Document = "str | dict"  # a tree from vplan.render.tree, or redline's Markdown


def to_html(markdown: Document, meta: RenderMeta, style: HouseStyle) -> bytes:
    """One self-contained HTML file: CSS and images inline, nothing fetched."""
    with _workdir() as work:
        variables = _style_css(work, style) + _logo_args(style, str(style.logo) if style.logo else "")
        common, stdin = _common_args(work, meta, {"toc-title": "Innehåll"}, markdown)
        args = [
            *common,
            "-t", "html5", "--standalone", "--embed-resources", "--section-divs",
            "--template", str(style.require("html.template")),
            # Chapters become h2 under the title's h1, so the contents go one level deeper.
            "--toc", "--toc-depth", str(style.toc_depth + 1), "--shift-heading-level-by", "1",
            "--resource-path", _resource_path(work, style),
            *_numbering_args(style), *variables,
        ]
        return run_pandoc(args, stdin=stdin, cwd=work, epoch=meta.epoch,
                          step="pandoc kunde inte göra HTML-filen")


def to_docx(markdown: Document, meta: RenderMeta, style: HouseStyle) -> bytes:
    """A Word file styled by the house style's reference document."""
    from vplan.render._docx import reference_docx
    from vplan.render._filters import table_hyphens

    with _workdir() as work:
        reference = work / "reference.docx"
        reference.write_bytes(reference_docx(style, meta))
        out = work / "ut.docx"
        common, stdin = _common_args(work, meta, _docx_cover(meta, tree=not isinstance(markdown, str)),
                                     markdown, lang=meta.lang_region,
                                     hyphens=table_hyphens(markdown) if isinstance(markdown, str) else None)
        args = [
            *common,
            "-t", "docx", "--reference-doc", str(reference), "-o", str(out),
            "--toc", "--toc-depth", str(style.toc_depth), *_numbering_args(style),
        ]
        run_pandoc(args, stdin=stdin, cwd=work, epoch=meta.epoch,
                   step="pandoc kunde inte göra DOCX-filen")
        return out.read_bytes()


def to_pdf(markdown: Document, meta: RenderMeta, style: HouseStyle) -> bytes:
    """A tagged PDF/UA-1 + PDF/A-2a made by typst from pandoc's typst output."""
    from vplan.render._typst import compile_pdf

    root = _pdf_root(markdown, style)
    source = typst_source(markdown, meta, style, root=root)
    return compile_pdf(source, root=root, font_dirs=style.font_dirs, epoch=meta.epoch)


# The build's safety layer has made every image path absolute and inside the repository.
_ABS_IMAGE = re.compile(r"!\[[^\]]*\]\(<?(/[^)>\s]+)>?")


def _pdf_root(markdown: Document, style: HouseStyle) -> Path:
    """typst reads files only below its root: the house style's folder and the images' folders."""
    base = style.logo.parent if style.logo else style.folders[0]
    images = _ABS_IMAGE.findall(markdown) if isinstance(markdown, str) else tree_images(markdown)
    return Path(os.path.commonpath([base, *images])) if images else base


def _root_relative(source: str, root: Path) -> str:
    """typst paths starting with / are relative to its root, not to the file system."""
    prefix = str(root).rstrip("/") + "/"
    return re.sub(r'image\("' + re.escape(prefix), 'image("/', source)


def tree_images(document: dict) -> list[str]:
    """The image paths in a tree (made absolute and checked by vplan.render.tree.safety)."""
    out: list[str] = []
    stack: list = [document["blocks"]]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if node.get("t") == "Image":
                out.append(node["c"][2][0])
            elif "c" in node:
                stack.append(node["c"])
    return out


def typst_source(markdown: Document, meta: RenderMeta, style: HouseStyle, root: Path | None = None) -> str:
    """The typst source to_pdf compiles; useful when a PDF looks wrong."""
    root = root or _pdf_root(markdown, style)
    with _workdir() as work:
        common, stdin = _common_args(work, meta, {}, markdown)
        args = [
            *common,
            "-t", "typst", "--template", str(style.require("typst.template")),
            *_typst_variables(meta, style, root),
        ]
        out = run_pandoc(args, stdin=stdin, cwd=work, epoch=meta.epoch,
                         step="pandoc kunde inte göra PDF-källan")
    from vplan.render._typst import fit_tables

    return _root_relative(fit_tables(out.decode("utf-8")), root)


RENDERERS: Mapping[str, Callable[[str, RenderMeta, HouseStyle], bytes]] = MappingProxyType({
    "html": to_html,
    "docx": to_docx,
    "pdf": to_pdf,
})


# --- shared pieces ------------------------------------------------------------

@contextlib.contextmanager
def _workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="vplan-") as name:
        work = Path(name)
        (work / "pandoc-data").mkdir()
        yield work


def _common_args(work: Path, meta: RenderMeta, extra: dict, document: Document, *, lang: str | None = None,
                 hyphens: dict[str, str] | None = None) -> tuple[list[str], str]:
    """pandoc's shared arguments and its standard input for `document`."""
    shared = ["--wrap", "none", "--data-dir", str(work / "pandoc-data"), *write_filters(work, hyphens)]
    if not isinstance(document, str):
        tree = {**document, "meta": {**document.get("meta", {}),
                                     **tree_metadata(meta, extra, lang or meta.lang)}}
        return ["--from", "json", *shared], json.dumps(tree, ensure_ascii=False)
    values = pandoc_metadata(meta, extra)
    values["lang"] = lang or meta.lang
    meta_file = work / "metadata.json"
    meta_file.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return ["--from", READER, "--metadata-file", str(meta_file), *shared], document


def _numbering_args(style: HouseStyle) -> list[str]:
    return ["--number-sections"] if style.numbering else []


def _resource_path(work: Path, style: HouseStyle) -> str:
    import os

    return os.pathsep.join([str(work), *(str(f) for f in style.folders)])


def _style_css(work: Path, style: HouseStyle) -> list[str]:
    """CSS variables from style.yaml, then the style's html.css; both end up inline."""
    c, f = style.colours, style.fonts
    variables = work / "husstil.css"
    variables.write_text(
        ":root {\n"
        f"  --primar: {c.primary};\n  --accent: {c.accent};\n  --text: {c.text};\n"
        f"  --tabellhuvud: {c.table_header};\n  --markering: {c.mark};\n"
        f"  --typsnitt: {f.html};\n  --typsnitt-rubriker: {f.html_headings};\n"
        "}\n",
        encoding="utf-8",
    )
    return ["--css", str(variables), "--css", str(style.require("html.css"))]


def _logo_args(style: HouseStyle, logo_ref: str) -> list[str]:
    if not style.logo:
        return []
    return ["-V", f"logotyp={logo_ref}", "-M", f"logotyp-alt={style.logo_alt}"]


def _typst_variables(meta: RenderMeta, style: HouseStyle, root: Path) -> list[str]:
    c, f = style.colours, style.fonts
    lang, _, region = meta.lang_region.partition("-")
    values = {
        "farg-primar": c.primary, "farg-accent": c.accent, "farg-text": c.text,
        "farg-tabellhuvud": c.table_header, "farg-markering": c.mark,
        "typsnitt": f.pdf, "typsnitt-rubriker": f.pdf_headings,
        "innehallsdjup": str(style.toc_depth),
        "typst-lang": lang, "typst-region": region or "SE",
        "typst-author": typst_string(f"{meta.region}, {meta.board}"),
    }
    if style.numbering:
        values["numrering"] = style.numbering
    if style.chapter_on_new_page:
        values["kapitel-ny-sida"] = "true"
    if style.logo:
        values["logotyp"] = "/" + os.path.relpath(style.logo, root)
        values["logotyp-alt"] = typst_string(style.logo_alt)
    args: list[str] = []
    for key, value in values.items():
        args += ["-V", f"{key}={value}"]
    return args


def typst_string(text: str) -> str:
    """A typst string literal: the value can hold any character safely."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "") + '"'


def _docx_cover(meta: RenderMeta, *, tree: bool = False) -> dict:
    """Word shows Title, Subtitle, Author, Abstract before the table of contents."""
    from vplan.render._meta import literal

    facts = [("Diarienummer", meta.diary_number), ("Datum", meta.date),
             ("Status", meta.status_text), ("Beslut", meta.decision), ("Upprättad av", meta.compiled_by)]
    if tree:  # tree metadata: literal text by construction
        from vplan.render.tree import nodes as n

        paras = [n.para(n.strong(n.text(f"{name}:")) + [n.space()] + n.text(value))
                 for name, value in facts if value]
        return {
            "author": n.meta_list([n.meta_inlines(meta.region), n.meta_inlines(meta.board)]),
            "abstract": n.meta_blocks(paras),
            "abstract-title": "Dokumentuppgifter",
            "toc-title": "Innehåll",
        }
    lines = [f"**{name}:** {literal(value)}" for name, value in facts if value]
    return {
        "author": [literal(meta.region), literal(meta.board)],
        "abstract": "\n\n".join(lines),
        "abstract-title": "Dokumentuppgifter",
        "toc-title": "Innehåll",
    }
