"""One follow-up file -> Followup with its plan, checked: what `vplan check` and `vplan build` call."""
from __future__ import annotations

import os
from pathlib import Path

from vplan.followup.model import Followup, FollowupMeta
from vplan.model import Diagnostic, Meta, Plan, Pos, Severity
from vplan.read.plan import Body


def assemble(name: str, path: Path, meta: FollowupMeta, body: Body, sha256: str, *, options
             ) -> tuple[Followup, list[Diagnostic]]:
    """The Followup with its plan read (or a VP600 saying why the plan is missing)."""
    plan, plan_name, problem = _plan(path, meta, options)
    document = Plan(name, document_meta(meta, plan), body.preamble, body.chapters, body.footnotes, body.refs,
                    sha256, odd_chars=body.odd_chars)
    return Followup(name, meta, document, plan, plan_name), [problem] if problem else []


def _plan(path: Path, meta: FollowupMeta, options) -> tuple[Plan | None, str | None, Diagnostic | None]:
    from vplan.api import display_path
    from vplan.paths import is_inside
    from vplan.read import read_file

    where = meta.at("plan")
    target = Path(os.path.abspath(path)).parent / meta.plan
    shown = display_path(target)

    def missing(message: str, hint: str):
        return None, shown, Diagnostic("VP600", Severity.ERROR, message, where, hint)

    if not is_inside(target, options.project_dir):
        return missing(f"Planen {meta.plan} ligger utanför projektet.",
                       "Lägg uppföljningen och planen i samma arkiv och skriv sökvägen från uppföljningen, "
                       "till exempel ../plans/region-2025.md.")
    if not target.is_file():
        return missing(f"Planen {meta.plan} finns inte (vplan letade efter {shown}).",
                       "Skriv sökvägen till planen från uppföljningens mapp, till exempel ../plans/region-2025.md.")
    plan, _diags = read_file(target, str(options.schema_dir), shown)
    if plan is None:
        return missing(f"Planen {shown} kan inte läsas, så uppföljningen kan inte kontrolleras mot den.",
                       f"Kör vplan check {shown} och rätta felen i planen.")
    return plan, shown, None


def document_meta(meta: FollowupMeta, plan: Plan | None) -> Meta:
    """The follow-up's body as a document: cover facts from the follow-up, the rest from its plan."""
    p = plan.meta if plan else None
    year = meta.period.year
    return Meta(
        region=p.region if p else "", namnd=p.namnd if p else "", dokumenttyp=meta.dokumenttyp,
        titel=meta.titel, fran=p.fran if p else year, till=p.till if p else year,
        budgetar=p.budgetar if p else year, diarienummer=meta.diarienummer, status=meta.status, beslut=None,
        mall=meta.mall or (p.mall if p else "standard"), profil="standard", sprak="sv",
        malar=p.malar if p else (year,), datum=meta.datum, forvaltning=p.forvaltning if p else None,
        pos=meta.pos, field_pos=meta.field_pos, upprattad_av=meta.upprattad_av)


# Rules of a plan that hold for a follow-up's own body too: tables, footnotes, prose.
DOCUMENT_RULES = ("VP015", "VP30", "VP401", "VP403", "VP404", "VP406", "VP421", "VP422", "VP423")


def check_followup(name: str, path: Path, data: bytes, *, options):
    """Read a follow-up and its plan, run the follow-up rules and the document rules: a FileResult."""
    from vplan.api import FileResult, _select
    from vplan.followup.read import read_text
    from vplan.followup.rules import FollowupContext, run_followup_rules
    from vplan.rules import Context, registry

    meta, body, diags = read_text(name, data, str(options.schema_dir))
    lines = tuple(data.decode("utf-8", "replace").replace("\r\n", "\n").split("\n"))
    followup = None
    if meta is not None:
        import hashlib

        followup, found = assemble(name, path, meta, body, hashlib.sha256(data).hexdigest(), options=options)
        ctx = Context(followup.document, None, options)
        found += [d for r in registry().values() if r.check and r.code.startswith(DOCUMENT_RULES)
                  for d in r.check(ctx)]
        found += run_followup_rules(FollowupContext(followup, options))
        diags = _select(diags + found, followup.document, None, options)
    from vplan.read.limits import cap_findings

    diags = cap_findings(sorted(dict.fromkeys(diags), key=Diagnostic.sort_key), name)
    return FileResult(name, followup.document if followup else None, tuple(diags), lines,
                      read=followup is not None, followup=followup,
                      kind="uppföljning")
