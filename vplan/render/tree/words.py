"""The words a document uses (a house style may change them in _ord.md.j2) and heading ids.

_ord.md.j2 is the one Jinja template left: it only sets a dict of words, and it
runs in Jinja's sandbox so a region's own file cannot reach into Python. Plan
text never enters it.
"""
from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from pathlib import Path
from typing import Mapping

WORDS_FILE = "_ord.md.j2"

# The defaults; a house style's _ord.md.j2 overrides any of them.
WORDS: Mapping[str, str] = {
    "målområde": "Målområde",
    "mål": "Mål",
    "delmål": "Delmål",
    "indikator": "Indikator",
    "indikatorer": "Indikatorer",
    "utfall": "Utfall",
    "mål_år": "Målnivå",
    "beslutad_av": "Beslutad av",
    "kluster": "Kluster med {n} parametrar",
    "källa": "Källa",
    "kommentar": "Kommentar",
    "tabell": "Tabell",
    "post": "Post",
    "senast": "Senast",
    "status": "Status",
    "periodicitet": "Uppföljning",
    "riktas_till": "Riktas till",
    "bilaga": "Bilaga",
    "innehall": "Innehåll",
    "separat": "Separat dokument.",
    "ej_beslutsunderlag": "Ingår inte i beslutsunderlaget.",
    "block_med_fel": "Blocket ”{typ}” har fel och visas inte.",
}


def words_with_defaults(words: Mapping[str, str]) -> dict[str, str]:
    return {**WORDS, **dict(words)}


def slug(text: str, taken: set[str], prefix: str = "") -> str:
    """A stable ASCII id from a heading: "Målområde 1: Ett …" -> "malomrade-1-ett-…"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    found = re.findall(r"[a-z0-9]+", ascii_.lower())
    base, length = [], 0
    for word in found:  # keep ids readable: cut at a word boundary
        if length + len(word) > 60 and base:
            break
        base.append(word)
        length += len(word) + 1
    stem = prefix + ("-".join(base) or "avsnitt")
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate)
    return candidate


@functools.lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...]):
    """A sandboxed Jinja environment over a house style's folders (own first, standard last)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(loader=FileSystemLoader([str(f) for f in folders]), autoescape=True,
                                undefined=StrictUndefined)


def house_words(folders: tuple[Path, ...]) -> dict[str, str]:
    """The house style's words: every _ord.md.j2 from standard up to the style's own."""
    env = environment(folders)
    merged: dict[str, str] = {}
    for folder in reversed(folders):
        path = folder / WORDS_FILE
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            with _template_errors(path.name):
                _only_words(env.parse(text), path.name)
                module = env.from_string(text).module
            merged.update({str(k): str(v) for k, v in dict(getattr(module, "ord", {})).items()})
    return merged


def _only_words(template, name: str) -> None:
    """The file may only set `ord` to words written out: a loop could run for hours even in the
    sandbox, and an include reads other files."""
    from jinja2 import nodes

    from vplan.render.errors import RenderError

    def literal(node) -> bool:
        return isinstance(node, nodes.Const) and isinstance(node.value, str)

    for node in template.body:
        if isinstance(node, nodes.Output) and all(
                isinstance(x, nodes.TemplateData) and not x.data.strip() for x in node.nodes):
            continue
        if (isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name) and node.target.name == "ord"
                and isinstance(node.node, nodes.Dict)
                and all(literal(p.key) and literal(p.value) for p in node.node.items)):
            continue
        raise RenderError("husstilens mall", f"{name}, rad {node.lineno}: filen får bara sätta orden, "
                                             '{% set ord = {"indikator": "Nyckeltal"} %}, med orden '
                                             "inskrivna inom citattecken")


@contextlib.contextmanager
def _template_errors(name: str):
    """A broken or forbidden template is the house style's error, told in Swedish."""
    from jinja2 import TemplateError, TemplateSyntaxError

    from vplan.render.errors import RenderError

    try:
        yield
    except TemplateSyntaxError as err:
        where = f"{err.filename or err.name or name}, rad {err.lineno}"
        raise RenderError("husstilens mall", f"{where}: {err.message}") from None
    except TemplateError as err:
        raise RenderError("husstilens mall", f"{name}: {err}") from None
