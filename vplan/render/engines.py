"""Document tree + RenderMeta + HouseStyle → HTML, DOCX or PDF bytes.

The document is pandoc's JSON tree (vplan.render.tree), read by pandoc as
`--from json`: nothing in it is parsed as Markdown. Cover facts join the tree's
metadata as literal text.

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
from vplan.render._meta import RenderMeta, tree_metadata
from vplan.render._pandoc import run_pandoc
from vplan.render.errors import RenderError
from vplan.render.housestyle import HouseStyle

__all__ = ["RenderMeta", "RenderError", "RENDERERS", "to_html", "to_docx", "to_pdf", "typst_source"]

Document = dict  # pandoc's JSON document tree, from vplan.render.tree


def to_html(document: Document, meta: RenderMeta, style: HouseStyle) -> bytes:
    """One self-contained HTML file: CSS and images inline, nothing fetched."""
    with _workdir() as work:
        variables = _style_css(work, style) + _logo_args(style, str(style.logo) if style.logo else "")
        from vplan.render.tree.html import for_html

        common, stdin = _common_args(work, meta, {"toc-title": "Innehåll"}, document, transform=for_html,
                                     filters=False)
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


def to_docx(document: Document, meta: RenderMeta, style: HouseStyle, *,
            media: Callable[[dict], dict] | None = None) -> bytes:
    """A Word file styled by the house style's reference document. `media` may replace pictures
    in the finished file (path -> bytes: a follow-up's charts, vplan.followup.report.formats)."""
    from vplan.render._docx import finish_docx, reference_docx

    with _workdir() as work:
        reference = work / "reference.docx"
        reference.write_bytes(reference_docx(style, meta))
        out = work / "ut.docx"
        common, stdin = _common_args(work, meta, _docx_cover(meta), document, lang=meta.lang_region)
        args = [
            *common,
            # native_numbering: captions "Tabell N" as SEQ fields. The contents
            # (with entries) come from the Lua filter, the heading numbers from
            # the reference document's heading styles.
            "-t", "docx+native_numbering", "--reference-doc", str(reference), "-o", str(out),
            "-M", f"vplan-innehallsdjup={style.toc_depth}", "-M", "vplan-innehallsrubrik=Innehåll",
            *(["-M", f"vplan-rubriknumrering={style.numbering}"] if style.numbering else []),
        ]
        run_pandoc(args, stdin=stdin, cwd=work, epoch=meta.epoch,
                   step="pandoc kunde inte göra DOCX-filen")
        return finish_docx(out.read_bytes(), meta.epoch, media=media)


def to_pdf(document: Document, meta: RenderMeta, style: HouseStyle, *,
           fill: Callable[[str], str] | None = None) -> bytes:
    """A tagged PDF/UA-1 + PDF/A-2a made by typst from pandoc's typst output. `fill` may put into
    the source what pandoc need not carry (a follow-up's charts, vplan.followup.report.formats)."""
    from vplan.render._typst import compile_pdf

    with tempfile.TemporaryDirectory(prefix="vplan-typst-") as name:
        root = Path(name)
        document, style = _staged(document, style, root)
        source = typst_source(document, meta, style, root=root)
        return compile_pdf(fill(source) if fill else source, root=root, font_dirs=style.font_dirs,
                           epoch=meta.epoch, own_template=own_typst_template(style))


def own_typst_template(style: HouseStyle) -> bool:
    """Does the style bring its own typst.template, not vplan's?"""
    from vplan.paths import builtin, is_inside

    return not is_inside(style.require("typst.template"), builtin("templates"))


def _staged(document: Document, style: HouseStyle, root: Path) -> tuple[Document, HouseStyle]:
    """The document and style with the logo and images copied into `root`, typst's root.

    typst reads any file below its root, links followed, and a house style's typst.template
    is code: a root holding only the checked pictures is all it can read. (The folders'
    common path would be / for a plan's picture beside vplan's own logo.)"""
    import dataclasses
    import shutil

    copies: dict[str, str] = {}

    def copy(path) -> str:
        if str(path) not in copies:
            target = root / f"bild-{len(copies)}{Path(path).suffix.lower()}"
            shutil.copyfile(path, target)
            copies[str(path)] = str(target)
        return copies[str(path)]

    def walk(node):
        if isinstance(node, list):
            return [walk(x) for x in node]
        if isinstance(node, dict):
            if node.get("t") == "Image" and os.path.isabs(node["c"][2][0]):
                attr, alt, (src, title) = node["c"]
                return {**node, "c": [attr, alt, [copy(src), title]]}
            return {k: walk(v) if k in ("c", "blocks") else v for k, v in node.items()}
        return node

    staged = {**document, "blocks": walk(document["blocks"])}
    logo = Path(copy(style.logo)) if style.logo else None
    return staged, dataclasses.replace(style, logo=logo)


def _root_relative(source: str, root: Path) -> str:
    """typst paths starting with / are relative to its root, not to the file system."""
    prefix = str(root).rstrip("/") + "/"
    return re.sub(r'image\("' + re.escape(prefix), 'image("/', source)


def typst_source(document: Document, meta: RenderMeta, style: HouseStyle, root: Path | None = None) -> str:
    """The typst source to_pdf compiles; useful when a PDF looks wrong."""
    from vplan.render.tree.typst import for_typst

    root = root or Path("/")  # no root given: the source only shows where the pictures are
    with _workdir() as work:
        common, stdin = _common_args(work, meta, {}, document, transform=for_typst)
        args = [
            *common,
            "-t", "typst", "--template", str(style.require("typst.template")),
            *_typst_variables(meta, style, root),
        ]
        out = run_pandoc(args, stdin=stdin, cwd=work, epoch=meta.epoch,
                         step="pandoc kunde inte göra PDF-källan")
    from vplan.render._typst import fit_tables

    return _root_relative(fit_tables(out.decode("utf-8")), root)


RENDERERS: Mapping[str, Callable[[Document, RenderMeta, HouseStyle], bytes]] = MappingProxyType({
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
                 transform=None, filters: bool = True) -> tuple[list[str], str]:
    """pandoc's shared arguments and its standard input: the tree with the cover facts in its
    metadata; `transform` makes it what one writer needs (vplan.render.tree.typst)."""
    shared = ["--wrap", "none", "--data-dir", str(work / "pandoc-data"), *(write_filters(work) if filters else [])]
    tree = {**document, "meta": {**document.get("meta", {}), **tree_metadata(meta, extra, lang or meta.lang)}}
    if transform is not None:
        tree = transform(tree)
    return ["--from", "json", *shared], json.dumps(tree, ensure_ascii=False)


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


def _docx_cover(meta: RenderMeta) -> dict:
    """Word shows Title, Subtitle, Author, Abstract before the table of contents; all literal text."""
    from vplan.render.tree import nodes as n

    facts = [("Diarienummer", meta.diary_number), ("Datum", meta.date),
             ("Status", meta.status_text), ("Beslut", meta.decision), ("Upprättad av", meta.compiled_by)]
    paras = [n.para(n.strong(n.text(f"{name}:")) + [n.space()] + n.text(value)) for name, value in facts if value]
    return {
        "author": n.meta_list([n.meta_inlines(meta.region), n.meta_inlines(meta.board)]),
        "abstract": n.meta_blocks(paras),
        "abstract-title": "Dokumentuppgifter",
        "toc-title": "Innehåll",
    }
