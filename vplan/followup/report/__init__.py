"""The follow-up report: document tree (document.py), charts (charts.py), per-format trees
(formats.py) and the build (build.py)."""
