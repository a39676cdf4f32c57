"""Render: plan model -> template context -> pandoc Markdown -> HTML, DOCX, PDF bytes.

context.py turns the model into plain data with Swedish numbers; markdown.py
and the Jinja templates (templates/<husstil>/dokument.md.j2) make pandoc
Markdown of it; safety.py cleans what officials wrote; engines.py turns the
Markdown into bytes in a house style; build.py and release.py drive it all
and write the files with vplan.write.
"""
