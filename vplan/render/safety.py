"""Make an official's Markdown safe before pandoc sees it, and check the HTML after.

Plan text is trusted to be Markdown, not HTML: raw HTML is cleaned with nh3
(allowlist) and the few harmless tags are turned into Markdown, so no raw HTML
reaches any format. Links may only use http, https and mailto; attribute
blocks and raw-format blocks ({=html}) are disabled; images must be files
inside the repository. `verify_html` is the second net: a built HTML file with
a script, an event handler or a javascript: link is never written.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from vplan.model import Diagnostic, Pos, Severity

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
KEPT_TAGS = {"b", "strong", "i", "em", "sup", "sub", "br", "a", "s", "del"}
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "noscript", "template", "object", "embed", "svg", "math",
    "textarea", "select", "title", "xmp", "noembed", "noframes", "frameset", "frame", "applet",
}
_TO_MARKDOWN = {"b": "**", "strong": "**", "i": "*", "em": "*", "sup": "^", "sub": "~", "s": "~~", "del": "~~"}

_ATTR = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)"""
_TOKEN = re.compile(
    r"(?P<fence>(?m:^)[ ]{0,3}(?P<fmark>`{3,}|~{3,})(?P<info>[^\n]*)(?:\n[\s\S]*?)?"
    r"(?:\n[ ]{0,3}(?P=fmark)[`~]*[ \t]*(?=\n|$)|$(?![\s\S])))"
    r"|(?P<esc>\\[\s\S])"
    r"|(?P<code>(?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<lit>`+)"
    r"|(?P<dest>\]\([ \t]*\n?[ \t]*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
    r"|(?P<refdef>\[(?P<label>(?:[^\]\\\n]|\\.)+)\]:[ \t]*\n?[ \t]*(?:<[^<>\n]*>|\S+))"
    r"|(?P<autolink><[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>)"
    r"|(?P<email><[A-Za-z0-9.!#$%&'*+/=?^_`|~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>)"
    r"|(?P<html><!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![A-Za-z][^<>]*>"
    rf"|</?[A-Za-z][A-Za-z0-9-]*{_ATTR}*\s*/?>)"
    r"|(?P<lt><)"
    r"|(?P<brace>\{)"
)
_REF_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


@dataclass
class Cleaner:
    """Cleans Markdown from one plan; images resolve against `base_dir`, inside `root` only."""

    root: Path
    base_dir: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def clean(self, text: str, pos: Pos) -> str:
        image_refs = {_norm_label(m.group(2) or m.group(1)) for m in _REF_IMAGE.finditer(text)}
        pieces: list[tuple[bool, str]] = []  # (is raw HTML, text)
        last, after_link = 0, False
        for m in _TOKEN.finditer(text):
            pieces.append((False, _typography(text[last:m.start()], after_link)))
            pieces.append(self._token(m, text, pos, image_refs))
            last, after_link = m.end(), m.lastgroup in ("dest", "refdef")
        pieces.append((False, _typography(text[last:], after_link)))
        if not any(is_html for is_html, _ in pieces):
            return "".join(t for _, t in pieces)
        return _html_to_markdown(pieces)

    def _token(self, m: re.Match, text: str, pos: Pos, image_refs: set[str]) -> tuple[bool, str]:
        kind = m.lastgroup  # the outermost group: inner groups close before it
        raw = m.group(0)
        if kind == "fence":
            info = m.group("info")
            safe_info = re.match(r"\s*([A-Za-z0-9_+-]*)", info).group(1)
            return False, raw.replace(info, safe_info, 1) if info else raw
        if kind == "dest":
            target = raw[2:]
            if _is_image(text, m.start()):
                where = _where(text, m.start() + 2 + len(target) - len(target.lstrip()), pos)
                return False, "](" + self._image(target, where)
            return False, "](" + _safe_link(target)
        if kind == "refdef":
            head, _, target = raw.partition("]:")
            if _norm_label(m.group("label")) in image_refs:
                where = _where(text, m.start() + len(head) + 2 + len(target) - len(target.lstrip()), pos)
                return False, head + "]: " + self._image(target, where)
            return False, head + "]:" + _safe_link(target)
        if kind == "autolink":
            return False, raw if _scheme_ok(raw[1:-1]) else "\\" + raw
        if kind == "html":
            return True, raw
        if kind in ("lt", "brace"):
            return False, "\\" + raw
        return False, raw  # escapes, code spans, e-mail autolinks

    def _image(self, target: str, pos: Pos) -> str:
        """The image's path if it is a file inside the repository, else a diagnostic and a blank."""
        raw = _unwrap(target)
        path = _decode(raw)
        problem = None
        if not path or _SCHEME.match(path.lower()) or path.startswith(("/", "\\")) or "\\" in path:
            problem = "Bilden ska vara en fil i arkivet, angiven med en relativ sökväg"
        else:
            resolved = (self.base_dir / path).resolve()
            if not resolved.is_relative_to(self.root.resolve()):
                problem = "Bilden ligger utanför arkivet"
            elif not resolved.is_file():
                problem = "Bilden finns inte"
        if problem:
            self.diagnostics.append(Diagnostic(
                "VP901", Severity.ERROR, f"{problem}: {raw}", pos,
                "Lägg bilden i arkivet, till exempel i plans/bilder/, och skriv sökvägen relativt planen."))
            return "<>"
        return "<" + str(resolved).replace(">", "%3E") + ">"


