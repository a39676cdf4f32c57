"""Comment-free YAML -> the same canonical text as yamlfmt.py, ~20x faster.

yamlfmt.py gets the canonical form from ruamel.yaml's round trip, which keeps
comments but costs about 10 ms per block. Most blocks have no comment: for
them we compose the YAML with the C parser (as the reader does), normalise
it the same way (schema order, year keys, dates, text) and write it here.

We only take texts whose meaning and output we know exactly: no comments,
tags, escapes, tabs, blank lines between values, lists in lists, unusual
numbers or dates... Anything else raises Decline and yamlfmt does the work.
tests/fmt/test_fmt_fastpath.py holds both paths to the same bytes.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from vplan.fmt.schemaorder import SchemaNode
from vplan.fmt.yamlfmt import DATE_KEYS, FLOW_KEYS, canonical_date, canonical_text

MAX_TEXT = 500_000  # far below ruamel's line width (1 000 000), which would fold a long line


class Decline(Exception):
    """The text is outside what this module writes exactly: use ruamel's round trip."""


# What ruamel's round trip could read or write otherwise than the C parser and we do:
# characters YAML escapes or reads as line breaks (NEL, LS, PS), a BOM, and then
# (substring, pattern) pairs, the pattern only searched for when the substring is there.
_CONTROL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_RISKS = (
    ("#", re.compile(r"(?:^|\s)#", re.M)),  # a comment
    ("\t", None),  # a tab
    ("\\", re.compile(r'\\(?!["\\])')),  # an escape other than \" and \\ in quoted text
    ("!", re.compile(r"(?:^|[\s\[\]{},:?])!", re.M)),  # a tag: we could not tell !!str 2025 from 2025
    ("&", re.compile(r"(?:^|[\s\[\]{},:?])&", re.M)),  # an anchor, which ruamel writes back (C nodes lack it)
    ("?", re.compile(r"(?:^|\s)\?(?:\s|$)", re.M)),  # a complex key
    ("---", re.compile(r"^---(?:\s|$)", re.M)),  # a second document
    ("...", re.compile(r"^\.\.\.(?:\s|$)", re.M)),  # the end of the document
    ("<<", None),  # a merge key
    ("%", re.compile(r"\A%")),  # a directive (%YAML 1.1 would change the types)
)
_BLANK_INNER = re.compile(r"\n *\n")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOL = {"true": "true", "True": "true", "TRUE": "true", "false": "false", "False": "false", "FALSE": "false"}
_YEAR = re.compile(r"\d{4}")  # as yamlfmt._year_keys (any Unicode digits)
# Text ruamel always writes plain: a letter first (none that starts true, false or null), no
# character that could make an indicator, no line break, no trailing space.
_PLAIN_TEXT = re.compile(r"(?![tTfFnN])[^\W\d_][^:#,\[\]{}\n\x85\u2028\u2029]*(?<! )")
_BREAKS = "\n\x85\u2028\u2029"
_SPACE = "\0 \t\r\n\x85\u2028\u2029"


class Literal(str):
    """Text with paragraphs, written as a `|-` block."""


class Plain(str):
    """A number, truth value or date, already in the form ruamel writes it."""


class Flow(list):
    """A short list of scalars written inline: `[2025, 2027]`."""


def format_yaml(text: str, schema: SchemaNode) -> str:
    """The canonical text of one YAML document, or Decline."""
    if len(text) > MAX_TEXT or _risky(text):
        raise Decline("screen")
    try:
        return _format(text, schema)
    except Decline:
        raise
    except Exception as exc:  # the C parser's or our own surprise: ruamel reads it (and reports, if it must)
        raise Decline(type(exc).__name__) from None


