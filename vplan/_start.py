"""The `vplan` command's entry point: Ctrl-C while the command line loads ends it quietly too.

Loading click and vplan.cli takes some 50 ms; a Ctrl-C meanwhile would otherwise show a
traceback, before vplan.cli.main can catch it.
"""
import sys


def main(argv=None) -> None:
    try:
        from vplan.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Avbrutet.\n")
        sys.exit(130)  # vplan.errors.EXIT_INTERRUPTED, not imported: it may be what was interrupted
    run(argv)
