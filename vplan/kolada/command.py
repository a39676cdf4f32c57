"""The whole of `vplan kolada`: read the follow-up and its plan, fetch, add, verify, write, report."""
from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

from vplan.errors import UsageError
from vplan.kolada.fill import Plan, compare, shown_number, wanted, years


def _followup(path: Path, options):
    """(display name, bytes, Followup) of a follow-up that reads and whose plan reads."""
    from vplan.api import load
    from vplan.paths import read_inside

    name, data = read_inside(path, options.project_dir, "uppföljningen")
    result = load(path, options=options)
    if result.kind != "uppföljning":
        raise UsageError(f"{name} är ingen uppföljning: den saknar plan: och period: överst.",
                         "Ange en uppföljning, till exempel uppfoljning/region-2025-delår.md.")
    first = next(iter(result.errors), None)
    if result.followup is None or result.followup.plan is None:
        where = f" ({first.pos}: {first.message})" if first else ""
        raise UsageError(f"Uppföljningen {name} går inte att läsa tillsammans med sin plan{where}.",
                         f"Kör vplan check {name} och rätta felen först.")
    return name, data, result.followup


def run(path, *, base: str, options, today: str | None = None) -> list[str]:
    """Fetch and write; the lines to show the user."""
    from vplan.kolada.client import fetch
    from vplan.kolada.edit import edited_text, target_blocks

    path = Path(path)
    name, data, followup = _followup(path, options)
    municipality = followup.meta.kolada_kommun
    if not municipality:
        raise UsageError(f"Uppföljningen {name} anger inte regionens id i Kolada.",
                         'Skriv till exempel kolada_kommun: "0022" bland uppgifterna överst (0022 är Region '
                         "Västernorrland; id:t står i Kolada).")
    want, skipped = wanted(followup)
    if not want:
        why = "".join(f" {ind}: {reason}." for ind, reason in skipped)
        raise UsageError(f"Ingen indikator i planen {followup.plan_path} har ett Kolada-id som går att "
                         f"hämta.{why}", "Skriv kolada: och nyckeltalets id, till exempel kolada: N00945, under "
                         "indikatorn i planens block indikatorer.")
    all_years = years(followup)
    fetched = {kpi: fetch(base, kpi, municipality, all_years) for kpi in dict.fromkeys(w.kpi for w in want)}
    plan = compare(followup, want, fetched, all_years)
    plan.skipped += skipped
    blocks, nowhere = target_blocks(followup, want, plan.add)
    for ind in nowhere:
        plan.skipped.append((ind, "uppföljningen har inget block utfall att skriva i; lägg till ett"))
        plan.add.pop(ind)
    today = today or datetime.date.today().isoformat()
    if plan.add:
        text = data.decode("utf-8-sig")
        new = edited_text(text, name=name, additions=plan.add, blocks=blocks, fetched_on=today,
                          schema_dir=str(options.schema_dir))
        _verify(name, path, data, new, plan, options)
        _write(path, data, _like(data, new))
    return report(name, followup, base, municipality, all_years, plan)


def _like(old: bytes, text: str) -> bytes:
    """The new text with the old file's BOM and line endings, so the diff shows only the change."""
    if b"\r\n" in old:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8")


def _outcomes(followup) -> dict:
    out = {}
    for o in followup.outcomes():
        out.setdefault((o.id, o.organisation), {}).update(
            {v.year: (v.value, o.sources.get(v.year)) for v in o.values})
    return out


def _verify(name: str, path: Path, old: bytes, new: str, plan: Plan, options) -> None:
    """Read the new text back: it must read as well as the old one, keep every value and source it had,
    and hold exactly the values added with their Kolada source. Otherwise nothing is written."""
    import hashlib

    from vplan.followup.load import assemble
    from vplan.followup.read import read_text
    from vplan.model import Number, Severity

    def read(data: bytes):
        meta, body, diags = read_text(name, data, str(options.schema_dir))
        errors = Counter(d.code for d in diags if d.severity is Severity.ERROR)
        if meta is None:
            return None, errors
        followup, _ = assemble(name, path, meta, body, hashlib.sha256(data).hexdigest(), options=options)
        return followup, errors

    before, old_errors = read(old)
    after, new_errors = read(new.encode("utf-8"))
    if after is None or new_errors - old_errors:
        raise RuntimeError(f"{name} would not read after adding Kolada's values: {dict(new_errors)}")
    was, now = _outcomes(before), _outcomes(after)
    expected = {k: dict(v) for k, v in was.items()}
    for ind, values in plan.add.items():
        for year, (value, kpi) in values.items():
            source = now.get((ind, None), {}).get(year, (None, None))[1]
            if source is None or source.kolada != kpi:
                raise RuntimeError(f"{name}: {ind} {year} was read back without its Kolada source")
            expected.setdefault((ind, None), {})[year] = (Number(value), source)
    if now != expected:
        raise RuntimeError(f"{name}: the outcomes read back are not the old ones plus Kolada's")


def _write(path: Path, old: bytes, new: bytes) -> None:
    from vplan.api import display_path
    from vplan.paths import read_regular, reason
    from vplan.write import write_atomic

    name = display_path(path)
    try:
        if read_regular(path) != old:
            raise UsageError(f"{name} ändrades medan vplan hämtade från Kolada, så inget skrevs.",
                             "Spara dina ändringar och kör vplan kolada igen.")
        write_atomic(path, new)
    except OSError as exc:
        raise UsageError(f"Uppföljningen kunde inte skrivas till {name}: {reason(exc)}.",
                         "Kontrollera att du har skrivrätt till filen.") from None


def _years(all_years: list[int]) -> str:
    return str(all_years[0]) if len(all_years) == 1 else f"{all_years[0]}–{all_years[-1]}"


def report(name: str, followup, base: str, municipality: str, all_years: list[int], plan: Plan) -> list[str]:
    added = sum(len(v) for v in plan.add.values())
    lines = [f"Frågade Kolada ({base}) om region {municipality}, år {_years(all_years)}."]
    if added:
        lines.append(f"Skrev {added} utfall till {name}:")
        lines += [f"  {ind} {year}: {shown_number(value)} (Kolada {kpi})"
                  for ind, values in plan.add.items() for year, (value, kpi) in sorted(values.items())]
    else:
        lines.append(f"Inga nya utfall att skriva; {name} ändrades inte.")
    if plan.same:
        lines.append(f"Stämmer redan med Kolada: {len(plan.same)} utfall.")
    if plan.differ:
        lines.append("Skiljer sig från Kolada (uppföljningens värde står kvar; kontrollera vilket som är rätt):")
        lines += [f"  {ind} {year}: uppföljningen har {ours}, Kolada har {shown_number(theirs)} ({kpi})"
                  for ind, year, ours, theirs, kpi in plan.differ]
    if plan.missing:
        lines.append("Finns inte i Kolada ännu:")
        lines += [f"  {ind} {year} ({kpi}{', status: ' + status if status else ''})"
                  for ind, year, kpi, status in plan.missing]
    if plan.skipped:
        lines.append("Fylls inte i:")
        lines += [f"  {ind}: {why}." for ind, why in plan.skipped]
    if added:
        lines.append(f"Granska ändringen med git diff {name} och kör vplan check {name} innan du checkar in den.")
    return lines
