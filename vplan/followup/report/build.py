"""Build a follow-up's report: check, tree, charts, one tree per format, engines, atomic write.

vplan.render.build calls `build_followup` for a file that vplan check read as a
follow-up, so `vplan build` and `vplan release` take plans and follow-ups alike.
"""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from vplan.options import Options

if TYPE_CHECKING:
    from vplan.followup.report.formats import Marks


def source_digest(path: Path, options: Options) -> str | None:
    """sha256 over the follow-up's bytes and its plan's: the report changes when either does.
    None when `path` is not a follow-up (a plan's digest is its own bytes)."""
    from vplan.followup.read import looks_like_followup, read_text
    from vplan.paths import is_inside, read_regular

    try:
        data = read_regular(path)  # never waits on a FIFO
    except OSError:
        return None
    if not looks_like_followup(Path(path).parts, data):
        return None
    digest = hashlib.sha256(data)
    meta, _body, _diags = read_text(str(path), data, str(options.schema_dir))
    plan = Path(path).resolve().parent / meta.plan if meta is not None else None
    if plan is not None and is_inside(plan, options.project_dir) and plan.is_file():
        digest.update(b"\0" + read_regular(plan))
    return digest.hexdigest()


def prepare(followup, path: Path, *, options: Options, draft: bool, epoch: int | None) -> tuple[dict, Marks]:
    """(format -> Prepared: the report's tree with each chart marked as that format wants it,
    the marks that `render` replaces by the drawn charts)."""
    from vplan.followup.report.document import ReportBuilder
    from vplan.followup.report.formats import Marks, for_format, marked
    from vplan.render.build import Prepared, house_style, refusals, render_meta
    from vplan.render.tree import nodes as n

    style, words = house_style(followup.document, options)
    builder = ReportBuilder(followup, words=words, style=style, root=options.project_dir,
                            base_dir=path.resolve().parent, draft=draft)
    body = builder.blocks()
    marks = Marks(tuple(builder.charts))
    refused = refusals(builder, style, options, draft=draft)
    meta = render_meta(followup.document, draft=draft, epoch=epoch)
    plan = followup.plan.meta
    subtitle = f"Uppföljning av {plan.titel} · {followup.meta.period.label.capitalize()}"
    meta = dataclasses.replace(meta, subtitle=subtitle + (" · UTKAST – innehåller fel" if draft else ""))
    places = marked(body)
    return {fmt: Prepared(n.document(for_format(body, fmt, marks, places), {}), meta, style, refused)
            for fmt in options.formats}, marks


def render(fmt: str, prepared, drawing, marks) -> bytes:
    """One format's bytes: the engine on the tree, then the drawn charts where their marks stand."""
    from vplan.followup.report.formats import fill, swap
    from vplan.render import engines
    from vplan.render.errors import RenderError
    from vplan.render.safety import verify_html

    doc, meta, style = prepared.document, prepared.meta, prepared.style
    if fmt == "pdf":
        return engines.to_pdf(doc, meta, style,
                              fill=lambda source: fill(source, "pdf", drawing.result(pictures=False), marks))
    if fmt == "docx":
        return engines.to_docx(doc, meta, style, media=lambda media: swap(media, drawing.result(), marks))
    data = fill(engines.to_html(doc, meta, style), "html", drawing.result(pictures=False), marks)
    problem = verify_html(data)
    if problem:
        raise RenderError("säkerhetskontrollen av HTML-filen", f"filen innehöll {problem}")
    return data


def produce(checked, path: Path, facts: dict, *, options: Options, draft: bool):
    """Render and write the report: the outputs, or the diagnostics that refuse it. The formats
    start first; the charts are drawn meanwhile, here (vplan.followup.report.drawing), pygal
    imported as pandoc works."""
    from concurrent.futures import ThreadPoolExecutor

    from vplan.followup.report.cache import ChartCache
    from vplan.followup.report.charts import Look
    from vplan.followup.report.drawing import Drawing, ready_formats
    from vplan.render.build import git_facts, source_epoch, style_hash, write_outputs

    commit, commit_time = git_facts(path)
    prepared, marks = prepare(checked.followup, path, options=options, draft=draft,
                              epoch=source_epoch(options, commit_time))
    first = next(iter(prepared.values()))
    facts.update(house_style=first.style.name, style_sha256=style_hash(first.style), git_commit=commit)
    if first.diagnostics:
        return first.diagnostics
    cache = ChartCache.open(options.cache_dir, facts["style_sha256"]) if marks.charts else None
    drawing = Drawing(list(marks.charts), Look.of(first.style), png="docx" in prepared, cache=cache)
    ready_formats(prepared)
    with ThreadPoolExecutor(max_workers=max(1, len(prepared))) as pool:
        try:
            futures = {fmt: pool.submit(render, fmt, p, drawing, marks) for fmt, p in prepared.items()}
            drawing.run()
        except BaseException as err:  # Ctrl-C before run began: the formats must not wait for the charts
            drawing.give_up(err)
            raise
        rendered = {fmt: f.result() for fmt, f in futures.items()}
    return write_outputs(path, rendered, options)
