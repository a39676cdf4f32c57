"""YAML text -> plain JSON-like data plus the position of every key and value.

We compose ruamel.yaml's node graph ourselves instead of constructing Python
objects, so that: numbers stay exact (Decimal), impossible dates do not crash
the loader, aliases are refused (no alias bombs), nesting is capped, and every
key and value keeps its line and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vplan.model import Pos

MAX_DEPTH = 24
# A budget in kronor or a share in percent never needs more: bounding numbers keeps
# arithmetic, formatting and int() (which refuses over 4 300 digits) cheap and safe.
MAX_DIGITS = 30
MAX_EXPONENT = 30

Path = tuple


@dataclass
class YamlProblem(Exception):
    """A YAML text that cannot be read; line/column are 0-based in the YAML text."""

    code: str
    message: str
    hint: str
    line: int
    column: int


@dataclass
class Located:
    """Loaded data plus positions: `keys[path]` for a key, `values[path]` for its value."""

    data: object
    keys: dict
    values: dict
    file: str
    line_offset: int  # file line of the YAML text's first line, 1-based

    def pos(self, path: Path, key: bool = False) -> Pos:
        table = self.keys if key else self.values
        found = table.get(path if type(path) is tuple else tuple(path))
        if found is None:  # a value that is missing: the nearest place above it
            path = tuple(path)
            while path and path not in table:
                path = path[:-1]
            found = table.get(path, (0, 0))
        line, col = found
        return Pos(self.file, self.line_offset + line, col + 1)

    def key_pos(self, path: Path) -> Pos:
        return self.pos(path, key=path in self.keys or tuple(path) in self.keys)

    def sub(self, path: Path) -> "Located":
        """The part of the data below `path`, with positions re-rooted there."""
        path = tuple(path)
        n = len(path)
        value = self.data
        for p in path:
            value = value[p]
        keys = {k[n:]: v for k, v in self.keys.items() if k[:n] == path}
        values = {k[n:]: v for k, v in self.values.items() if k[:n] == path}
        return Located(value, keys, values, self.file, self.line_offset)


def load_yaml(text: str, file: str, line_offset: int) -> Located:
    """Parse one YAML document; raise YamlProblem with a Swedish message."""
    from vplan.read import yamlfast

    try:
        return yamlfast.load(text, file, line_offset)
    except yamlfast.Decline:
        pass
    return load_yaml_full(text, file, line_offset)


def load_yaml_full(text: str, file: str, line_offset: int) -> Located:
    """load_yaml through ruamel's parser: any YAML, and every error message."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    if "\t" in text:
        _reject_tabs(text)
    if "&" in text:
        _reject_anchors(text)
    refuse_deep_nesting(text)
    yaml = _yaml()
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except ReaderError as exc:  # a control character, often pasted in from another program
        # The C reader's position counts bytes, not characters: after an å it pointed too far right.
        # The reader stops at the first such character, so that is the one.
        pos = text.find(chr(exc.character))
        pos = exc.position if pos < 0 else pos
        line, col = text.count("\n", 0, pos), pos - (text.rfind("\n", 0, pos) + 1)
        raise YamlProblem("VP001", f"Ett otillåtet kontrolltecken (U+{exc.character:04X}) i YAML.",
                          "Ta bort tecknet. Det följer ofta med när text klistras in från ett annat program.",
                          line, col) from None
    except YAMLError:  # anything else ruamel refuses: a diagnostic, never a traceback
        raise YamlProblem("VP001", "YAML-texten går inte att läsa.",
                          "Kontrollera indrag, kolon och citattecken.", 0, 0) from None
    except RecursionError:
        raise YamlProblem("VP005", "YAML-texten är för djupt nästlad.",
                          f"Använd högst {MAX_DEPTH} nivåer.", 0, 0) from None
    located = Located(None, {}, {}, file, line_offset)
    if node is None:
        located.data = None
        return located
    located.data = _convert(node, (), located, set(), 0)
    return located


