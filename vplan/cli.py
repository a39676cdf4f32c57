"""Command line: parse options, call vplan.api, map results to exit codes.

Heavy modules are imported inside the commands so `vplan --help` stays fast.
"""
from __future__ import annotations

import os
import sys

import click

from vplan import __version__, clitext
from vplan.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, REPORT_LINE, VplanError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

clitext.install()  # click's own words in Swedish, before any command is built


COMMANDS = {
    # name: (module, one-line help shown by `vplan --help` without importing it)
    "check": ("vplan.commands.check", "Kontrollera planer: struktur, uppgifter, summor och hänvisningar."),
    "build": ("vplan.commands.build", "Bygg dokument (HTML, DOCX, PDF) av planer som klarar kontrollen."),
    "release": ("vplan.commands.release", "Bygg alla planer till dist/ med manifest, parallellt."),
    "fmt": ("vplan.commands.fmt", "Skriv om planer till den gemensamma formen, utan att ändra innehållet."),
    "diff": ("vplan.commands.diff", "Visa vad som ändrats i sak mellan två versioner av en plan."),
    "serve": ("vplan.commands.serve", "Visa en plan i webbläsaren medan du skriver; sidan laddas om när du sparar."),
    "new": ("vplan.commands.new", "Skapa en ny plan med profilens kapitel och platshållare att fylla i."),
    "rollover": ("vplan.commands.rollover", "Gör nästa års plan av årets: år flyttas fram, det som ska fyllas i markeras."),
    "import": ("vplan.commands.import_", "Läs in en plan från Word (.docx) och gör om den till en vplan-plan."),
    "export": ("vplan.commands.export", "Exportera planernas och uppföljningarnas värden till Excel, CSV eller JSON."),
    "kolada": ("vplan.commands.kolada", "Hämta utfall från Kolada till en uppföljning, som en ändring att granska."),
    "git-setup": ("vplan.commands.git_setup", "Låt git diff visa ändringar i sak för planfiler."),
    "init": ("vplan.commands.init", "Skapa ett nytt arkiv för regionens planer, redo att använda."),
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        try:
            importlib_find = __import__("importlib.util").util.find_spec(COMMANDS[name][0])
        except ModuleNotFoundError:
            importlib_find = None
        if importlib_find is None:
            return None
        import importlib

        cmd = importlib.import_module(COMMANDS[name][0]).command
        cmd.name = name
        return with_shared_options(cmd)

    def format_commands(self, ctx, formatter):
        import importlib.util

        rows = [(name, help_) for name, (mod, help_) in COMMANDS.items() if importlib.util.find_spec(mod)]
        with formatter.section("Kommandon"):
            formatter.write_dl(rows)


def _keep(key: str):
    def store(ctx, param, value):
        ctx.meta[key] = value
        return value
    return store


def _shared_options() -> list[click.Option]:
    """-q, -v and --color: every command has them, so they live here, not in each command."""
    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_keep("vplan.quiet"),
                     help="Visa bara fel."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_keep("vplan.verbose"),
                     help="Visa mer: vilka filer som lästes och hur lång tid det tog."),
        click.Option(["--color"], type=click.Choice(["auto", "always", "never"]), default="auto",
                     show_default=True, expose_value=False, callback=_keep("vplan.color"),
                     help="Färg i utskriften: auto (i en terminal, om NO_COLOR inte är satt), "
                          "always (alltid) eller never (aldrig)."),
    ]


def with_shared_options(cmd: click.Command) -> click.Command:
    """`cmd` with the shared options added once (commands added later get them too)."""
    if not getattr(cmd, "_vplan_shared", False):
        cmd.params.extend(_shared_options())
        clitext.swedish_command(cmd)
        cmd._vplan_shared = True
    return cmd


@click.group(cls=LazyGroup, context_settings=CONTEXT, options_metavar=clitext.OPTIONS_METAVAR,
             subcommand_metavar=clitext.SUBCOMMAND_METAVAR)
@click.version_option(__version__, "-V", "--version", message="vplan %(version)s")
def cli():
    """vplan kontrollerar nämndernas planer och bygger de officiella dokumenten.

    Planerna skrivs som text (Markdown med YAML) i git. Börja med: vplan check plans/
    """


# click 8.2 raises this for a group called without a command; 8.1 prints the help and exits 0.
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def main(argv=None) -> None:
    try:
        cli.main(args=argv, prog_name="vplan", standalone_mode=False)
        sys.stdout.flush()  # here, not at exit: a full disk must be reported, not ignored
    except click.exceptions.Exit as exc:
        _flush_or_report()
        sys.exit(exc.exit_code)
    except _NO_ARGS_IS_HELP as exc:  # plain `vplan`: the help, not an error message
        click.echo(exc.format_message(), err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"Fel: {exc.format_message()}", err=True)
        if getattr(exc, "ctx", None) is not None:
            click.echo(f"Gör så här: Se vad kommandot tar emot med {exc.ctx.command_path} --help.", err=True)
        sys.exit(EXIT_USAGE)
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        _quiet_stdout()
        click.echo("Avbrutet.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except VplanError as exc:
        click.echo(f"Fel: {exc.message}", err=True)
        if exc.hint:
            click.echo(f"Gör så här: {exc.hint}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        if not _output_failed(exc):
            _internal(exc)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # last resort: no traceback for users, one for developers
        _internal(exc)


def _internal(exc: BaseException) -> None:
    if os.environ.get("VPLAN_DEBUG"):
        raise exc
    click.echo(f"Internt fel i vplan ({type(exc).__name__}: {exc}).", err=True)
    click.echo(REPORT_LINE, err=True)
    sys.exit(EXIT_INTERNAL)


def _flush_or_report() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        if not _output_failed(exc):
            raise
        sys.exit(EXIT_USAGE)


def _output_failed(exc: OSError) -> bool:
    """Writing the report failed (full disk, closed pipe): say so in Swedish; True if handled."""
    import errno

    if exc.errno == errno.EPIPE:  # `vplan check | head`: the reader has all it wanted
        _quiet_stdout()
        return True
    if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG) or exc.filename:
        return False
    try:
        target = f"{os.readlink('/proc/self/fd/1')} (standard ut)"  # where stdout was sent, on Linux
    except OSError:
        target = "standard ut"
    _quiet_stdout()
    reason = {errno.ENOSPC: "disken är full", errno.EDQUOT: "din diskkvot är slut",
              errno.EFBIG: "filen blev för stor"}.get(exc.errno, "ett in- eller utmatningsfel")
    try:
        click.echo(f"Fel: Resultatet kunde inte skrivas till {target}: {reason}.", err=True)
        click.echo("Gör så här: Frigör utrymme eller skriv resultatet till en annan plats.", err=True)
    except OSError:
        pass
    return True


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass

