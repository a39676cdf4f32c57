"""The common shape of a data block, read in one linear pass; anything else declines.

Most blocks are block mappings and sequences of one-line scalars. For them this
reader gives the same data and the same positions as yamlload's composition with
ruamel's C parser, at about a third of the cost: no node objects, no resolver, no
second walk. Whatever it does not know exactly (flow collections, multi-line or
block scalars, trailing comments, escapes, anchors, tags, duplicate keys, odd
characters, too deep nesting) raises Decline, and ruamel reads the text, so
every error message still comes from one place. tests/test_yaml_fastpath.py
holds the two readers to the same result on every block we have and on
generated ones.
"""
from __future__ import annotations

import re

from vplan.read.yamlload import _BOOL, _NULL, _TOO_BIG, MAX_DEPTH, Located, _plain


class Decline(Exception):
    """Outside the shape this reader knows exactly: let ruamel read it."""


# Characters YAML reads otherwise than as plain text (line breaks NEL/LS/PS, BOM, controls).
_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY_NOT_FIRST = set("?:,[]{}#&*!|>'\"%@`")
# A value that is one plain scalar or one simply quoted scalar on its line.
_PLAIN_START = set("-?:,[]{}#&*!|>%@`")
_NUMBER_START = set("0123456789-+.")  # where _plain may see a number
_FLOW_ODD = re.compile(r"[{}\"'#:]")  # in [a, b]: nesting, quotes, comments, mappings


def load(text: str, file: str, line_offset: int) -> Located:
    if _ODD.search(text) or "\t" in text:
        raise Decline
    tokens = _tokens(text)
    if not tokens:
        raise Decline  # an empty document: rare, and ruamel knows its positions
    located = Located(None, {}, {}, file, line_offset)
    end, data = _node(tokens, 0, tokens[0][1], (), located, 0)
    if end != len(tokens):
        raise Decline
    located.data = data
    return located


def _tokens(text: str) -> list:
    """(kind, column, line, key, value, value column) per line piece; kind is -, k or v.

    Plain string operations, no pattern with choices: linear in the line, however it looks.
    """
    out = []
    append = out.append
    for n, line in enumerate(text.split("\n")):
        rest = line.lstrip(" ")
        if not rest:
            continue
        first = rest[0]
        if first == "#":
            continue  # a whole-line comment means nothing between values
        col = len(line) - len(rest)
        if rest[-1] == " ":
            rest = rest.rstrip(" ")
        if first in "-." and rest[:3] in ("---", "...") and rest[3:4] in ("", " "):
            raise Decline  # a document marker
        if first == "-" and rest[1:2] == " ":
            after = rest[1:].lstrip(" ")
            append(("-", col, n, None, None, col))
            col += len(rest) - len(after)
            rest = after
            first = rest[0]
            if first == "#":
                raise Decline  # "- # ...": an empty item
        colon = rest.find(":")
        # A plain key cannot start with an indicator; "-" only before a character that is not a space.
        if colon > 0 and (colon + 1 == len(rest) or rest[colon + 1] == " ") and (
                rest[1] not in " :" if first == "-" else first not in _KEY_NOT_FIRST):
            key = rest[:colon].rstrip(" ")
            if " #" in key:
                raise Decline  # "a #b: 1" is the text a and a comment
            value = rest[colon + 1:].lstrip(" ")
            append(("k", col, n, key, value or None, col + len(rest) - len(value) if value else col + colon + 1))
        else:
            append(("v", col, n, None, rest, col))
    return out


def _node(tokens: list, i: int, col: int, path: tuple, located: Located, depth: int):
    """Read the block node whose first token is tokens[i] at column col; (next index, data)."""
    if depth >= MAX_DEPTH - 1:
        raise Decline  # near the limit: ruamel's path reports it
    token = tokens[i]
    located.values[path] = (token[2], col)
    kind = token[0]
    if kind == "-":
        return _sequence(tokens, i, col, path, located, depth)
    if kind == "k":
        return _mapping(tokens, i, col, path, located, depth)
    raise Decline  # a scalar alone, or text continuing from the line before


def _sequence(tokens, i, col, path, located, depth):
    items = []
    n = len(tokens)
    values = located.values
    while i < n:
        token = tokens[i]
        if token[0] != "-" or token[1] != col:
            break
        line = token[2]
        i += 1
        if i == n:
            raise Decline
        token = tokens[i]
        if token[2] != line:
            raise Decline
        item_path = path + (len(items),)
        if token[0] == "v":
            values[item_path] = (line, token[1])
            items.append(_scalar(token[4]))
            i += 1
        else:
            i, value = _node(tokens, i, token[1], item_path, located, depth + 1)
            items.append(value)
    # Next: a line left of the list, or a key beside it (a list may sit at its key's column).
    if i < n and (tokens[i][1] > col or (tokens[i][1] == col and tokens[i][0] != "k")):
        raise Decline
    return i, items


def _mapping(tokens, i, col, path, located, depth):
    out: dict = {}
    n = len(tokens)
    keys, values = located.keys, located.values
    while i < n:
        kind, c, line, key, value, value_col = tokens[i]
        if kind != "k" or c != col:
            break
        if key in out:
            raise Decline  # ruamel words the duplicate
        key_path = path + (key,)
        keys[key_path] = (line, col)
        i += 1
        if value is not None:
            values[key_path] = (line, value_col)
            out[key] = _flow(value, line, value_col, key_path, located) if value[0] == "[" else _scalar(value)
            continue
        if i < n:
            _kind, c, next_line = tokens[i][:3]
            if next_line != line and (c > col or (c == col and _kind == "-")):
                i, out[key] = _node(tokens, i, c, key_path, located, depth + 1)
                continue
        values[key_path] = (line, value_col)
        out[key] = None
    if i < n and tokens[i][1] >= col:  # text continuing a value, or a misplaced "- "
        raise Decline
    return i, out


def _flow(text: str, line: int, col: int, path: tuple, located: Located) -> list:
    """[a, b, c] of plain scalars on one line (as in undantag: [VP303] or målår: [2025, 2027])."""
    if text[-1] != "]" or text.count("[") != 1 or text.count("]") != 1 or _FLOW_ODD.search(text):
        raise Decline
    inner = text[1:-1]
    if not inner.strip(" "):
        if inner:
            raise Decline
        return []
    items, start = [], col + 1
    for part in inner.split(","):
        value = part.strip(" ")
        if not value or value[0] in _PLAIN_START:
            raise Decline
        located.values[path + (len(items),)] = (line, start + len(part) - len(part.lstrip(" ")))
        items.append(_scalar(value))
        start += len(part) + 1
    return items


def _scalar(text: str):
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or "\\" in inner or '"' in inner:
            raise Decline
        return inner
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise Decline
        return inner.replace("''", "'")
    if (first in _PLAIN_START and not (first == "-" and len(text) > 1 and text[1] not in " ")) \
            or ": " in text or " #" in text or text[-1] == ":":
        raise Decline
    if first not in _NUMBER_START:  # text, a boolean or null: what _plain gives, without the call
        return None if text in _NULL else _BOOL.get(text, text)
    typed = _plain(text)
    if typed is _TOO_BIG:
        raise Decline  # ruamel's path words the limit
    return typed
