"""`vplan serve`: a live HTML preview of plans on 127.0.0.1, rebuilt when a file is saved.

watch.py notices saves (stat polling), build.py rebuilds one plan's page
(check + the same HTML engine as `vplan build`, findings placed beside their
sections), server.py serves the pages and tells the browser to reload
(server-sent events).
"""
from vplan.serve.server import serve

__all__ = ["serve"]
