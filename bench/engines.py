"""Time the render engines on a ~15-page plan and compare with bare pandoc/typst calls.

    python bench/engines.py [--runs N] [--style NAME]

"vplan" is the engine as the build uses it (house style, filters, reference
document, PDF/UA, time-limited child processes) on the sample's document tree;
"bare" is pandoc with its defaults on the same Markdown, and typst compiling pandoc's default typst
output in-process without PDF standards. Figures are medians in milliseconds.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "tests" / "render" / "data" / "sample.md"
COPIES = 3


def long_document() -> str:
    """The test sample's body COPIES times over, with unique heading ids."""
    text = SAMPLE.read_text(encoding="utf-8")
    body, _, notes = text.partition("\n[^rp]:")
    notes = "[^rp]:" + notes
    parts = []
    for n in range(1, COPIES + 1):
        part = re.sub(r"\{#([\w-]+)\}", lambda m: "{#%s-%d}" % (m.group(1), n), body)
        part = re.sub(r"^# (.+?) \{", lambda m: "# %s (del %d) {" % (m.group(1), n), part, flags=re.M)
        parts.append(part)
    return "\n\n".join(parts) + "\n\n" + notes


def as_tree(markdown: str) -> dict:
    """The engines take pandoc's document tree, as vplan.render.tree builds it."""
    import json

    return json.loads(bare_pandoc(markdown, "-t", "json"))


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare_pandoc(markdown: str, *args: str) -> bytes:
    from vplan.render._pandoc import pandoc_path

    return subprocess.run([pandoc_path(), "-f", "markdown", *args], input=markdown.encode(),
                          capture_output=True, check=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--style", default="standard")
    opts = parser.parse_args()

    import typst

    from vplan.render._typst import compile_pdf
    from vplan.render.engines import RENDERERS, RenderMeta, typst_source
    from vplan.render.housestyle import load_house_style

    markdown = long_document()
    document = as_tree(markdown)
    style = load_house_style(opts.style)
    meta = RenderMeta(title="Verksamhetsplan 2025 (2026–2027)", region="Region Västernorrland",
                      board="Regionstyrelsen", status="förslag", diary_number="24RS64-3",
                      date="2024-11-20")
    pdf = RENDERERS["pdf"](document, meta, style)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    source = typst_source(document, meta, style)
    bare_source = bare_pandoc(markdown, "-t", "typst", "--standalone").decode()
    root = Path(tempfile.mkdtemp(prefix="vplan-bench-"))
    logo_root = style.logo.parent if style.logo else root

    rows = [
        ("html", "vplan to_html", lambda: RENDERERS["html"](document, meta, style)),
        ("html", "bare pandoc -t html5 --standalone --embed-resources",
         lambda: bare_pandoc(markdown, "-t", "html5", "--standalone", "--embed-resources",
                             "--metadata", "title=Plan")),
        ("docx", "vplan to_docx", lambda: RENDERERS["docx"](document, meta, style)),
        ("docx", "bare pandoc -t docx", lambda: bare_pandoc(markdown, "-t", "docx", "-o", "-")),
        ("pdf", "vplan to_pdf (pandoc + typst child)", lambda: RENDERERS["pdf"](document, meta, style)),
        ("pdf", "  of which pandoc -> typst source", lambda: typst_source(document, meta, style)),
        ("pdf", "  of which typst child (PDF/UA)",
         lambda: compile_pdf(source, root=logo_root, epoch=meta.epoch)),
        ("pdf", "  same source, typst in-process (PDF/UA)",
         lambda: typst.compile(source.encode(), root=str(logo_root), ignore_system_fonts=True,
                               pdf_standards=["a-2a", "ua-1"], timestamp=meta.epoch)),
        ("pdf", "bare pandoc -t typst --standalone", lambda: bare_pandoc(markdown, "-t", "typst", "-s")),
        ("pdf", "bare typst in-process, no standards",
         lambda: typst.compile(bare_source.encode(), ignore_system_fonts=True)),
    ]
    print(f"Dokument: {len(markdown.splitlines())} rader Markdown, {pages} PDF-sidor "
          f"(husstil {opts.style}), median av {opts.runs} körningar")
    print(f"{'format':6}  {'ms':>7}  vad")
    for fmt, label, func in rows:
        func()  # warm caches (pandoc's reference.docx, fonts)
        print(f"{fmt:6}  {median_ms(func, opts.runs):7.0f}  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
