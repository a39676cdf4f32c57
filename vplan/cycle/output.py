"""Where `vplan new` and `vplan rollover` may write: a new .md file inside the project."""
from __future__ import annotations

import os
from pathlib import Path

from vplan.errors import UsageError


def new_file(path, project_dir) -> Path:
    """`path` checked: a .md name, not there yet, its folder (links resolved) inside the project."""
    from vplan.paths import is_inside, real, shown

    path = Path(path)
    if path.suffix.lower() != ".md":
        raise UsageError(f"{shown(path)} har inte ändelsen .md.", "Ge planen ett namn som slutar på .md, "
                         "till exempel plans/kulturnamnden-2027.md.")
    if os.path.lexists(path):
        raise UsageError(f"Filen {shown(path)} finns redan, och vplan skriver inte över den.",
                         "Välj ett annat filnamn, eller ta bort den gamla filen först om den ska ersättas.")
    folder = _existing_ancestor(path.parent)
    if not is_inside(folder, project_dir):
        raise UsageError(f"{shown(path)} ligger utanför projektet ({real(project_dir)}). "
                         "vplan skriver bara filer i projektet.",
                         "Skriv planen i projektets plans/-mapp, eller ange projektet med --project.")
    return path


def _existing_ancestor(folder: Path) -> Path:
    """The nearest folder that exists: where a new path would really end up, links resolved."""
    folder = Path(os.path.abspath(folder))
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def write_plan(path: Path, text: str) -> None:
    """Write the plan atomically; a file that appeared meanwhile is kept and reported."""
    from vplan.write import write_output

    write_output({Path(path): text.encode("utf-8")}, force=False, what="Planen", exists_hint="Välj ett annat filnamn.")
