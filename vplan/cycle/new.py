"""`vplan new`: a plan with every chapter its profile demands, example blocks and placeholders.

The plan is written as YAML and Markdown text, then put in the canonical form by
vplan.fmt, so that the file `vplan new` writes is the file `vplan fmt` would keep.
"""
from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass

from vplan.cycle.convention import Convention, convention
from vplan.cycle.placeholder import placeholder as ph
from vplan.errors import UsageError

LAST_YEAR = 2099  # the last year an indicator's outcomes and targets can have (block.schema.json)
DOCUMENT_TYPES = {"plan-med-budget": "plan med budget", "namndplan": "nämndplan"}
LEVEL_PREFIX = {"målområde": "Målområde", "mål": "Mål", "delmål": "Delmål"}
LEVEL_ASK = {"målområde": "målområdets namn, som i regionplanen", "mål": "målets namn",
             "delmål": "delmålets namn"}


@dataclass(frozen=True)
class Period:
    fran: int
    till: int
    malar: tuple[int, ...] | None  # None: every year of the period

    @classmethod
    def of(cls, year: int, conv: Convention | None) -> "Period":
        """The region's own period length and target years when it has plans; else three years."""
        length, offsets = (conv.length, conv.target_offsets) if conv else (2, (0, 2))
        till = min(year + length, LAST_YEAR)
        malar = None if offsets is None else tuple(year + o for o in offsets if year + o <= till)
        return cls(year, till, malar or None)


def new_plan_text(*, region: str, namnd: str, year: int, profile: str = "standard", style: str = "standard",
                  root: pathlib.Path | None = None) -> str:
    """The text of a new plan for `namnd` in `region` whose budget year is `year`."""
    from vplan.fmt import format_text
    from vplan.options import Options

    root = pathlib.Path(root) if root is not None else pathlib.Path.cwd()
    options = Options(project_dir=root)
    region, namnd = _one_line(region, "--region"), _one_line(namnd, "--namnd")
    if not 2000 <= year <= LAST_YEAR:
        raise UsageError(f"Året {year} går inte att använda.", "Ange budgetåret med fyra siffror, till exempel 2027.")
    prof = _profile(profile, options)
    _require_style(style, options)
    period = Period.of(year, convention(region, root))
    text = _front_matter(region, namnd, year, period, profile, style)
    text += "\n\n".join(_chapters(prof, namnd, year, period)) + "\n"
    return format_text(text, schema_dir=str(options.schema_dir))


def _one_line(value: str, option: str) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise UsageError(f"{option} är tomt.", f"Skriv namnet efter {option}, till exempel {option} \"Region Exempel\".")
    return value


def _profile(name: str, options):
    from vplan.profiles import ProfileError, available, load_profile

    try:
        return load_profile(name, options.profile_dirs, options.project_dir)
    except ProfileError:
        raise UsageError(f"Strukturprofilen ”{name}” finns inte.",
                         f"Välj en av: {', '.join(available(options.profile_dirs))}.") from None


def _require_style(name: str, options) -> None:
    found = [d for d in options.template_dirs if (pathlib.Path(d) / name / "style.yaml").is_file()]
    if not found:
        names = sorted({p.name for d in options.template_dirs if pathlib.Path(d).is_dir()
                        for p in pathlib.Path(d).iterdir() if (p / "style.yaml").is_file()})
        raise UsageError(f"Husstilen ”{name}” finns inte.", f"Välj en av: {', '.join(names)}.")


def _q(text: str) -> str:
    """A YAML scalar for any text: a JSON string is a double-quoted YAML string."""
    return json.dumps(text, ensure_ascii=False)


def _front_matter(region, namnd, year, period: Period, profile: str, style: str) -> str:
    kind = DOCUMENT_TYPES.get(profile, "verksamhetsplan")
    lines = ["---", f"region: {_q(region)}", f"nämnd: {_q(namnd)}", f"dokumenttyp: {kind}",
             f"titel: {_q(f'{kind[0].upper()}{kind[1:]} {year}')}",
             "planperiod:", f"  från: {period.fran}", f"  till: {period.till}", f"budgetår: {year}"]
    if period.malar:
        lines.append(f"målår: [{', '.join(map(str, period.malar))}]")
    lines += [f"diarienummer: {_q(ph('diarienummer'))}", "status: utkast",
              f"mall: {style}", f"profil: {profile}", "språk: sv", "---", ""]
    return "\n".join(lines) + "\n"