def load(text: str, schema: SchemaNode) -> dict:
    """The canonical data of a comment-free YAML mapping (what format_yaml writes), or Decline.

    Numbers, truth values and dates are Plain text in the form they are written in;
    a caller may change the data and write it with dump()."""
    if len(text) > MAX_TEXT or _risky(text):
        raise Decline("screen")
    try:
        node = _compose()(text)
        if node is None or node.id != "mapping" or not node.value:
            raise Decline("top")
        if _BLANK_INNER.search(text) or not text.split("\n", 1)[0].strip(" ") \
                or not text.rsplit("\n", 1)[-1].strip(" "):
            _check_blank_lines(text, node)
        return _mapping(node, schema, set())
    except Decline:
        raise
    except Exception as exc:
        raise Decline(type(exc).__name__) from None


def dump(data: dict) -> str:
    """Data from load(), changed or not, as YAML text (not yet in schema order: see format_yaml)."""
    out: list[str] = []
    _write_map(data, 0, out)
    return "\n".join(out) + "\n"


def _risky(text: str) -> bool:
    if _CONTROL.search(text):
        return True
    return any(needle in text and (pattern is None or pattern.search(text)) for needle, pattern in _RISKS)


def _format(text: str, schema: SchemaNode) -> str:
    from vplan.read.yamlload import YamlProblem, refuse_deep_nesting

    try:
        refuse_deep_nesting(text)  # the C parser would crash; the reader has refused it already
    except YamlProblem:
        raise Decline("depth") from None
    node = _compose()(text)
    if node is None:
        return ""
    if node.id != "mapping" or not node.value:
        raise Decline("top")
    if _BLANK_INNER.search(text) or not text.split("\n", 1)[0].strip(" ") \
            or not text.rsplit("\n", 1)[-1].strip(" "):
        _check_blank_lines(text, node)
    out: list[str] = []
    _write_map(_mapping(node, schema, set()), 0, out)
    return "\n".join(out) + "\n"


# --- reading ----------------------------------------------------------------

@lru_cache(maxsize=1)
def _compose():
    """text -> node graph (None for no document), from ruamel's C parser as the reader uses it.

    Every node gets the default tag of its kind (the resolver's own objects, so a tag
    is `is`-comparable); we type plain scalars ourselves, as ruamel's rt loader would.
    """
    from vplan.read.yamlload import untyped_resolver

    Untyped = untyped_resolver()

    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # no ruamel.yaml.clib here: the pure parser is slower, not different
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        yaml.Resolver = Untyped
        return yaml.compose

    class Loader(CParser, Untyped):  # what YAML.compose builds, but once
        def __init__(self, text: str):
            CParser.__init__(self, text)
            Untyped.__init__(self, loadumper=self)

    def compose(text: str):
        loader = Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    return compose


def _tags():
    from ruamel.yaml.resolver import BaseResolver

    return BaseResolver.DEFAULT_MAPPING_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG, BaseResolver.DEFAULT_SCALAR_TAG


_MAP, _SEQ, _STR = _tags()