# The C parser's composer recurses in C, without Python's recursion limit: some tens of
# thousands of levels ("- - - - …" on one line, "[[[[…") crash the process. The nesting
# limit itself (MAX_DEPTH) is checked on the nodes; this bound only keeps the parser alive.
PARSER_SAFE_DEPTH = 1000


def refuse_deep_nesting(text: str) -> None:
    """VP005 before parsing when the text might nest deeper than the parser survives.

    An upper bound in one pass: open flow brackets, plus the indentation levels open at a
    line, plus the "- ", "? " and ": " that start values on that line.
    """
    if len(text) < PARSER_SAFE_DEPTH:
        return  # too short to nest that deep
    flow, indents = 0, [-1]
    for n, line in enumerate(text.split("\n")):
        rest = line.lstrip(" ")
        if rest:
            indent = len(line) - len(rest)
            while indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        flow += line.count("[") + line.count("{") - line.count("]") - line.count("}")
        inline = line.count("- ") + line.count("? ") + line.count(": ")
        if max(flow, 0) + len(indents) + inline > PARSER_SAFE_DEPTH:
            raise YamlProblem("VP005", "YAML-texten är för djupt nästlad.",
                              f"Använd högst {MAX_DEPTH} nivåer.", n, 0)


_YAML = None


def _yaml():
    """ruamel's C parser when available (about 4x faster); positions are the same."""
    global _YAML
    if _YAML is None:
        from ruamel.yaml import YAML

        try:
            _YAML = YAML(typ="safe", pure=False)
            _YAML.compose("a: 1")
        except Exception:  # no ruamel.yaml.clib on this platform
            _YAML = YAML(typ="safe", pure=True)
        # We type plain scalars ourselves (_plain below); ruamel's versioned
        # resolver was half of all load time.
        _YAML.Resolver = untyped_resolver()
    return _YAML


def untyped_resolver():
    """A resolver that gives every node its kind's default tag; plain scalars are typed by _plain."""
    from ruamel.yaml.resolver import VersionedResolver

    class Untyped(VersionedResolver):
        def resolve(self, kind, value, implicit):
            name = kind.__name__
            if name == "ScalarNode":
                return self.DEFAULT_SCALAR_TAG
            return self.DEFAULT_SEQUENCE_TAG if name == "SequenceNode" else self.DEFAULT_MAPPING_TAG

    return Untyped


# An anchor starts a value: at a line's start, after "- ", ": " or a flow bracket.
# ("Forskning & utveckling" is text: the & is not where a value starts.)
_ANCHOR = re.compile(r"(?:^[ ]*(?:-[ ]+)*|:[ ]+|[\[{,][ ]*)(&[^\s,\[\]{}]+)", re.MULTILINE)


def _reject_anchors(text: str) -> None:
    """The C parser's nodes do not say whether they had an anchor, so look for one."""
    for m in _ANCHOR.finditer(text):
        if _inside_quotes(text, m.start(1)):
            continue  # before counting lines: counting from the start at every quoted & is quadratic
        line = text.count("\n", 0, m.start(1))
        column = m.start(1) - (text.rfind("\n", 0, m.start(1)) + 1)
        raise YamlProblem("VP004", "YAML-ankare och alias (&namn, *namn) är inte tillåtna i planer.",
                          "Skriv ut värdet där det behövs i stället för att hänvisa till det.", line, column)


def _inside_quotes(text: str, index: int) -> bool:
    start = text.rfind("\n", 0, index) + 1
    before = text[start:index]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1


def _reject_tabs(text: str) -> None:
    for i, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t") or ("\t" in line and not _tab_inside_quotes(line)):
            raise YamlProblem(
                "VP001", "Tabbtecken i YAML.",
                "YAML får bara dras in med mellanslag. Byt tabben mot mellanslag.",
                i, line.index("\t"))


def _tab_inside_quotes(line: str) -> bool:
    idx = line.index("\t")
    before = line[:idx]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1


