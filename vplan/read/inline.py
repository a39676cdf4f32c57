"""Short texts (names, cells, headings, assignments, risks) -> pandoc inline nodes.

These texts are not Markdown. Only three things in them mean something:
**fet**, *kursiv* and a footnote reference [^id]; a backslash before * or [
shows that character as it is. Everything else, `- `, `1)`, `#`, `<`, `$`,
`@`, backslashes, reaches the documents exactly as written.

The scan is linear: for every position we know in advance where the next
possible closing mark is, so a text full of unmatched stars costs no more
than any other text.
"""
from __future__ import annotations

import functools
import re

from vplan.read.prose import NOTE_MARK

_WS = re.compile(r"[ \t\r\n]+")
_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def note(note_id: str) -> dict:
    """The placeholder Note for footnote `note_id`, the same as prose gets."""
    return {"t": "Note", "c": [{"t": "Para", "c": [{"t": "Str", "c": NOTE_MARK + note_id.encode().hex()}]}]}


def words(text: str) -> list[dict]:
    """Literal text as Str and Space nodes; runs of white space become one Space."""
    out: list[dict] = []
    for i, word in enumerate(_WS.split(text)):
        if i and (not out or out[-1]["t"] != "Space"):
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> tuple:
    return tuple(_Scanner(text).run())


def parse(text: str) -> list[dict]:
    """The inline nodes of a short text, trimmed; a fresh list the caller may change."""
    import copy

    nodes = list(copy.deepcopy(_parse(str(text).strip())))
    return nodes


def plain(text: str) -> str:
    """What a reader sees of a short text: the marks gone, white space as single spaces."""
    return _stringify(_parse(str(text).strip()))


def _stringify(nodes) -> str:
    out = []
    for n in nodes:
        t = n["t"]
        if t == "Str":
            out.append(n["c"])
        elif t == "Space":
            out.append(" ")
        elif t in ("Strong", "Emph"):
            out.append(_stringify(n["c"]))
    return "".join(out)


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        # next_close[k][i]: the first index >= i where a closing mark of kind k may stand;
        # only worked out for a text that has a star at all (most names and cells do not)
        self.next_close = {k: self._closers(k) for k in ("**", "*")} if "*" in text else {}

    def _closers(self, mark: str) -> list[int]:
        n = len(self.text)
        nxt = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            nxt[i] = i if self._closes(i, mark) else nxt[i + 1]
        return nxt

    def _escaped(self, i: int) -> bool:
        return i > 0 and self.text[i - 1] == "\\" and self.text[i] in "*["

    def _closes(self, i: int, mark: str) -> bool:
        t = self.text
        if not t.startswith(mark, i) or i == 0 or t[i - 1] in " \t\r\n" or self._escaped(i):
            return False
        if mark == "*":  # a single star, not part of a double one
            return t[i + 1:i + 2] != "*" and t[i - 1] != "*"
        return True

    def _opens(self, i: int, mark: str) -> bool:
        t = self.text
        after = t[i + len(mark):i + len(mark) + 1]
        if not t.startswith(mark, i) or not after or after in " \t\r\n" or (i and t[i - 1] == "\\"):
            return False
        return after != "*"

    def run(self) -> list[dict]:
        return self._span(0, self.n, inside=None)

    def _span(self, start: int, end: int, *, inside: str | None) -> list[dict]:
        out: list[dict] = []
        buf: list[str] = []
        i = start
        t = self.text

        def flush():
            if buf:
                out.extend(words("".join(buf)))
                buf.clear()

        while i < end:
            ch = t[i]
            if ch == "\\" and i + 1 < end and t[i + 1] in "*[":
                buf.append(t[i + 1])
                i += 2
                continue
            if ch == "[" and t.startswith("[^", i):
                m = _NOTE.match(t, i, end)
                if m:
                    flush()
                    out.append(note(m.group(1)))
                    i = m.end()
                    continue
            if ch == "*" and inside != "Emph":  # bold may hold italics, not the other way
                for mark, kind in (("**", "Strong"), ("*", "Emph")):
                    if kind != inside and self._opens(i, mark):
                        close = self.next_close[mark][i + len(mark) + 1] if i + len(mark) + 1 <= self.n else self.n
                        if close < end:
                            flush()
                            out.append({"t": kind, "c": self._span(i + len(mark), close, inside=kind)})
                            i = close + len(mark)
                            break
                else:
                    buf.append(ch)
                    i += 1
                continue
            buf.append(ch)
            i += 1
        flush()
        return out
