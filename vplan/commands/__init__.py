"""One module per CLI command; vplan.cli loads them only when they are used."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def options(project: str | None, **kw):
    from vplan.options import Options, find_project_dir

    root = Path(project) if project else find_project_dir(Path.cwd())
    return Options.for_project(root.resolve(), **kw)


def use_color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def echo(text: str, color: bool = False, err: bool = False) -> None:
    if color:
        from rich.console import Console

        Console(stderr=err, highlight=False, soft_wrap=True).print(text, end="")
    else:
        click.echo(text, nl=False, err=err)


project_option = click.option("--project", type=click.Path(file_okay=False),
                              help="Projektmappen (standard: den närmaste med plans/).")
_ = sys