def _syntax_problem(exc) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    problem = (exc.problem or "").lower()
    name = type(exc).__name__
    if name == "DuplicateKeyError" or "duplicate key" in problem:
        key = _quoted(str(exc.problem or ""))
        return YamlProblem("VP001", f"Nyckeln {key} finns två gånger.",
                           "Ta bort eller byt namn på den ena.", line, col)
    if "mapping values are not allowed" in problem:
        return YamlProblem(
            "VP001", "Ett kolon (:) står där YAML inte väntar sig det.",
            'Sätt citattecken runt texten om den innehåller ": ", till exempel "Tertial: apr, aug, dec".',
            line, col)
    if "could not find expected ':'" in problem:
        return YamlProblem("VP001", "En rad saknar kolon efter nyckeln.",
                           "Skriv nyckel: värde, eller kontrollera indraget på raden före.",
                           line, col)
    if "found character '\\t'" in problem:
        return YamlProblem("VP001", "Tabbtecken i YAML.",
                           "YAML får bara dras in med mellanslag.", line, col)
    if "found undefined alias" in problem or "alias" in problem:
        return YamlProblem("VP004", "YAML-alias (*namn) är inte tillåtna i planer.",
                           "Skriv ut värdet i stället för att hänvisa till det.", line, col)
    if any(k in problem for k in ("bad indentation", "expected <block end>", "did not find expected key",
                                  "did not find expected '-' indicator")):
        return YamlProblem("VP001", "Felaktigt indrag i YAML.",
                           "Kontrollera att raden är indragen lika mycket som raderna bredvid.",
                           line, col)
    if "quoted scalar" in (exc.context or "") and exc.context_mark and "end of stream" in problem:
        m = exc.context_mark  # the opening quote, not the end of the block
        return YamlProblem("VP001", "Ett citattecken stängs aldrig.",
                           "Avsluta texten med samma citattecken som den börjar med.", m.line, m.column)
    if "end of stream" in problem or "unexpected end" in problem or "found unexpected end" in problem:
        return YamlProblem("VP001", "YAML-texten tar slut mitt i ett värde.",
                           "Kontrollera att alla citattecken och klamrar är stängda.", line, col)
    for needle, message, hint in _OTHER_PROBLEMS:
        if needle in problem:
            if needle.startswith("expected ','") and exc.context_mark:  # point at the opening [ or {
                line, col = exc.context_mark.line, exc.context_mark.column
            return YamlProblem("VP001", message, hint, line, col)
    # ruamel's own words are English: never shown, the place is what helps.
    return YamlProblem("VP001", "YAML-texten går inte att läsa här.",
                       "Kontrollera indrag, kolon, citattecken och klamrar på raden och raden före.", line, col)


# ruamel's wording (lower case) -> Swedish message and hint, for the usual slips.
_OTHER_PROBLEMS = (
    ("did not find expected node content", "Ett värde saknas eller börjar med ett tecken som YAML inte väntar sig.",
     "Kontrollera att varje [ och { stängs och att det står ett värde efter kolon och komma."),
    ("cannot start any token", "Ett värde börjar med ett tecken som YAML inte tillåter där (till exempel ` @ eller %).",
     'Sätt citattecken runt värdet, till exempel "@regionen".'),
    ("unknown escape character", "Ett okänt tecken efter \\ i en text inom citattecken.",
     "Skriv \\\\ för ett bakvänt snedstreck, eller använd enkla citattecken ('…')."),
    ("expected ',' or ']'", "En lista inom hakparenteser stängs inte.",
     "Kontrollera att varje [ har en ] och att värdena skiljs åt med kommatecken."),
    ("expected ',' or '}'", "En mappning inom klammerparenteser stängs inte.",
     "Kontrollera att varje { har en } och att värdena skiljs åt med kommatecken."),
    ("expected a comment or a line break", "Det står text efter värdet på raden.",
     "Sätt citattecken runt hela värdet, eller flytta texten till en egen rad."),
    ("expected alphabetic or numeric character", "Ett & eller * står där YAML väntar sig ett namn.",
     'Sätt citattecken runt värdet, till exempel "*preliminärt".'),
)