def _chapters(prof, namnd: str, year: int, period: Period):
    for spec in prof.kapitel:
        if spec.valfritt:
            continue
        yield f"# {spec.namn}"
        if spec.mal:
            yield from _goals(prof, year, period)
        else:
            yield from _chapter(spec.namn, namnd, year, period)


def _chapter(title: str, namnd: str, year: int, period: Period):
    """Prose to write and the block a chapter of this kind usually holds."""
    name = title.casefold()
    if any(w in name for w in ("ekonomi", "budget")):
        yield ph("text om de ekonomiska förutsättningarna och hur ramen fördelas")
        yield _fence("tabell", _budget_table(year, period))
    elif any(w in name for w in ("risk", "konsekvens")):
        yield ph("text om hur risker har bedömts och vad som kontrolleras särskilt")
        yield _fence("risker", ["risker:", f"  - titel: {_q(ph('riskens rubrik'))}",
                                f"    beskrivning: {_q(ph('vad som kan hända och vad det får för följder'))}"])
    elif "bilag" in name:
        yield ph("vilka bilagor planen har och om de är separata dokument")
        yield _fence("bilagor", ["bilagor:", "  - nummer: 1", f"    titel: {_q(ph('bilagans titel'))}",
                                 "    separat: true"])
    elif "uppdrag" in name:
        yield ph("vem som har gett uppdragen och hur de följs upp")
        yield _fence("uppdrag", _assignments(year, "uppdrag-2"))  # the goals have uppdrag-1
    elif "sammanträde" in name:
        yield _fence("tabell", [f"rubrik: {_q(f'Sammanträden {year}')}", "radrubrik: Datum",
                                "rader:", f"  - namn: {_q(ph('datum för sammanträdet'))}"])
    elif any(w in name for w in ("inledning", "uppgifter")):
        # not the board's name: prose is Markdown, and a name may hold * or <
        yield ph("text om vad nämnden ansvarar för och vad planen ska leda till")
    else:
        yield ph(f"text för kapitlet {title}")


def _goals(prof, year: int, period: Period):
    yield ph("text om hur målen hänger ihop med regionplanen")
    for depth, level in enumerate(prof.nivaer):
        yield f"{'#' * (depth + 2)} {LEVEL_PREFIX.get(level, level.capitalize())}: {ph(LEVEL_ASK.get(level, level))}"
        if level == prof.kraver_innehall:
            yield ph("text om vad nämnden gör för att nå målet")
            wants = prof.innehall
            if "indikatorer" in wants:
                yield _fence("indikatorer", _indicators(year, period))
            if "uppdrag" in wants:
                yield _fence("uppdrag", _assignments(year, "uppdrag-1"))


def _indicators(year: int, period: Period) -> list[str]:
    targets = period.malar or tuple(range(period.fran, period.till + 1))
    lines = ["rubrik: Indikatorer", "indikatorer:", "  - id: indikator-1",
             f"    namn: {_q(ph('indikatorns namn'))}", "    typ: kvantitativ",
             "    utfall:", f"      {year - 2}: {_q(ph(f'utfall {year - 2}'))}", "    mål:"]
    lines += [f"      {y}: {_q(ph(f'målvärde {y}'))}" for y in targets]
    return lines


def _assignments(year: int, first_id: str) -> list[str]:
    return ["uppdrag:", f"  - id: {first_id}", f"    text: {_q(ph('vad ska göras, och av vem'))}",
            f"    senast: {year}"]


def _budget_table(year: int, period: Period) -> list[str]:
    columns = [("b", "Budget", year - 1), ("b", "Budget", year)]
    columns += [("p", "Plan", y) for y in range(year + 1, period.till + 1)]
    lines = ["rubrik: Budgetram", "radrubrik: Verksamhet", "enhet: mnkr", "kolumner:"]
    for prefix, label, y in columns:
        lines += [f"  - id: {prefix}{y}", f"    rubrik: {label} {y}", f"    år: {y}"]
    return lines + ["rader:", "  - id: verksamhet-1", f"    namn: {_q(ph('verksamhetens namn'))}"]


def _fence(kind: str, lines: list[str]) -> str:
    return "\n".join([f"```{kind}", *lines, "```"])
