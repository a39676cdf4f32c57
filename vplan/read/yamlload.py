"""YAML text -> plain JSON-like data plus the position of every key and value.

We compose ruamel.yaml's node graph ourselves instead of constructing Python
objects, so that: numbers stay exact (Decimal), impossible dates do not crash
the loader, aliases are refused (no alias bombs), nesting is capped, and every
key and value keeps its line and column.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vplan.model import Pos

MAX_DEPTH = 24

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
        path = tuple(path)
        while path and path not in table:
            path = path[:-1]
        line, col = table.get(path, (0, 0))
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
    from ruamel.yaml.error import MarkedYAMLError

    if "\t" in text:
        _reject_tabs(text)
    yaml = _yaml()
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except RecursionError:
        raise YamlProblem("VP005", "YAML-texten är för djupt nästlad.",
                          f"Använd högst {MAX_DEPTH} nivåer.", 0, 0) from None
    located = Located(None, {}, {}, file, line_offset)
    if node is None:
        located.data = None
        return located
    located.data = _convert(node, (), located, set(), 0)
    return located


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
    return _YAML


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
    if "bad indentation" in problem or "expected <block end>" in problem:
        return YamlProblem("VP001", "Felaktigt indrag i YAML.",
                           "Kontrollera att raden är indragen lika mycket som raderna bredvid.",
                           line, col)
    if "end of stream" in problem or "unexpected end" in problem or "found unexpected end" in problem:
        return YamlProblem("VP001", "YAML-texten tar slut mitt i ett värde.",
                           "Kontrollera att alla citattecken och klamrar är stängda.", line, col)
    detail = (exc.problem or name).strip()
    return YamlProblem("VP001", f"YAML-texten går inte att läsa ({detail}).",
                       "Kontrollera indrag, kolon och citattecken på raden.", line, col)


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
    kind = type(node).__name__
    if kind == "MappingNode":
        out: dict = {}
        for knode, vnode in node.value:
            if type(knode).__name__ != "ScalarNode":
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
    if kind == "SequenceNode":
        return [_convert(v, path + (i,), located, seen, depth + 1) for i, v in enumerate(node.value)]
    return _scalar(node)


def _scalar(node):
    tag = node.tag.value if hasattr(node.tag, "value") else str(node.tag)
    value = node.value
    if node.style in ("'", '"', "|", ">"):
        return value
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""), 0) if value[:2] in ("0x", "0o") else int(value.replace("_", ""))
        except ValueError:
            return value
    if tag.endswith(":float"):
        low = value.lower()
        if low in (".nan", ".inf", "-.inf", "+.inf"):
            return value  # not a plan figure; the schema will complain
        try:
            return Decimal(value.replace("_", ""))
        except InvalidOperation:
            return value
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":null"):
        return None
    return value  # str, timestamp (kept as text, validated by rules)
