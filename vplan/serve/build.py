"""One plan's preview page: check it, build its HTML as `vplan build` does, findings in place.

A plan that cannot be built (unreadable YAML, a render that fails) gives a page
listing its errors, never an empty answer.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from vplan.options import Options
from vplan.serve.findings import annotate, error_page


@dataclass(frozen=True)
class Page:
    html: bytes
    errors: int
    warnings: int
    seconds: float  # how long the rebuild took
    shown: bool  # the plan itself is on the page (False: an error page)


def build_page(path: Path, options: Options) -> Page:
    start = time.perf_counter()
    html, checked, shown = _render(path, options)
    errors = len(checked.errors) if checked else 1
    warnings = len(checked.diagnostics) - len(checked.errors) if checked else 0
    return Page(html, errors, warnings, time.perf_counter() - start, shown)


def _render(path: Path, options: Options):
    from vplan.api import load
    from vplan.errors import VplanError
    from vplan.render.build import UNBUILDABLE
    from vplan.render.errors import RenderError

    title = path.name
    try:
        checked = load(path, options=options)
    except VplanError as err:
        return error_page(title, err.message, (), ()).encode(), None, False
    if checked.plan is None or any(d.code in UNBUILDABLE for d in checked.errors):
        return error_page(title, None, checked.diagnostics, checked.lines).encode(), checked, False
    try:
        return _html(path, checked, options), checked, True
    except RenderError as err:
        problem = f"HTML-sidan kunde inte byggas: {err}."
    except VplanError as err:
        problem = err.message + (f" Gör så här: {err.hint}" if err.hint else "")
    except _Refused as refused:
        return error_page(title, None, checked.diagnostics + refused.args[0], checked.lines).encode(), checked, False
    return error_page(title, problem, checked.diagnostics, checked.lines).encode(), checked, False


class _Refused(Exception):
    """The built tree may not be shown (a house style's logo leading out of the repository)."""


def _html(path: Path, checked, options: Options) -> bytes:
    from vplan.render.build import prepare
    from vplan.render.engines import to_html
    from vplan.render.errors import RenderError
    from vplan.render.safety import verify_html

    prepared = prepare(checked.plan, path, options=options, draft=bool(checked.errors))
    if prepared.diagnostics:
        raise _Refused(prepared.diagnostics)
    tree = annotate(prepared.document, checked.plan, checked.diagnostics)
    data = to_html(tree, prepared.meta, prepared.style)
    problem = verify_html(data)  # the same second net as `vplan build`, before our own script joins
    if problem:
        raise RenderError("säkerhetskontrollen av HTML-sidan", f"sidan innehöll {problem}")
    return data
