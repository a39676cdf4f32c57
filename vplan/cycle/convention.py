"""A region's own conventions, read from the plans it already has in the project."""
from __future__ import annotations

import pathlib
from dataclasses import dataclass

HEAD_BYTES = 64 * 1024  # front matter sits at the top; a plan's body is not needed
MAX_PLANS = 500  # a region's repository; a bigger folder is not read in full for a default


@dataclass(frozen=True)
class Convention:
    """Period length, target years (as offsets from the first year), house style and profile."""

    length: int  # till - från
    target_offsets: tuple[int, ...] | None  # None: every year is a target year
    mall: str | None
    profil: str | None
    budget_year: int


def convention(region: str, root: pathlib.Path) -> Convention | None:
    """The convention of the region's latest plan in root/plans, or None when it has none."""
    from vplan.paths import is_inside

    folder = pathlib.Path(root) / "plans"
    if not folder.is_dir() or not is_inside(folder, root):
        return None
    best: Convention | None = None
    for path in sorted(folder.glob("*.md"))[:MAX_PLANS]:
        data = _front_matter(path) if is_inside(path, root) else None  # a link out of the project is not read
        if not data or " ".join(str(data.get("region", "")).split()) != region:
            continue
        found = _of(data)
        if found and (best is None or found.budget_year > best.budget_year):
            best = found
    return best


def _front_matter(path: pathlib.Path) -> dict | None:
    from vplan.fmt.document import clean, split
    from vplan.paths import read_regular
    from vplan.read.yamlload import YamlProblem, load_yaml

    try:
        head = read_regular(path)[:HEAD_BYTES].decode("utf-8", "replace")
        parts = split(clean(head))
        if parts.front_matter is None:
            return None
        data = load_yaml(parts.front_matter, str(path), 1).data
    except (OSError, YamlProblem, ValueError):
        return None  # a plan that does not read says nothing about conventions
    return data if isinstance(data, dict) else None


def _of(data: dict) -> Convention | None:
    period = data.get("planperiod")
    if not isinstance(period, dict):
        return None
    fran, till, budget = period.get("från"), period.get("till"), data.get("budgetår")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (fran, till, budget)) or till < fran:
        return None
    targets = data.get("målår")
    offsets = None
    if isinstance(targets, list) and all(isinstance(y, int) for y in targets):
        offsets = tuple(sorted({y - fran for y in targets if fran <= y <= till})) or None
    text = lambda key: data.get(key) if isinstance(data.get(key), str) else None  # noqa: E731
    return Convention(min(till - fran, 10), offsets, text("mall"), text("profil"), budget)
