"""The file side of `vplan import`: where the plan goes, refusing to overwrite, checking before writing."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import EXIT_FINDINGS, EXIT_OK, UsageError


@dataclass(frozen=True)
class Outcome:
    target: Path
    lines: list[str]  # the report, Swedish, one finding a line
    check: object  # vplan.api.FileResult of the plan as written
    exit_code: int


def default_out(front: dict, project_dir: Path, source: Path | None = None) -> Path:
    """plans/<region>-<nämnd>-<år>.md: "Region Västernorrland", "Regionstyrelsen", 2025 -> vasternorrland-regionstyrelsen-2025."""
    from vplan.render.tree.words import slug

    region = front.get("region", "")
    region = region[len("Region "):] if region.startswith("Region ") else region
    parts = [p for p in (region, front.get("nämnd", "")) if p and "[" not in p]
    if not parts:  # no cover facts to name it by: the Word file's own name
        return project_dir / "plans" / f"{slug(source.stem if source else 'importerad plan', set())}.md"
    return project_dir / "plans" / f"{slug(' '.join([*parts, str(front.get('budgetår', ''))]), set())}.md"


def _target(path: Path, project_dir: Path, force: bool) -> Path:
    from vplan.paths import is_inside, real, shown

    if path.suffix.lower() != ".md":
        raise UsageError(f"{shown(path)} har inte ändelsen .md.", "Ange en fil som slutar på .md med --out, "
                         "till exempel plans/kultur-2025.md.")
    folder = Path(os.path.abspath(path.parent))
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not is_inside(folder, project_dir) or (os.path.lexists(path) and not is_inside(path, project_dir)):
        raise UsageError(f"{shown(path)} ligger utanför projektet ({real(project_dir)}). vplan skriver bara filer "
                         "i projektet.", "Skriv planen i projektets plans/-mapp, eller ange projektet med --project.")
    if os.path.lexists(path) and not force:
        raise UsageError(f"Filen {shown(path)} finns redan, och vplan skriver inte över den.",
                         "Välj ett annat namn med --out, eller skriv över med --force.")
    if os.path.lexists(path) and not os.path.isfile(path):
        raise UsageError(f"{shown(path)} finns redan och är ingen vanlig fil.", "Välj ett annat namn med --out.")
    return path


def import_file(source: Path, *, out: Path | None, force: bool, options) -> Outcome:
    from vplan.api import check_bytes, display_path
    from vplan.importer.run import convert
    from vplan.importer.source import open_docx
    from vplan.model import Severity

    name = display_path(source)
    doc = open_docx(source, name)  # the Word file first: a bad one is reported before anything else
    result = convert(doc, options=options, image_folder=_FOLDER)
    target = _target(out or default_out(result.front, options.project_dir, source), options.project_dir, force)
    result = _name_images(result, f"{target.stem}-bilder")
    shown = display_path(target)
    images = {target.parent / rel: data for rel, data in result.images.items()}
    from vplan.paths import is_inside

    for path in images:
        if not is_inside(path.parent if path.parent.exists() else target.parent, options.project_dir):
            raise UsageError(f"Mappen för bilderna, {display_path(path.parent)}, leder ut ur projektet.",
                             "Ta bort länken eller välj ett annat namn med --out.")
        if os.path.lexists(path) and not force:
            raise UsageError(f"Bilden {display_path(path)} finns redan, och vplan skriver inte över den.",
                             "Välj ett annat namn med --out, eller skriv över med --force.")
    result = _canonical(result, shown, options)
    checked = check_bytes(shown, result.text.encode("utf-8"), options=options)
    diags = [d for d in checked.diagnostics if not _image_to_come(d, result.images)]
    _write(target, result.text, images, force)
    lines = _report(name, shown, result, diags)
    bad = result.findings or any(d.severity in (Severity.ERROR, Severity.WARNING) for d in diags)
    return Outcome(target, lines, checked, EXIT_FINDINGS if bad else EXIT_OK)


_FOLDER = "VPLANBILDER"  # planted by convert, replaced once the plan's name is known


def _name_images(result, folder: str):
    from dataclasses import replace

    from vplan.importer.report import Finding

    token = _FOLDER + "/"
    return replace(result, text=result.text.replace(token, folder + "/"),
                   images={k.replace(token, folder + "/"): v for k, v in result.images.items()},
                   findings=[Finding(f.place, f.message.replace(token, folder + "/")) for f in result.findings])


def _canonical(result, name: str, options):
    """The plan in vplan fmt's common form (one sentence a line, keys in schema order), when fmt can
    prove the meaning unchanged; else as the import wrote it (a plan with errors is not formatted)."""
    from dataclasses import replace

    from vplan.fmt.files import CHANGED, check_text

    outcome = check_text(name, result.text.encode("utf-8"), str(options.schema_dir))
    return replace(result, text=outcome.text) if outcome.status == CHANGED and outcome.text else result


def _image_to_come(diag, images: dict) -> bool:
    """"Bilden finns inte" for an image this import is about to write beside the plan."""
    return diag.code == "VP901" and diag.message.startswith("Bilden finns inte") and any(
        diag.message.endswith(rel) for rel in images)


def _write(target: Path, text: str, images: dict, force: bool) -> None:
    from vplan.write import write_output

    write_output({target: text.encode("utf-8"), **images}, force=force, what="Planen",
                 exists_hint="Välj ett annat namn med --out, eller skriv över med --force.")


def _report(name: str, shown: str, result, diags) -> list[str]:
    from vplan.model import Severity

    lines = [f"Skrev {shown} från {name} (profil {result.profile}, "
             f"{result.stats['rubriker']} rubriker, {result.stats['block']} datablock"
             + (f", {len(result.images)} bilder" if result.images else "") + ")."]
    if result.findings:
        lines.append(f"Att se över i Word-filen och planen ({len(result.findings)}):")
        lines += [f"  - {f.line()}" for f in result.findings]
    errors = [d for d in diags if d.severity is Severity.ERROR]
    warnings = [d for d in diags if d.severity is Severity.WARNING]
    if errors or warnings:
        counts = " och ".join(p for p in (errors and f"{len(errors)} fel", warnings and (
            f"{len(warnings)} varning" + ("ar" if len(warnings) > 1 else ""))) if p)
        lines.append(f"Kontrollen av planen hittade {counts}:")
        lines += [f"  - {d.pos.file}:{d.pos.line}: {d.code} {d.message}" for d in errors + warnings]
        lines.append(f"Kör vplan check {shown} för att se dem med sammanhang.")
    else:
        lines.append(f"Planen klarar kontrollen (vplan check {shown}).")
    return lines
