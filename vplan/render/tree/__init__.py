"""Model -> pandoc's document tree (JSON AST): the one tree HTML, DOCX and PDF are written from.

nodes.py    constructors; text enters only as Str nodes
document.py the plan's sections, prose and blocks, in source order
tables.py   indicator blocks and numeric tables as Table nodes
notes.py    footnotes printed once, later references pointing at them
safety.py   the walk over prose trees: raw HTML, links and images
"""
from vplan.render.tree.document import document_tree, heading_ids

__all__ = ["document_tree", "heading_ids"]
