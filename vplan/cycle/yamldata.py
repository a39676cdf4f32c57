"""A YAML piece of a plan as data to change, and back as canonical text.

Comment-free YAML (most blocks) goes through vplan.fmt.fastyaml: the C parser and
our own writer. YAML with comments or anything unusual goes through ruamel's round
trip, which keeps the comments. Either way the text written is vplan fmt's form.
Numbers may come back as Plain text ("2025"), so the editing code reads them with
number() and writes them with like().
"""
from __future__ import annotations

from dataclasses import dataclass

from vplan.errors import UsageError


@dataclass
class Doc:
    data: object
    fast: bool  # from fastyaml (plain dicts) rather than ruamel (CommentedMap)


def load(text: str, kind: str, schema_dir, where: str) -> Doc:
    from vplan.fmt import fastyaml
    from vplan.fmt.schemaorder import root
    from vplan.fmt.yamlfmt import load as load_rt

    try:
        return Doc(fastyaml.load(text, root(kind, schema_dir)), True)
    except fastyaml.Decline:
        pass
    try:
        return Doc(load_rt(text), False)
    except Exception as exc:  # ruamel's errors have no common base worth naming here
        why = "ett datum som inte finns i kalendern" if isinstance(exc, ValueError) else "YAML-koden går inte att läsa"
        raise UsageError(f"{where}: vplan kan inte skriva om den här delen av planen: {why}.",
                         "Kör vplan check på planen och rätta felen först.") from None


def dump(doc: Doc, kind: str, schema_dir) -> str:
    from vplan.fmt import fastyaml
    from vplan.fmt.schemaorder import root
    from vplan.fmt.yamlfmt import dump as dump_rt, format_yaml

    text = fastyaml.dump(doc.data) if doc.fast else dump_rt(doc.data)
    return format_yaml(text, root(kind, schema_dir))


def number(value) -> int | None:
    """An integer as either loader gives it (2025, Plain "2025"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit() and value.strip() == value:
        return int(value)
    return None


def like(old, value: int):
    """`value` in the type the loader gave `old`, so the writer writes it as a number."""
    return type(old)(value) if isinstance(old, str) else value


def put_sorted(mapping, year: int, value) -> None:
    """Add `year: value` to a year-keyed mapping, in year order."""
    keys = list(mapping)
    at = next((i for i, k in enumerate(keys) if (number(k) or 0) > year), len(keys))
    if hasattr(mapping, "insert"):  # ruamel keeps comments on its own mapping type
        mapping.insert(at, year, value)
        return
    items = list(mapping.items())
    items.insert(at, (year, value))
    mapping.clear()
    mapping.update(items)
