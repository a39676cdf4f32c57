"""The file side of `vplan rollover`: read a plan that reads, write the new one, say what is left."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from vplan.errors import UsageError

TO_FILL = {"VP501": ("utfall", "utfall"), "VP502": ("målvärde", "målvärden"),
           "VP503": ("tabellkolumn", "tabellkolumner"), "VP500": ("platshållare i text", "platshållare i text"),
           "VP504": ("uppdrag vars tid har gått ut", "uppdrag vars tid har gått ut")}


def default_out(plan: Path, old_budget: int, till: int) -> Path:
    """kultur-2025.md -> kultur-2026.md; a name without the year gets it: kultur.md -> kultur-2026.md."""
    stem, n = re.subn(rf"(?<!\d){old_budget}(?!\d)", str(till), plan.stem)
    return plan.with_name(f"{stem if n else f'{plan.stem}-{till}'}{plan.suffix}")


def _read(name: str, data: bytes, schema_dir: str):
    """The plan, or a Swedish UsageError naming the first thing that keeps it from being read."""
    from vplan.model import BadBlock, Severity
    from vplan.read import read_text

    plan, diags = read_text(name, data, schema_dir)
    bad = [d for d in diags if d.severity is Severity.ERROR and (plan is None or d.code < "VP100")]
    if plan is None or any(isinstance(b, BadBlock) for b in plan.blocks()):
        first = bad[0] if bad else None
        where = f" ({first.pos}: {first.message})" if first else ""
        raise UsageError(f"Planen {name} går inte att läsa{where}.", f"Kör vplan check {name} och rätta felen först.")
    return plan


def roll_file(plan: Path, *, till: int, out: Path | None, options) -> list[str]:
    """Write next year's plan; the lines to show the user."""
    from vplan.api import display_path
    from vplan.cycle.output import new_file, write_plan
    from vplan.cycle.rollover import rollover_text
    from vplan.paths import read_inside

    name, data = read_inside(plan, options.project_dir, "planen")
    schema_dir = str(options.schema_dir)
    budget = _read(name, data, schema_dir).meta.budgetar
    if till <= budget:
        raise UsageError(f"--till {till} ligger inte efter budgetåret {budget} i {name}.",
                         f"Ange året som nästa plan gäller, till exempel --till {budget + 1}.")
    target = new_file(out or default_out(plan, budget, till), options.project_dir)
    result = rollover_text(data.decode("utf-8-sig"), name=name, till=till, schema_dir=schema_dir)
    shown = display_path(target)
    rolled = _read(shown, result.text.encode("utf-8"), schema_dir)  # read back before writing
    counts = _left(rolled, options)
    write_plan(target, result.text)
    lines = [f"Skrev {shown}: planen för {result.first}–{result.last} med budgetår {result.budget}, "
             f"gjord av {name}."]
    left = [f"{n} {TO_FILL[code][0] if n == 1 else TO_FILL[code][1]}" for code, n in sorted(counts.items())]
    if left:
        lines.append("Att fylla i och se över: " + ", ".join(left) + ".")
    old_years = _old_years(rolled, budget)
    if old_years:
        more = f" och {len(old_years) - 5} till" if len(old_years) > 5 else ""
        lines.append(f"Rubriker och tabeller som nämner {budget} (se över texten): "
                     + "; ".join(old_years[:5]) + f"{more}.")
    lines.append(f"vplan check {shown} visar var de står, och vplan diff {name} {shown} vad som har flyttats.")
    return lines


def _old_years(plan, year: int) -> list[str]:
    """Headings and table titles of the new plan that still name last year's budget year: prose is
    not rewritten, so these are the places an official most likely has to."""
    from vplan.cycle.years import Shift

    old = Shift(year, year, 0)
    found = [(s.pos.line, s.heading) for s in plan.sections() if old.mentions(s.heading)]
    found += [(t.pos.line, t.rubrik) for t in plan.tables() if old.mentions(t.rubrik)]
    return [f"rad {line} ”{text}”" for line, text in sorted(found)]


def _left(plan, options) -> Counter:
    """How many of each fill-in finding the new plan has (only those rules run: they need no pandoc)."""
    from vplan.rules import Context, registry

    ctx = Context(plan, None, options)
    return Counter(d.code for code in TO_FILL for d in registry()[code].check(ctx))
