"""vplan build: documents for the plans that pass the check."""
import sys

import click

from vplan.commands import detail, echo, options, project_option, say, seconds, use_color

FORMAT_HELP = "Format att bygga, kommaseparerade (standard: html,docx,pdf)."


def parse_formats(text: str) -> tuple[str, ...]:
    from vplan.render.build import FORMATS

    wanted = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(f"okänt format {', '.join(unknown) or '(inget)'}; välj bland "
                                 f"{', '.join(FORMATS)}.", param_hint="--format")
    return wanted


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "formats", default="html,docx,pdf", metavar="FORMAT", help=FORMAT_HELP)
@click.option("--out", type=click.Path(file_okay=False), metavar="MAPP", help="Mapp för dokumenten (standard: dist/).")
@click.option("--draft", is_flag=True, help="Bygg även planer med fel, märkta ”UTKAST – innehåller fel”.")
@click.option("--redline", metavar="VERSION",
              help="Bygg en ändringsmarkerad version jämfört med VERSION i git (en gren, tagg eller commit): "
                   "dist/<plan>.andringar.html, .docx och .pdf.")
@project_option
def command(paths, formats, out, draft, redline, project):
    """Bygg dokument (HTML, DOCX, PDF) av planer och uppföljningar som klarar kontrollen.

    SÖKVÄG är filer eller mappar (standard: plans/ och uppfoljning/). Dokumenten hamnar i dist/
    och heter som planen: dist/<plan>.html, .docx och .pdf. Slutkod 0 betyder
    att allt byggdes, 1 att någon plan har fel och inte byggdes, 2 att ett
    bygge misslyckades.

    Med --redline VERSION byggs i stället en ändringsmarkerad version som visar
    vad som ändrats sedan VERSION, till exempel förslaget: vplan build
    --redline forslag. De vanliga dokumenten skrivs inte över.
    """
    from pathlib import Path

    from vplan.render.build import build

    opts = options(project, formats=parse_formats(formats), draft=draft,
                   out_dir=Path(out).resolve() if out else None)
    import time

    start = time.perf_counter()
    if redline:
        from vplan.render.redline import build_redline

        result = build_redline(paths, revision=redline, options=opts)
    else:
        result = build(paths, options=opts)
    report(result, color=use_color(sys.stdout), redline=redline, quiet=opts.quiet)
    detail(f"Byggde {len(result.plans)} {'plan' if len(result.plans) == 1 else 'planer'} på "
           f"{seconds(time.perf_counter() - start)}.")
    sys.exit(result.exit_code)


def report(result, *, color: bool, redline: str | None = None, quiet: bool = False) -> None:
    """Check errors exactly as `vplan check` shows them, then one line per plan."""
    from vplan.api import CheckResult
    from vplan.render.build import BUILT, DRAFT, FAILED, REFUSED
    from vplan.report import render

    shown = [f for p in result.with_status(REFUSED, DRAFT) for f in by_file(p)]
    if shown:
        echo(render("human", CheckResult(tuple(shown)), color=color, quiet=quiet), color)
    for p in result.plans:
        files = ", ".join(shown_path(o.path) for o in p.outputs)
        if p.status == BUILT and redline:
            say(f"Byggde en ändringsmarkerad version av {p.source} (jämfört med {redline}): {files}")
        elif p.status == BUILT:
            say(f"Byggde {p.source}: {files}")
        elif p.status == DRAFT:
            say(f"Byggde ett utkast av {p.source} trots fel (märkt ”UTKAST – innehåller fel”): {files}")
        elif p.status == REFUSED:
            click.echo(f"Byggde inte {p.source}: {_what(p.source)} har fel. Rätta felen ovan, eller bygg ett utkast "
                       "med --draft.")
        elif p.status == FAILED:
            click.echo(f"Fel: {p.source} kunde inte byggas. {_sentence(p.message)}", err=True)


def _what(source: str) -> str:
    """"uppföljningen" for a follow-up (its folder or its front matter), else "planen"."""
    from pathlib import Path

    from vplan.followup.read import looks_like_followup
    from vplan.paths import read_regular

    try:
        head = read_regular(source)[:8192]  # a FIFO named like a plan must not block
    except OSError:
        head = b""
    return "uppföljningen" if looks_like_followup(Path(source).parts, head) else "planen"


def by_file(plan) -> list:
    """The plan's diagnostics as check results, one per file they point into.

    Most point into the plan; a house style's problem points into its style.yaml,
    whose lines are read here so the excerpt under the message is the right one.
    """
    from vplan.api import FileResult

    files: dict[str, list] = {}
    for d in plan.diagnostics:
        files.setdefault(d.pos.file, []).append(d)
    out = []
    for name, diags in files.items():
        lines = plan.lines if name == plan.source else _lines_of(name)
        out.append(FileResult(name, None, tuple(diags), lines, kind=plan.kind if name == plan.source else "plan"))
    return out


def _lines_of(name: str) -> tuple[str, ...]:
    try:
        with open(name, encoding="utf-8") as handle:
            return tuple(handle.read().split("\n"))
    except OSError:
        return ()


def shown_path(path) -> str:
    """Relative to the current folder when inside it, else absolute."""
    import os

    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def _sentence(text: str | None) -> str:
    text = (text or "okänt fel").strip()
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
