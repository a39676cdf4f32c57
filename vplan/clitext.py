"""click's own words in Swedish: help headings, metavars, and every message click can print.

click looks its texts up through module-level `_` and `ngettext` (gettext);
`install()` points those at the tables below. tests/test_swedish_cli.py keeps the
tables complete against the installed click's source, so a new click version
with new messages fails a test instead of printing English.
"""
from __future__ import annotations

SV = {
    # help pages
    "Usage:": "Användning:", "Options": "Alternativ", "Commands": "Kommandon", "Arguments": "Argument",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "standard: {default}", "default": "standard", "required": "krävs",
    "env var: {var}": "miljövariabel: {var}", "(dynamic)": "(beräknas)", "deprecated": "föråldrat",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    "file": "fil", "directory": "mapp", "path": "sökväg",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Choice({choices})": "Choice({choices})",
    # usage errors
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv ”{command} {option}” för att få hjälp.",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Missing argument": "Argument saknas", "Missing option": "Alternativ saknas",
    "Missing parameter": "Värde saknas", "Missing {param_type}": "Värde saknas ({param_type})",
    "Missing parameter: {param_name}": "Värde saknas: {param_name}",
    "Missing command.": "Ange ett kommando.",
    "No such option {name!r}.": "Alternativet ”{name}” finns inte.",
    "No such command {name!r}.": "Kommandot ”{name}” finns inte.",
    "Option {name!r} does not take a value.": "Alternativet ”{name}” tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet ”{name}” tar {nargs} värden.",
    "Invalid start character for option ({option})": "Ogiltigt första tecken i alternativet ({option})",
    "Value must be an iterable.": "Värdet måste vara en följd av värden.",
    "unknown error": "okänt fel",
    "Could not open file {filename!r}: {message}": "Filen ”{filename}” kunde inte öppnas: {message}",
    # values
    "{value} is not in the range {range}.": "{value} är inte tillåtet: värdet ska vara {range}.",
    "{value!r} is not a valid {number_type}.": "”{value}” är inte ett giltigt {number_type}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "”{value}” är inte ett sanningsvärde. Giltiga värden: {states}",
    "{value!r} is not a valid UUID.": "”{value}” är inte ett giltigt UUID.",
    "{name} {filename!r} does not exist.": "{name} ”{filename}” finns inte.",
    "{name} {filename!r} is a file.": "{name} ”{filename}” är en fil.",
    "{name} {filename!r} is a directory.": "{name} ”{filename}” är en mapp.",
    "{name} {filename!r} is not readable.": "{name} ”{filename}” går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} ”{filename}” går inte att skriva till.",
    "{name} {filename!r} is not executable.": "{name} ”{filename}” går inte att köra.",
    # interaction, streams, shells, editors
    "Aborted!": "Avbrutet.",
    "Press any key to continue...": "Tryck på valfri tangent för att fortsätta …",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Error: The two entered values do not match.": "Fel: De två värdena är olika.",
    "Error: invalid input": "Fel: ogiltig inmatning",
    "Unknown color {colour!r}": "Okänd färg ”{colour}”",
    "Unknown standard stream '{name}'": "Okänd standardström ”{name}”",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Bash-versionen gick inte att avgöra, så kompletteringen fungerar inte.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Kompletteringen kräver Bash 4.4 eller senare.",
    "{editor}: Editing failed": "{editor}: Redigeringen misslyckades",
    "{editor}: Editing failed: {e}": "{editor}: Redigeringen misslyckades: {e}",
    "d": "d",
    # the same messages as click 8.1 and 8.2.0 word them (the floor is 8.1)
    "{text} {deprecated_message}": "{text} {deprecated_message}",
    "(Deprecated) {text}": "(Föråldrat) {text}",
    "No such option: {name}": "Alternativet ”{name}” finns inte.",
    "Error: The value you entered was invalid.": "Fel: Värdet du angav är ogiltigt.",
    "Error: {e.message}": "Fel: {e.message}",
    "{value!r} is not a valid boolean.": "”{value}” är inte ett giltigt sanningsvärde (ja eller nej).",
    "{name} '{filename}' is a directory.": "{name} ”{filename}” är en mapp.",
    "DeprecationWarning: The command {name!r} is deprecated.": "Varning: kommandot ”{name}” är föråldrat.",
    # mistakes in a command's own definition (for whoever adds a command)
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Varning: kommandot ”{name}” är föråldrat.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Varning: ”{name}” ({param_type}) är föråldrat.{extra_message}",
    "Could not determine name for option with declarations {decls!r}":
        "Alternativet med deklarationerna {decls!r} saknar namn",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Inga alternativ deklarerade men ett namn angavs ({name}). Menade du ett argument, eller ”--{name}”?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Ett argument tar exakt en deklaration, men fick {length}: {decls}.",
    "Name '{name}' defined twice": "Namnet ”{name}” är deklarerat två gånger",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Flaggan {decl!r} kan inte vara både sann och falsk.",
}

