"""`vplan git-setup`: make `git diff` show plan changes by meaning (a git diff driver).

It writes one line to .gitattributes (`plans/**/*.md diff=vplan`) and sets
`git config diff.vplan.command`. git then calls the command with seven
arguments (path old-file old-hex old-mode new-file new-hex new-mode), which
`vplan diff --git-extern` understands. `git log -p` and `git show` need
`--ext-diff` to use it; `git diff --no-ext-diff` shows the plain line diff.
"""
import os
import shlex
import shutil
import sys
from pathlib import Path

import click

from vplan.commands import options, project_option, say

DRIVER = "vplan"


def driver_command() -> str:
    """The command git should run: the installed `vplan`, else this Python with -m vplan."""
    exe = shutil.which("vplan")
    if exe:
        return "vplan diff --git-extern"
    return f"{shlex.quote(sys.executable)} -m vplan diff --git-extern"


def attributes_line(repo: Path, project_dir: Path) -> str:
    plans = os.path.relpath(project_dir / "plans", repo).replace(os.sep, "/")
    return f"{plans}/**/*.md diff={DRIVER}"


def add_line(path: Path, line: str) -> bool:
    """Append `line` to a text file unless it is there; True if the file changed. Never through a
    link (it could lead out of the repository), and atomically: the old file stays whole on failure."""
    from vplan.errors import UsageError
    from vplan.paths import read_regular, reason
    from vplan.write import write_atomic

    if path.is_symlink():
        raise UsageError(f"{path} är en länk, och vplan skriver inte genom länkar.",
                         f"Ta bort länken, eller skriv själv raden {line} i filen den pekar på.")
    try:
        text = read_regular(path).decode("utf-8") if path.exists() else ""
    except UnicodeDecodeError:
        raise UsageError(f"{path} är inte sparad som UTF-8.", "Spara om filen som UTF-8 och kör kommandot igen.") from None
    except OSError as exc:
        raise UsageError(f"{path} kan inte läsas: {reason(exc)}.", "Kontrollera filen och behörigheten.") from None
    if line in (ln.strip() for ln in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    try:
        write_atomic(path, (text + line + "\n").encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path} kan inte skrivas: {reason(exc)}.", "Kontrollera behörigheten i mappen.") from None
    return True


@click.command()
@click.option("--command", "command_", metavar="KOMMANDO",
              help="Kommandot git ska köra (standard: vplan diff --git-extern).")
@project_option
def command(command_, project):
    """Låt git diff visa ändringar i sak för planfilerna.

    Skriver raden "plans/**/*.md diff=vplan" i .gitattributes och ställer in
    git config diff.vplan.command. Därefter visar git diff vad som ändrats i
    sak. git log -p och git show behöver --ext-diff, till exempel:
    git log -p --ext-diff -- plans/
    """
    import subprocess

    from vplan.diff import gitio
    from vplan.errors import UsageError

    opts = options(project)
    repo = gitio.root(opts.project_dir)
    if repo is None:
        raise UsageError("Projektmappen är inte ett git-arkiv.", "Kör git init först, eller ange --project.")
    line = attributes_line(repo, opts.project_dir)
    changed = add_line(repo / ".gitattributes", line)
    cmd = command_ or driver_command()
    done = subprocess.run(["git", "config", f"diff.{DRIVER}.command", cmd], cwd=repo, capture_output=True)
    if done.returncode != 0:
        raise UsageError(f"git config misslyckades: {done.stderr.decode('utf-8', 'replace').strip()}")
    say(f"{'Lade till' if changed else 'Finns redan'} i .gitattributes: {line}")
    say(f"git config diff.{DRIVER}.command = {cmd}")
    say("Klart. git diff visar nu ändringar i sak för planerna; "
               "använd git log -p --ext-diff för historiken.")
    say("Lägg till .gitattributes i git (git add .gitattributes) så att alla får samma inställning; "
               "git config måste var och en köra själv.")
