"""Benchmark vplan import. Prints figures; asserts nothing. The aim is at most 2 s for a 30-page Word plan.

The Word plan: the largest example plan built to DOCX by vplan itself, its body repeated until it
holds about 30 pages of text (300 words a page, tables counted by their words). Measured:

- bare pandoc: `pandoc -f docx -t json` on it, the reading step the import cannot avoid;
- cold CLI: `vplan import PLAN.docx --out … --force` as a fresh process (reads, recognises, writes
  the plan's Markdown with pandoc, checks it in memory, writes it);
- in process: the same through vplan.importer.command.import_file, after one warm-up run.

    python bench/import.py [--runs N] [--pages N]
"""
from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from timing import cold as _cold, median as _median  # noqa: E402 (after the path is set)
WORDS_PER_PAGE = 300


def _words(document_xml: bytes) -> int:
    return sum(len(t.split()) for t in re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", document_xml))


def word_plan(folder: Path, pages: int) -> tuple[Path, int]:
    """The largest example plan as DOCX, its body repeated to about `pages` pages; (path, pages)."""
    from vplan.options import Options
    from vplan.render.build import build

    largest = max(ROOT.glob("plans/*.md"), key=lambda p: p.stat().st_size)
    build([str(largest)], options=Options(project_dir=ROOT, formats=("docx",), out_dir=folder))
    built = folder / f"{largest.stem}.docx"
    with zipfile.ZipFile(built) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts["word/document.xml"]
    start = xml.index(b"<w:body>") + len(b"<w:body>")
    end = xml.rindex(b"<w:sectPr")
    body = xml[start:end]
    first = body.index(b"</w:sdt>") + len(b"</w:sdt>")  # the cover and contents once, the text repeated
    text = body[first:]
    times = max(1, -(-pages * WORDS_PER_PAGE // max(1, _words(text))))
    parts["word/document.xml"] = xml[:start] + body[:first] + text * times + xml[end:]
    out = folder / f"plan-{pages}-sidor.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out.write_bytes(buf.getvalue())
    return out, round(_words(parts["word/document.xml"]) / WORDS_PER_PAGE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    from vplan.render._pandoc import pandoc_path

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx, pages = word_plan(folder, args.pages)
        project = folder / "projekt"
        (project / "plans").mkdir(parents=True)
        out = project / "plans" / "importerad.md"
        print(f"Word plan: {docx.name}, about {pages} pages, {docx.stat().st_size // 1024} kB")

        def pandoc():
            subprocess.run([pandoc_path(), "-f", "docx", "-t", "json", str(docx)], check=True, capture_output=True)

        def cli():
            subprocess.run([sys.executable, "-m", "vplan", "import", str(docx), "--out", str(out), "--force",
                            "--project", str(project)], capture_output=True, check=False)

        base_wall, base_cpu = _cold(pandoc, args.runs)
        print(f"bare pandoc -f docx -t json     {base_wall:6.3f} s wall {base_cpu:6.3f} s CPU")
        wall, cpu = _cold(cli, args.runs)
        print(f"cold CLI  vplan import          {wall:6.3f} s wall {cpu:6.3f} s CPU"
              f"   {wall / base_wall:4.1f}× pandoc, {wall / 2:4.0%} of the 2 s aim")

        from vplan.importer.command import import_file
        from vplan.options import Options

        options = Options(project_dir=project)

        def in_process():
            import_file(docx, out=out, force=True, options=options)

        in_process()
        t = _median(in_process, args.runs)
        print(f"in process import_file()        {t:6.3f} s wall"
              f"                {t / base_wall:4.1f}× pandoc, {t / 2:4.0%} of the 2 s aim")


if __name__ == "__main__":
    main()
