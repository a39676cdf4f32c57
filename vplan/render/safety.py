"""Checks around the engines: the built HTML again, and the house style's logo.

What a plan's text may hold is decided on its document tree
(vplan.render.tree.safety). `verify_html` is the second net: a built HTML file
with a script, an event handler or a javascript: link is never written.
`check_logo` keeps a house style from pointing its logo out of the repository.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from vplan.model import Diagnostic, Pos, Severity

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


# --- the built HTML, checked again --------------------------------------------

class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base", "form"):
            self.problems.append(f"elementet <{tag}>")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(f"attributet {name} på <{tag}>")
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value:
                squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
                scheme = _SCHEME.match(squeezed)
                if not scheme or scheme.group(1) in SAFE_SCHEMES:
                    continue
                if scheme.group(1) == "data" and name == "src" and tag == "img" \
                        and squeezed.startswith("data:image/"):
                    continue  # images and the logo, embedded by pandoc
                self.problems.append(f"länken {value[:40]!r} på <{tag}>")

    handle_startendtag = handle_starttag


def verify_html(data: bytes) -> str | None:
    """None if the HTML holds nothing that can run code, else what was found."""
    inspector = _Inspector()
    inspector.feed(data.decode("utf-8", "replace"))
    inspector.close()
    return ", ".join(dict.fromkeys(inspector.problems)) or None


def check_logo(style, root: Path, builtin: Path) -> Diagnostic | None:
    """A house style's logo must live in the repository or in vplan's own templates.

    The diagnostic points at the `fil:` line of the style.yaml that names the logo.
    """
    if style.logo is None:
        return None
    real = Path(style.logo).resolve()
    if real.is_relative_to(root.resolve()) or real.is_relative_to(builtin.resolve()):
        return None
    where = _logo_line(style, root)
    return Diagnostic("VP902", Severity.ERROR,
                      f"Husstilens logotyp leder ut ur arkivet: {style.logo.name} pekar på {real}.", where,
                      "Lägg logotypen som en vanlig fil i husstilens mapp, inte som en länk.")


def _logo_line(style, root: Path) -> Pos:
    for folder in style.folders:
        yaml = Path(folder) / "style.yaml"
        try:
            lines = yaml.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for n, line in enumerate(lines, start=1):
            stripped = line.lstrip()
            if stripped.startswith("fil:") and style.logo.name in stripped:
                return Pos(_shown(yaml, root), n, len(line) - len(stripped) + 1)
    return Pos(_shown(Path(style.folders[0]) / "style.yaml", root), 1, 1)


def _shown(path: Path, root: Path) -> str:
    """As the user would name it: relative to the current folder, like the plans."""
    from vplan.api import display_path

    return display_path(path)
