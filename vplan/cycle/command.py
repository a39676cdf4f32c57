"""The file side of `vplan rollover`: read a plan that reads, write the new one, say what is left."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from vplan.errors import UsageError

TO_FILL = {"VP501": ("utfall", "utfall"), "VP502": ("målvärde", "målvärden"),
           "VP503": ("tabellkolumn", "tabellkolumner"), "VP500": ("annan platshållare", "andra platshållare"),
           "VP504": ("uppdrag vars tid har gått ut", "uppdrag vars tid har gått ut")}


def default_out(plan: Path, old_budget: int, till: int) -> Path:
    """kultur-2025.md -> kultur-2026.md; a name without the year gets it: kultur.md -> kultur-2026.md."""
    stem, n = re.subn(rf"(?<!\d){old_budget}(?!\d)", str(till), plan.stem)
    return plan.with_name(f"{stem if n else f'{plan.stem}-{till}'}{plan.suffix}")


def roll_file(plan: Path, *, till: int, out: Path | None, options) -> list[str]:
    """Write next year's plan; the lines to show the user."""
    from vplan.api import display_path, load
    from vplan.cycle.output import new_file, write_plan
    from vplan.cycle.rollover import rollover_text
    from vplan.model import Severity
    from vplan.paths import read_regular, reason

    if not plan.exists():
        raise UsageError(f"Filen {plan} finns inte.", "Kontrollera sökvägen.")
    old = load(plan, options=options)
    name = old.path
    if old.plan is None:
        raise UsageError(f"Planen {name} går inte att läsa.", f"Kör vplan check {name} och rätta felen först.")
    budget = old.plan.meta.budgetar
    if till <= budget:
        raise UsageError(f"--till {till} ligger inte efter budgetåret {budget} i {name}.",
                         f"Ange året som nästa plan gäller, till exempel --till {budget + 1}.")
    target = new_file(out or default_out(plan, budget, till), options.project_dir)
    try:
        text = read_regular(plan).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        why = reason(exc) if isinstance(exc, OSError) else "den är inte sparad som UTF-8"
        raise UsageError(f"Planen {name} kan inte läsas: {why}.", f"Kör vplan check {name}.") from None
    result = rollover_text(text, name=name, till=till, schema_dir=str(options.schema_dir))
    write_plan(target, result.text)
    new = load(target, options=options)
    shown = display_path(target)
    lines = [f"Skrev {shown}: planen för {result.first}–{result.last} med budgetår {result.budget}, "
             f"gjord av {name}."]
    counts = Counter(d.code for d in new.diagnostics if d.code in TO_FILL)
    left = [f"{n} {TO_FILL[code][0] if n == 1 else TO_FILL[code][1]}" for code, n in sorted(counts.items())]
    if left:
        lines.append("Att göra: " + ", ".join(left) + ".")
    errors = sum(1 for d in new.diagnostics if d.severity is Severity.ERROR)
    if errors:
        lines.append(f"Den nya planen har {errors} fel som fanns redan i {name}. Rätta dem; vplan check visar var.")
    lines.append(f"vplan check {shown} visar var allt står, och vplan diff {name} {shown} vad som har flyttats.")
    return lines
