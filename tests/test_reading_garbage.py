"""Reading a plan leaves no reference cycles behind.

check reads a thousand plans with garbage collection paused (vplan.api); a
cycle left by a plan (a closure that calls itself and holds the model, say)
keeps the whole plan alive until a collection walks it, which cost about a
tenth of check's time. The only cycle allowed is the tiny one the generated
validators make for uniqueItems, which holds nothing else.
"""
from __future__ import annotations

import gc
from pathlib import Path

import pytest

from vplan import api
from vplan.options import Options

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "plans").glob("*.md")) + sorted((ROOT / "uppfoljning").glob("*.md"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_reading_leaves_no_cycles(path):
    options = Options(project_dir=ROOT)
    api._load_lean(path, options=options)  # imports and caches first: they are not the plan's
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        api._load_lean(path, options=options)
        gc.collect()
        left = [o for o in gc.garbage if not _generated_validator_cycle(o)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []


def _generated_validator_cycle(o) -> bool:
    """The uniqueItems helper `fn` of a generated validator, its cell and closure tuple. The
    validators are generated ahead of time or, with another fastjsonschema, compiled in memory
    (no module then): known by their names, made from the schemas' ids."""
    def generated(f) -> bool:
        return type(f).__name__ == "function" and f.__qualname__.startswith("validate_https___vplan_invalid_schema_")

    if generated(o):
        return True
    if type(o).__name__ == "cell":
        return generated(o.cell_contents)
    return isinstance(o, tuple) and len(o) > 0 and all(type(c).__name__ == "cell" and generated(c.cell_contents) for c in o)


@pytest.mark.parametrize("path", FILES[:1] + FILES[-1:], ids=lambda p: p.stem)
def test_reading_keeps_nothing_alive(path):
    """Once check has a plan's findings, nothing of the plan is alive: no module-level cache
    holds on to it (each plan would else be walked by a collection, then freed one plan late)."""
    options = Options(project_dir=ROOT)
    api._load_lean(path, options=options)
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        before = len(gc.get_objects())
        api._load_lean(path, options=options)
        after = len(gc.get_objects())
    finally:
        if was:
            gc.enable()
    assert after - before < 50  # a plan is thousands of objects