# (singular, plural) -> (Swedish singular, Swedish plural)
SV_PLURAL = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Oväntat extra argument ({args})", "Oväntade extra argument ({args})"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Tar {nargs} värden men 1 angavs.", "Tar {nargs} värden men {len} angavs."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Menade du {possibility}?", "(Menade du något av: {possibilities}?)"),
    ("Did you mean {possibility}?", "(Possible options: {possibilities})"):  # click 8.1 and 8.2.0
        ("Menade du {possibility}?", "(Möjliga alternativ: {possibilities})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Alternativet ”{name}” behöver ett värde.", "Alternativet ”{name}” behöver {nargs} värden."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("”{value}” är inte {choice}.", "”{value}” är inte ett av {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("”{value}” har inte formatet {format}.", "”{value}” har inget av formaten {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} värden behövs, men {len_value} angavs.", "{len_type} värden behövs, men {len_value} angavs."),
}

# Type names show as metavars (HELTAL) and inside messages ("ett giltigt heltal").
TYPE_NAMES = {"IntParamType": "heltal", "IntRange": "heltal", "FloatParamType": "decimaltal",
              "FloatRange": "decimaltal", "StringParamType": "text", "UnprocessedParamType": "text",
              "BoolParamType": "sanningsvärde", "UUIDParameterType": "uuid", "DateTime": "datum",
              "File": "fil", "Choice": "val", "Tuple": "värden"}

ARGUMENT_NAMES = {"paths": "SÖKVÄG", "path": "SÖKVÄG", "args": "ARGUMENT", "files": "FIL", "file": "FIL",
                  "folder": "MAPP", "directory": "MAPP"}
OPTIONS_METAVAR = "[ALTERNATIV]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."


def gettext(message: str) -> str:
    return SV.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = SV_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def describe_range(self) -> str:
    """IntRange/FloatRange in words: "minst 1", "från 0 till 65535" (click writes x>=1)."""
    low, high = self.min, self.max
    if low is None:
        return f"{'mindre än' if self.max_open else 'högst'} {high}"
    if high is None:
        return f"{'större än' if self.min_open else 'minst'} {low}"
    if not self.min_open and not self.max_open:
        return f"från {low} till {high}"
    return f"{'större än' if self.min_open else 'minst'} {low} och {'mindre än' if self.max_open else 'högst'} {high}"


def argument_metavar(arg) -> str:
    """An argument's metavar as click would write it, with a Swedish name."""
    import click

    base = ARGUMENT_NAMES.get(arg.name or "") or ("SÖKVÄG" if isinstance(arg.type, click.Path) else "VÄRDE")
    if not arg.required:
        base = f"[{base}]"
    return base + ("..." if arg.nargs != 1 else "")


def swedish_command(cmd) -> None:
    """Metavars of one command in Swedish: [ALTERNATIV] and its arguments'."""
    import click

    cmd.options_metavar = OPTIONS_METAVAR
    for param in cmd.params:
        if isinstance(param, click.Argument) and param.metavar is None:
            param.metavar = argument_metavar(param)


def _quoted(names) -> str:
    return " / ".join(f"”{n}”" for n in names)


def param_hint(self, ctx) -> str:
    """How an error names an option: ”--jobs” / ”-j” (click writes '--jobs' / '-j')."""
    return _quoted(self.opts or [self.human_readable_name])


def argument_hint(self, ctx) -> str:
    return _quoted([(self.metavar or self.human_readable_name).strip("[].")])


def join_hints(hint):
    return _quoted(hint) if hint is not None and not isinstance(hint, str) else hint


def install() -> None:
    """Point click's message lookups and type names at Swedish. Cheap: click is imported already."""
    from click import core, decorators, exceptions, formatting, parser, termui, types, utils

    import sys

    # Editing and shell completion load only when used (vplan uses neither); patched if present.
    late = [sys.modules[m] for m in ("click.shell_completion", "click._termui_impl") if m in sys.modules]
    for module in (core, decorators, exceptions, formatting, parser, termui, types, utils, *late):
        module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    for name, swedish in TYPE_NAMES.items():
        getattr(types, name).name = swedish
    types._NumberRangeBase._describe_range = describe_range
    core.Parameter.get_error_hint = param_hint
    core.Argument.get_error_hint = argument_hint
    exceptions._join_param_hints = join_hints
