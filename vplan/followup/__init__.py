"""Follow-ups of a plan: delårsrapport, tertialrapport, årsrapport.

read.py (source text -> front matter and body) -> model.py (frozen data) ->
goals.py (the plan's goal ids) -> rules.py (VP600–VP649, checked against the
plan) -> report/ (the report as pandoc's document tree, with charts).
load.py ties reading and checking together for `vplan check` and `vplan build`.
"""
