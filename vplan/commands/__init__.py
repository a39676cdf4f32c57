"""One module per CLI command; vplan.cli loads them only when they are used."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click


QUIET, NORMAL, VERBOSE = -1, 0, 1


def verbosity() -> int:
    """-q or -v of the running command (vplan.cli adds them to every command)."""
    meta = _meta()
    if meta.get("vplan.quiet") and meta.get("vplan.verbose"):
        from vplan.errors import UsageError

        raise UsageError("Ange antingen -q eller -v, inte båda.")
    return QUIET if meta.get("vplan.quiet") else VERBOSE if meta.get("vplan.verbose") else NORMAL


def color_choice() -> str:
    return _meta().get("vplan.color") or "auto"


def _meta() -> dict:
    ctx = click.get_current_context(silent=True)
    return ctx.meta if ctx is not None else {}


def options(project: str | None, **kw):
    from vplan.options import Options, find_project_dir

    root = Path(project) if project else find_project_dir(Path.cwd())
    return Options.for_project(root.resolve(), verbosity=verbosity(), color=color_choice(), **kw)


def use_color(stream) -> bool:
    """--color always/never decide; auto means a terminal, and no NO_COLOR or TERM=dumb."""
    choice = color_choice()
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def echo(text: str, color: bool = False, err: bool = False) -> None:
    if color:
        from rich.console import Console

        # Color was decided by use_color (--color always beats a pipe and NO_COLOR).
        term = os.environ.get("TERM", "")
        Console(stderr=err, highlight=False, soft_wrap=True, force_terminal=True, no_color=False,
                color_system="standard" if term in ("", "dumb", "unknown") else "auto").print(text, end="")
    else:
        click.echo(text, nl=False, err=err)


def say(text: str, err: bool = False) -> None:
    """A line of information: left out with -q."""
    if verbosity() > QUIET:
        click.echo(text, err=err)


def detail(text: str) -> None:
    """A line for -v (files read, timings), on standard error so reports stay clean."""
    if verbosity() >= VERBOSE:
        click.echo(text, err=True)


def seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


project_option = click.option("--project", type=click.Path(file_okay=False),
                              help="Projektmappen (standard: den närmaste med plans/).")
_ = sys
