"""The few exception types and the exit codes, decided in one place."""

EXIT_OK = 0
EXIT_FINDINGS = 1  # check found errors, fmt --check found files to change, diff found changes
EXIT_USAGE = 2  # bad arguments, missing files, I/O problems
EXIT_UNSAFE = 3  # fmt refused to write because the meaning would change
EXIT_INTERNAL = 70  # a bug in vplan, never the user's input (EX_SOFTWARE in BSD's sysexits.h)
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT
REPORT_LINE = ("Det här är ett fel i vplan, inte i din plan. Rapportera det till vplans förvaltare "
               "med kommandot du körde och texten ovan (kör gärna igen med VPLAN_DEBUG=1).")


class VplanError(Exception):
    """A problem the user can fix; the message is Swedish and complete."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(VplanError):
    exit_code = EXIT_USAGE


class UnsafeFormat(VplanError):
    exit_code = EXIT_UNSAFE