def clean_markdown(text: str, pos: Pos, *, root: Path, base_dir: Path) -> tuple[str, list[Diagnostic]]:
    cleaner = Cleaner(root, base_dir)
    return cleaner.clean(text, pos), cleaner.diagnostics


_LINK_TITLE = re.compile(r"""^(\s+(?:"[^"\n]*"|'[^'\n]*'))""")


def _typography(text: str, after_link: bool) -> str:
    """Swedish quotation marks in running text; a link's "title" keeps its straight quotes."""
    from vplan.typography import quotes

    if after_link:
        title = _LINK_TITLE.match(text)
        if title:
            return title.group(1) + quotes(text[title.end():])
    return quotes(text)


def _where(text: str, offset: int, start: Pos) -> Pos:
    """The file position of `offset` in a text that starts at `start`."""
    line_start = text.rfind("\n", 0, offset) + 1
    lines = text.count("\n", 0, offset)
    column = offset - line_start + (start.column if lines == 0 else 1)
    return Pos(start.file, start.line + lines, column)


def _is_image(text: str, close: int) -> bool:
    """Does the ] at `close` end an image's ![alt]? Walk back to its [ ."""
    depth = 0
    i = close
    while i >= 0:
        ch = text[i]
        backslashes = 0
        j = i - 1
        while j >= 0 and text[j] == "\\":
            backslashes += 1
            j -= 1
        if backslashes % 2 == 0:
            if ch == "]":
                depth += 1
            elif ch == "[":
                depth -= 1
                if depth == 0:
                    return i > 0 and text[i - 1] == "!"
        i -= 1
    return False


def _unwrap(target: str) -> str:
    target = target.strip()
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


def _decode(url: str) -> str:
    """What the URL means after pandoc's unescaping: backslashes, entities, %-escapes."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", url)
    for _ in range(5):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    return text


def _scheme_ok(url: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", _decode(url)).lower()
    m = _SCHEME.match(squeezed)
    return m is None or m.group(1) in SAFE_SCHEMES


def _safe_link(target: str) -> str:
    """The link target as written, or '#' when it would run code (javascript:, data: …)."""
    return target if _scheme_ok(_unwrap(target)) else "#"


def _norm_label(label: str) -> str:
    return " ".join(label.lower().split())


# --- raw HTML -> Markdown ----------------------------------------------------

def _html_to_markdown(pieces: list[tuple[bool, str]]) -> str:
    """Clean the raw HTML with nh3 around placeholders for the Markdown text, then
    turn the tags nh3 kept into Markdown; everything else is gone."""
    import nh3

    texts: list[str] = []
    skeleton: list[str] = []
    for is_html, text in pieces:
        if is_html:
            skeleton.append(text)
        elif text:
            skeleton.append(f"\ue000{len(texts)}\ue001")
            texts.append(text)
    cleaned = nh3.clean(
        "".join(skeleton), tags=KEPT_TAGS, clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}}, url_schemes=set(SAFE_SCHEMES), link_rel=None,
        strip_comments=True,
    )
    markdown = _tags_to_markdown(cleaned)
    return _PLACEHOLDER.sub(lambda m: texts[int(m.group(1))], markdown)


def _tags_to_markdown(cleaned: str) -> str:
    links: list[str | None] = []

    def tag(m: re.Match) -> str:
        closing, name, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if name == "br":
            return "\\\n"
        if name == "a":
            if not closing:
                href = re.search(r'href="([^"]*)"', attrs)
                links.append(html.unescape(href.group(1)) if href else None)
                return "[" if href else ""
            target = links.pop() if links else None
            return f"](<{target.replace('>', '%3E')}>)" if target is not None else ""
        return _TO_MARKDOWN.get(name, "")

    text = re.sub(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>", tag, cleaned)
    # Text nodes came back entity-escaped; only placeholders were text, so what is
    # left is the content of RCDATA elements: show it literally.
    return text.replace("&lt;", "\\<").replace("&gt;", ">").replace("&amp;", "&amp;")


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
