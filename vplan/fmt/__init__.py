"""`vplan fmt`: one canonical form for every plan, written only when provably safe.

- document.py: text -> canonical text (front matter, headings, prose, blocks)
- yamlfmt.py / schemaorder.py: YAML in schema key order, comments kept (ruamel's round trip)
- fastyaml.py: the same text for YAML without comments, ~20x faster (C parser, own writer)
- prose.py / sentences.py: Markdown with one sentence per line
- verify.py: model equivalence, comments and stability checks
- files.py: format_paths(): read, verify, write atomically
"""
from __future__ import annotations


def format_text(text: str, *, schema_dir: str | None = None) -> str:
    """The canonical form of a plan's text (no verification; see format_paths)."""
    from vplan.fmt.document import format_text as _format

    return _format(text, schema_dir=schema_dir)


def format_paths(paths=(), *, options, check: bool = False):
    """Format plan files; returns a FmtResult. Unsafe or unreadable files are left untouched."""
    from vplan.fmt.files import format_paths as _format_paths

    return _format_paths(paths, options=options, check=check)


__all__ = ["format_text", "format_paths"]
