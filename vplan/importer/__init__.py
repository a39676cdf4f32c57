"""`vplan import`: a Word plan (.docx) -> a vplan plan that checks, every figure kept.

Read with pandoc's docx reader into its JSON tree (source.py), then vplan's own
recognisers walk that tree: the cover (front.py), headings (headings.py),
tables (tables.py) and prose (body.py). The plan text is checked in memory
(vplan.api.check_bytes) before anything is written (run.py).
"""