@lru_cache(maxsize=1)
def _resolvers() -> dict:
    """ruamel's YAML 1.2 implicit types by first character: [(type, compiled pattern)]."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for ch in first:
                table.setdefault(ch, []).append((tag.rsplit(":", 1)[1], regexp.lazy_self()))
    return table


def resolve(value: str) -> str:
    """The type ruamel gives a plain scalar: str, int, float, bool, null, timestamp, ..."""
    for tag, pattern in _resolvers().get(value[:1], ()):
        if pattern.match(value):
            return tag
    return "str"


def _check_blank_lines(text: str, root) -> None:
    """Blank lines are text inside a block scalar. After a line that ends a value, ruamel keeps
    them as comments on that value, which yamlfmt drops. Anywhere else they can change its
    output, so we decline."""
    lines = text.split("\n")
    inside: set[int] = set()  # blank lines that belong to a block scalar
    ends: set[int] = set()  # lines that end with a (non-empty) scalar value
    stack = [root]
    while stack:
        node = stack.pop()
        if node.id == "mapping":
            stack += [value for _key, value in node.value]
        elif node.id == "sequence":
            stack += node.value
        elif node.style in ("|", ">"):
            first = node.start_mark.line
            last = end = node.end_mark.line - (node.end_mark.column == 0)
            while last > first and not lines[last].strip(" "):
                last -= 1
            lead = last if last > first else end + 1  # the first line of text, if any
            lead = next((i for i in range(first + 1, lead) if lines[i].strip(" ")), lead)
            if any(lines[i] for i in range(first + 1, lead)):
                raise Decline("block scalar")  # spaces before the text: the parsers disagree
            inside.update(range(first + 1, last))
            ends.add(last)
        elif node.style or resolve(node.value) != "null":
            end = node.end_mark
            if not lines[end.line][end.column:].strip(" "):
                ends.add(end.line)
    previous = -1  # the last line with text
    for i, line in enumerate(lines):
        if line.strip(" "):
            previous = i
        elif i not in inside and previous not in ends:  # (-1 is not: ruamel keeps some leading ones)
            raise Decline("blank line")


def _key(node):
    if node.id != "scalar" or node.ctag is not _STR:
        raise Decline("key")
    value = node.value
    if node.style:
        return value
    kind = resolve(value)
    if kind == "str":
        return value
    if kind == "int" and _INT.fullmatch(value):
        return int(value)
    raise Decline("key type")


def _mapping(node, schema: SchemaNode, seen: set) -> dict:
    """yamlfmt._normalise of a mapping: keys in schema order, year keys as numbers."""
    if node.ctag is not _MAP:
        raise Decline("mapping")
    keys, values, names = [], {}, set()
    for knode, vnode in node.value:
        key = _key(knode)
        name = str(key)
        if name in names:
            raise Decline("duplicate key")  # ruamel refuses it, and must be the one to
        names.add(name)
        keys.append(key)
        values[key] = vnode
    rank = schema.rank
    last = len(rank)
    keys = [k for _, _, k in sorted((rank.get(k, last), i, k) for i, k in enumerate(keys))]
    if "propertyNames" in schema.schema:
        keys = [int(k) if isinstance(k, str) and _YEAR.fullmatch(k) else k for k in keys]
        values = {int(k) if isinstance(k, str) and _YEAR.fullmatch(k) else k: v for k, v in values.items()}
        if len(values) != len(keys):
            raise Decline("year keys")  # "2025" and "٢٠٢٥" are one year
    return {k: _value(values[k], schema.child(k), k, seen) for k in keys}


def _value(node, schema: SchemaNode, key, seen: set):
    if id(node) in seen:
        raise Decline("alias")  # the screen keeps out anchors; this is the second line of defence
    seen.add(id(node))
    kind = node.id
    if kind == "scalar":
        return _scalar(node, key)
    if kind == "mapping":
        return _mapping(node, schema, seen)
    if node.ctag is not _SEQ:
        raise Decline("sequence")
    items = node.value
    if not items:
        return Flow() if key in FLOW_KEYS else []
    if key in FLOW_KEYS and all(n.id == "scalar" for n in items):
        return Flow(_value(n, schema, None, seen) for n in items)
    child = schema.child(0)
    return [_value(n, child, None, seen) for n in items]


def _scalar(node, key):
    """yamlfmt._scalar of what ruamel's rt loader makes of the node."""
    if node.ctag is not _STR:
        raise Decline("scalar")
    value = node.value
    if not node.style:
        kind = resolve(value)
        if kind != "str":
            return _typed(kind, value)
    if key in DATE_KEYS and (iso := canonical_date(value)):
        return Plain(iso)
    text = canonical_text(value)
    return Literal(text) if "\n" in text else text


def _typed(kind: str, value: str):
    if kind == "int" and _INT.fullmatch(value):
        return Plain(int(value))  # "+5" and "-0" as ruamel writes them: 5 and 0
    if kind == "float" and _FLOAT.fullmatch(value):
        return Plain(_float_text(value))
    if kind == "bool":
        return Plain(_BOOL[value])
    if kind == "null":
        return None
    if kind == "timestamp" and _DATE.fullmatch(value):
        return Plain(datetime.date.fromisoformat(value).isoformat())  # ValueError (ruamel's too): no such day
    raise Decline("scalar type")


