"""Markdown prose -> canonical lines: one sentence per line, "-" bullets, tidy lists.

We let markdown-it (CommonMark) find the block structure, then write each
block back ourselves. Blocks we do not rewrite (quotes, code, HTML, tables,
setext headings) are copied line by line with trailing spaces removed.
"""
from __future__ import annotations

import textwrap
from functools import lru_cache

from vplan.fmt.sentences import split as split_sentences
from vplan.read.prose import MAX_NESTING



def _hard_break(line: str) -> int | None:
    """Where a hard line break (a backslash or two spaces at the end) starts, or None.
    (Not a pattern: " {2,}$" tries every space of a long run, quadratic.)"""
    if line.endswith("\\"):
        return len(line) - 1
    kept = line.rstrip(" ")
    return len(kept) if len(line) - len(kept) >= 2 else None


# markdown-it stops nesting at 20 tokens (about ten lists in each other) and drops what is
# deeper, where the reader (pandoc) allows MAX_NESTING levels: fmt must see all of them.
# Each list level opens two tokens (list, item), a paragraph one more.
_OPTIONS = {"maxNesting": 4 * MAX_NESTING + 4}


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", _OPTIONS)


@lru_cache(maxsize=1)
def _block_parser():
    """Block structure only: we rewrite blocks from their source lines and a paragraph from its
    raw content, never from inline tokens, so inline parsing (a third of the time) is skipped."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", _OPTIONS).disable("inline")


def format_markdown(text: str) -> list[str]:
    """Canonical lines for a piece of Markdown prose (no trailing blank line)."""
    from markdown_it.tree import SyntaxTreeNode

    src = text.split("\n")
    tree = SyntaxTreeNode(_block_parser().parse(text))
    blocks: list[list[str]] = []
    covered = 0
    previous = None
    for node in tree.children:
        start, end = node.map
        gap = [ln.rstrip() for ln in src[covered:start] if ln.strip()]
        if gap:  # lines markdown-it keeps no token for, e.g. link reference definitions
            blocks.append(gap)
            previous = None
        blocks.append(_block(node, src, _bullet(previous, node)))
        previous = (node, blocks[-1])
        covered = end
    tail = [ln.rstrip() for ln in src[covered:] if ln.strip()]
    if tail:
        blocks.append(tail)
    return _join(blocks, blank=True)


def _join(blocks: list[list[str]], blank: bool) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if out and blank:
            out.append("")
        out.extend(block)
    return out


def _bullet(previous, node) -> str:
    """ "-", or "*" for a list right after another "-" list: one marker would merge them."""
    if node.type == "bullet_list" and previous and previous[0].type == "bullet_list" \
            and previous[1] and previous[1][0].startswith("-"):
        return "*"
    return "-"


def _block(node, src: list[str], bullet: str = "-") -> list[str]:
    if node.type == "paragraph":
        return paragraph(node.children[0].content)
    if node.type in ("bullet_list", "ordered_list"):
        return _list(node, src, bullet)
    return _verbatim(node, src)


def _verbatim(node, src: list[str]) -> list[str]:
    start, end = node.map
    lines = textwrap.dedent("\n".join(src[start:end])).split("\n")
    return [ln.rstrip() for ln in lines]


def paragraph(content: str) -> list[str]:
    """Sentences one per line; hard line breaks are kept, written as a backslash."""
    out: list[str] = []
    segment: list[str] = []
    for line in content.split("\n"):
        hard = _hard_break(line)
        segment.append(line.strip() if hard is None else line[:hard].strip())
        if hard is not None:
            out += _sentences(segment)
            out[-1] += "\\"
            segment = []
    if segment:
        out += _sentences(segment)
    return out


def _sentences(lines: list[str]) -> list[str]:
    text = " ".join(ln for ln in lines if ln)
    return split_sentences(text) or [""]


def _list(node, src: list[str], bullet: str = "-") -> list[str]:
    ordered = node.type == "ordered_list"
    items = node.children
    loose = any(not p.hidden for item in items for p in item.children if p.type == "paragraph")
    out: list[str] = []
    for item in items:
        marker = f"{item.info}{item.markup}" if ordered else bullet
        parts, previous = [], None
        for child in item.children:
            parts.append(_block(child, src, _bullet(previous, child)))
            previous = (child, parts[-1])
        body = _join(parts, blank=loose)
        if out and loose:
            out.append("")
        if not body:
            out.append(marker)
            continue
        pad = " " * (len(marker) + 1)
        out.append(f"{marker} {body[0]}" if body[0] else marker)
        out += [pad + ln if ln else "" for ln in body[1:]]
    return out
