"""The versions that decide how a document comes out: vplan, pandoc and typst.

The release manifest records them, and a plan is rebuilt when one changes,
so "the same document every time" can be checked across machines.
"""
from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=1)
def engine_versions() -> dict[str, str | None]:
    """{"vplan", "pandoc", "pypandoc-binary", "typst", "typst-py"}: None where a part is missing."""
    from importlib.metadata import PackageNotFoundError, version

    from vplan import __version__

    def dist(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return {"vplan": __version__, "pandoc": _pandoc(), "pypandoc-binary": dist("pypandoc-binary"),
            "typst": _typst_compiler(), "typst-py": dist("typst")}


def engines() -> dict[str, str | None]:
    """The rendering engines alone (the manifest has vplan's version beside them)."""
    return {k: v for k, v in engine_versions().items() if k != "vplan"}


def _pandoc() -> str | None:
    from vplan.render._pandoc import run_pandoc
    from vplan.render.errors import RenderError

    try:
        first = run_pandoc(["--version"], step="pandoc --version").decode("utf-8", "replace").split("\n")[0]
    except RenderError:
        return None
    m = re.match(r"pandoc\S*\s+(\S+)", first)
    return m.group(1) if m else None


def _typst_compiler() -> str | None:
    """The compiler's own version (typst-py 0.15.2 embeds typst 0.15.1), as typst's sys.version says."""
    from vplan.render._typst import available

    if not available():
        return None
    import typst

    try:
        numbers = re.findall(r"\d+", str(typst.eval(b"", "sys.version")))
    except (AttributeError, TypeError, typst.TypstError):  # a typst-py without eval(sys.version)
        return None
    return ".".join(numbers) or None