def _float_text(value: str) -> str:
    """ruamel keeps a float's digits by width and precision, through a binary float."""
    sign = "-" if value[0] == "-" else ""
    width, prec = len(value), value.find(".")
    text = f"{sign}{abs(float(value)):0{width - len(sign)}.{width - prec - 1}f}"
    return text + "0" * (width - len(text))


# --- writing ------------------------------------------------------------------

def _write_map(mapping: dict, indent: int, out: list[str], first: str | None = None) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        head = (pad if first is None else first) + _key_text(key) + ":"
        first = None
        if isinstance(value, Flow):
            out.append(head + " [" + ", ".join(_flow_text(v) for v in value) + "]")
        elif isinstance(value, dict):
            if value:
                out.append(head)
                _write_map(value, indent + 2, out)
            else:
                out.append(head + " {}")
        elif isinstance(value, list):
            if value:
                out.append(head)
                _write_seq(value, indent + 2, out)
            else:
                out.append(head + " []")
        elif isinstance(value, Literal):
            out.append(head + " |-")
            _write_literal(value, indent + 2, out)
        elif value is None:
            out.append(head)
        else:
            out.append(head + " " + _text(value))


def _write_seq(items: list, indent: int, out: list[str]) -> None:
    dash = " " * indent + "- "
    for value in items:
        if isinstance(value, dict):
            if value:
                _write_map(value, indent + 2, out, first=dash)
            else:
                out.append(dash + "{}")
        elif isinstance(value, list):
            if value:
                raise Decline("list in list")  # a list in a list: ruamel's layout is odd there
            out.append(dash + "[]")
        elif isinstance(value, Literal):
            out.append(dash + "|-")
            _write_literal(value, indent + 2, out)
        elif value is None:
            out.append(dash)
        else:
            out.append(dash + _text(value))


def _write_literal(text: str, indent: int, out: list[str]) -> None:
    pad = " " * indent
    out += [pad + line if line else "" for line in text.split("\n")]


def _key_text(key) -> str:
    if isinstance(key, int):
        return str(key)
    if not key or len(key) >= 128 or "\n" in key:
        raise Decline("key form")  # an empty, long or multi-line key is written as a complex key
    return key if _plain_ok(key, flow=False) else _quoted(key)


def _text(value) -> str:
    if isinstance(value, Plain):
        return value
    return value if _plain_ok(value, flow=False) else _quoted(value)


def _flow_text(value) -> str:
    if value is None or isinstance(value, Literal):
        raise Decline("flow item")
    if isinstance(value, Plain):
        return value
    return value if _plain_ok(value, flow=True) else _quoted(value)


def _quoted(text: str) -> str:
    # the screen let no character through that needs another escape
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_ok(text: str, flow: bool) -> bool:
    """Would ruamel's emitter write this one-line text without quotes (Emitter.analyze_scalar)?"""
    if _PLAIN_TEXT.fullmatch(text):
        return True
    if not text or resolve(text) != "str":
        return False
    if text[0] == " " or text[-1] == " " or text.startswith(("---", "...")):
        return False
    first = text[0]
    alone = len(text) == 1 or text[1] in _SPACE  # followed by a space
    if first in "#,[]{}&*!|>'\"%@`" or first == "-" and alone:
        return False
    if first in "?:" and (len(text) == 1 or alone and not flow):  # ": x" is plain in a flow list!
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    if ":" in text and _colon_before_space(text):
        return False
    if "#" in text and any(text[i - 1] in _SPACE for i in range(1, len(text)) if text[i] == "#"):
        return False
    return not any(c in text for c in _BREAKS)


def _colon_before_space(text: str) -> bool:
    return any(text[i] == ":" and (i + 1 >= len(text) or text[i + 1] in _SPACE) for i in range(1, len(text)))
