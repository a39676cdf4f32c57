"""Render: plan model -> pandoc document tree -> HTML, DOCX, PDF bytes.

tree/ builds pandoc's JSON document tree from the model (plan text only ever
as Str nodes, prose as the tree pandoc's CommonMark reader made of it);
engines.py turns the tree into bytes in a house style; redline*.py build the
marked-up versions on the same tree; build.py and release.py drive it all and
write the files with vplan.write.
"""