def _quoted(problem: str) -> str:
    # ruamel: 'found duplicate key "x" with value ...'
    if '"' in problem:
        parts = problem.split('"')
        if len(parts) >= 3:
            return f"”{parts[1]}”"
    return "en nyckel"


def _convert(node, path: Path, located: Located, seen: set, depth: int):
    if depth > MAX_DEPTH:
        m = node.start_mark
        raise YamlProblem("VP005", f"YAML-texten är nästlad i mer än {MAX_DEPTH} nivåer.",
                          "Förenkla strukturen.", m.line, m.column)
    if id(node) in seen or getattr(node, "anchor", None):
        m = node.start_mark
        raise YamlProblem("VP004", "YAML-ankare och alias (&namn, *namn) är inte tillåtna i planer.",
                          "Skriv ut värdet där det behövs i stället för att hänvisa till det.",
                          m.line, m.column)
    seen.add(id(node))
    m = node.start_mark
    located.values[path] = (m.line, m.column)
    kind = node.id  # "mapping", "sequence" or "scalar"
    if kind == "mapping":
        out: dict = {}
        for knode, vnode in node.value:
            if knode.id != "scalar":
                km = knode.start_mark
                raise YamlProblem("VP001", "En nyckel måste vara ett enkelt ord eller tal.",
                                  "Skriv nyckel: värde.", km.line, km.column)
            key = str(knode.value)
            if key in out:
                km = knode.start_mark
                raise YamlProblem("VP001", f"Nyckeln ”{key}” finns två gånger.",
                                  "Ta bort eller byt namn på den ena.", km.line, km.column)
            located.keys[path + (key,)] = (knode.start_mark.line, knode.start_mark.column)
            out[key] = _convert(vnode, path + (key,), located, seen, depth + 1)
        return out
    if kind == "sequence":
        return [_convert(v, path + (i,), located, seen, depth + 1) for i, v in enumerate(node.value)]
    return _scalar(node)


# YAML 1.2 core schema for plain scalars; timestamps stay text (rules check dates).
_INT = re.compile(r"^[-+]?[0-9]+$")
_HEX_OCT = re.compile(r"^0x[0-9a-fA-F]+$|^0o[0-7]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _scalar(node):
    value = node.value
    if node.style:  # quoted or block scalar: always text (plain is None or "")
        return value
    typed = _plain(value)
    if typed is _TOO_BIG:
        m = node.start_mark
        shown = value if len(value) <= 20 else value[:12] + "…"
        raise YamlProblem("VP006", f"Talet {shown} har för många siffror eller för stor exponent.",
                          f"Ett tal får ha högst {MAX_DIGITS} siffror och en exponent (e) mellan −{MAX_EXPONENT} "
                          f"och {MAX_EXPONENT}. Skriv stora belopp i en större enhet, till exempel mnkr i "
                          "stället för kr.",
                          m.line, m.column)
    return typed


_TOO_BIG = object()


def _too_big(value: str) -> bool:
    mantissa, _, exponent = value.lower().partition("e")
    digits = sum(c.isdigit() for c in mantissa.lstrip("+-0x").lstrip("o"))
    if digits > MAX_DIGITS or len(exponent.lstrip("+-")) > 3:
        return True
    return bool(exponent) and abs(int(exponent)) > MAX_EXPONENT


def _plain(value: str):
    if value in _NULL:
        return None
    first = value[0]
    if first in "0123456789-+.":
        if (len(value) > MAX_DIGITS or "e" in value or "E" in value) and (
                _INT.match(value) or _FLOAT.match(value) or _HEX_OCT.match(value)) and _too_big(value):
            return _TOO_BIG
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            try:
                return Decimal(value)
            except InvalidOperation:
                return value
        # 0x10 and 0o17 stay text: a document must show a number as it was written, and a
        # number field then says that it wants a number
        return value
    if value in _BOOL:
        return _BOOL[value]
    return value
