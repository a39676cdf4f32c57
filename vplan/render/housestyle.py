"""House styles: folders of data (style.yaml, templates, logo) that set a region's look.

A house style is a folder ``templates/<name>/`` with a ``style.yaml``. Files it
does not have (typst.template, html.template, html.css, …) are taken from its
base (``bas:``) and finally from the built-in ``standard`` style, so a region
can add a style with nothing but a style.yaml and a logo.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from vplan.render.errors import RenderError

FALLBACK_STYLE = "standard"
STYLE_FILE = "style.yaml"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FONT_NAME = re.compile(r"^[\w .-]+$")
_FONT_STACK = re.compile(r"^[\w .,'\"-]+$")
# The logo's name is written into the HTML and typst templates: letters, digits, space, . _ - only.
_FILE_NAME = re.compile(r"\w[\w .-]*")
_NUMBERING = re.compile(r"^[1aAiI.\-–) ]{1,12}$")
_STEP = "husstilen"


@dataclass(frozen=True)
class Colours:
    primary: str
    accent: str
    text: str
    table_header: str
    mark: str


@dataclass(frozen=True)
class Fonts:
    pdf: str
    pdf_headings: str
    docx: str
    docx_headings: str
    html: str
    html_headings: str


@dataclass(frozen=True)
class HouseStyle:
    """A loaded house style; `folders` lists where its files are looked up, own first."""

    name: str
    display_name: str
    folders: tuple[Path, ...]
    colours: Colours
    fonts: Fonts
    logo: Path | None
    logo_alt: str
    numbering: str | None
    toc_depth: int
    chapter_on_new_page: bool
    # How goal headings read: {ord} is "Mål", "Målområde" …, {nummer} the number written.
    goal_heading: str = "{ord}: "
    goal_heading_numbered: str = "{ord} {nummer}: "
    unit_in_cells: bool = True  # "75 %" in the cell, as published; false: ", %" after the name

    def find(self, filename: str) -> Path | None:
        for folder in self.folders:
            candidate = folder / filename
            if candidate.is_file():
                return candidate
        return None

    def require(self, filename: str) -> Path:
        found = self.find(filename)
        if found is None:
            raise RenderError(_STEP, f"'{self.name}' saknar filen {filename}")
        return found

    @property
    def font_dirs(self) -> tuple[Path, ...]:
        """Folders named ``typsnitt/`` in the style's folders: extra fonts for the PDF."""
        return tuple(f / "typsnitt" for f in self.folders if (f / "typsnitt").is_dir())


def builtin_dir() -> Path:
    """vplan's own templates/ folder."""
    from vplan.paths import builtin

    return builtin("templates")


def __getattr__(name: str):
    # BUILTIN_DIR is looked up when used: a broken installation then gives
    # vplan's Swedish message from the command, not an error at import.
    if name == "BUILTIN_DIR":
        return builtin_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_house_style(name: str, search_dirs: Iterable[Path] = ()) -> HouseStyle:
    """Load house style `name` from `search_dirs` (in order), then the built-ins."""
    dirs = _all_dirs(search_dirs)
    chain = _resolve_chain(name, dirs)
    merged: dict[str, Any] = {}
    for _, data in reversed(chain):
        merged = _deep_merge(merged, data)
    folders = tuple(folder for folder, _ in chain)
    fallback = builtin_dir() / FALLBACK_STYLE
    if fallback not in folders:
        folders += (fallback,)
    roots = _roots(search_dirs)
    logo = _section(merged, "logotyp").get("fil")  # a logo link is VP902, at its style.yaml line (safety.check_logo)
    for folder in folders:
        _check_folder(folder, roots, skip=logo if isinstance(logo, str) else None)
    return _build(name, folders, merged)


def font_dirs(name: str, search_dirs: Iterable[Path] = ()) -> tuple[Path, ...] | None:
    """The typsnitt/ folders the style `name` would give the PDF (HouseStyle.font_dirs), read from
    its style.yaml files only; None when the style cannot be found or read (the build says why)."""
    dirs = _all_dirs(search_dirs)
    try:
        folders = [folder for folder, _ in _resolve_chain(name, dirs)]
    except RenderError:
        return None
    fallback = builtin_dir() / FALLBACK_STYLE
    if fallback not in folders:
        folders.append(fallback)
    return tuple(f / "typsnitt" for f in folders if (f / "typsnitt").is_dir())


def available_house_styles(search_dirs: Iterable[Path] = ()) -> list[str]:
    names = {
        p.parent.name
        for d in _all_dirs(search_dirs)
        for p in d.glob(f"*/{STYLE_FILE}")
        if _NAME.match(p.parent.name)
    }
    return sorted(names)


def _all_dirs(search_dirs: Iterable[Path]) -> list[Path]:
    dirs = [Path(d) for d in search_dirs]
    if builtin_dir() not in dirs:
        dirs.append(builtin_dir())
    return dirs


def _find_folder(name: str, dirs: list[Path]) -> Path | None:
    for d in dirs:
        folder = d / name
        if (folder / STYLE_FILE).is_file():
            return folder
    return None


def _resolve_chain(name: str, dirs: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    """The style and its bases, own first; a base named like the style is searched past it."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: set[str] = set()
    current: str | None = name
    while current is not None:
        if not isinstance(current, str) or not _NAME.match(current):
            raise RenderError(_STEP, f"ogiltigt namn på husstil: {current!r}")
        if current in seen:
            raise RenderError(_STEP, f"'{name}' har en cirkel av baser ({current})")
        seen.add(current)
        folder = _find_folder(current, dirs)
        if folder is None:
            known = ", ".join(available_house_styles(dirs)) or "inga"
            raise RenderError(
                _STEP,
                f"okänd husstil '{current}': det finns ingen mapp {current}/ med "
                f"{STYLE_FILE} i templates/ (tillgängliga: {known})",
            )
        data = _read_yaml(folder / STYLE_FILE)
        chain.append((folder, data))
        current = data.get("bas")
    return chain


def _roots(search_dirs: Iterable[Path]) -> tuple[Path, ...]:
    """Where a style's files may lie: vplan's own data, and the project of each templates/ folder
    (Options.template_dirs is <project>/templates)."""
    from vplan.paths import builtin_roots, real

    own = tuple(real(Path(d).parent) for d in search_dirs if Path(d) != builtin_dir())
    return (*builtin_roots(), *own)


def _check_folder(folder: Path, roots: tuple[Path, ...], skip: str | None = None) -> None:
    """Every file of a style (templates, CSS, logo, fonts), links resolved, lies inside `roots`;
    its CSS pulls in nothing from outside its folder."""
    from vplan.paths import real

    def inside(path: Path) -> bool:
        target = real(path)
        return any(target == r or r in target.parents for r in roots)

    for entry in _entries(folder):
        if entry.parent == folder and entry.name == skip:
            continue
        if not inside(entry):
            raise RenderError(_STEP, f"{entry} är en länk till {real(entry)}, som ligger utanför projektet. "
                                     "En husstil får bara använda filer i projektet; kopiera filen till mappen "
                                     f"{folder.name}/ i stället för att länka till den")
    for css in folder.glob("*.css"):
        _check_css(css, folder)
    for template in folder.glob("*.template"):
        _check_template(template)


def _entries(folder: Path) -> list[Path]:
    """The folder and everything below it, links not followed: a template's include
    (typst's read(), Jinja's include) reaches any file in any subfolder."""
    import os

    found = [folder]
    for top, dirs, files in os.walk(folder):
        found += [Path(top, name) for name in (*dirs, *files)]
    return found


# pandoc reads a partial, ${ name() } or $name()$, from any path the template names, even /etc.
_PARTIAL = re.compile(r"\(\s*\)")
_DIRECTIVE = re.compile(r"\$\$|\$\{[^}]*\}|\$[^$]*\$")


def _check_template(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for found in _DIRECTIVE.finditer(text):
        if _PARTIAL.search(found.group(0)):
            line = text.count("\n", 0, found.start()) + 1
            raise RenderError(_STEP, f"{path}, rad {line}: {found.group(0)[:60]} hämtar in en annan fil (en "
                                     "delmall). En husstils mall får inte hämta in filer; skriv in texten "
                                     "direkt i mallen")


def _check_css(path: Path, folder: Path) -> None:
    """pandoc inlines what CSS imports or points at: only pictures in the style's own folder, or data:."""
    text = path.read_text(encoding="utf-8", errors="replace")
    problem = None
    if "\\" in text:
        problem = "ett bakvänt snedstreck (\\), som kan dölja @import eller url() för kontrollen"
    elif "@import" in text.lower():
        problem = "@import"
    else:
        problem = _outside_url(text, folder)
    if problem:
        raise RenderError(_STEP, f"{path} innehåller {problem}. En husstils CSS får bara hänvisa till "
                                 "bilder i husstilens egen mapp; skriv in reglerna direkt i html.css")


def _outside_url(text: str, folder: Path) -> str | None:
    from vplan.paths import real

    for found in re.finditer(r"url\(", text, re.IGNORECASE):
        end = text.find(")", found.end())
        if end < 0:
            return "url( utan avslutande parentes"
        target = text[found.end():end].strip().strip("'\"").strip()
        if target.lower().startswith("data:"):
            continue
        if ":" in target or target.startswith(("/", "\\")) or not target:
            return f"url({target})"
        resolved = real(folder / target)
        if not (resolved == real(folder) or real(folder) in resolved.parents):
            return f"url({target})"
        if not resolved.is_file():  # pandoc would stop with an English message and its backtrace
            return f"url({target}), men filen {target} finns inte i mappen {folder.name}/"
    return None


# By file version, as profiles are: check reads the style of every plan (VP015), and a style.yaml
# with comments goes through ruamel, whose loader leaves reference cycles behind each time.
_read_cache: dict[tuple[str, int, int], dict[str, Any]] = {}


def _read_yaml(path: Path) -> dict[str, Any]:
    """style.yaml through vplan's own YAML reader: a mistake is told in Swedish, with its line."""
    import copy

    from vplan.paths import by_version

    try:
        return copy.deepcopy(by_version(_read_cache, path, _parse_yaml))  # the caller's to change
    except OSError:
        return _parse_yaml(path)  # says in Swedish why the file cannot be read


def _parse_yaml(path: Path) -> dict[str, Any]:
    from vplan.paths import reason
    from vplan.read.yamlload import YamlProblem, load_yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"), str(path), 1).data
    except OSError as err:
        raise RenderError(_STEP, f"kunde inte läsa {path}: {reason(err)}") from None
    except UnicodeDecodeError:
        raise RenderError(_STEP, f"{path} är inte sparad som UTF-8") from None
    except YamlProblem as problem:
        from vplan.paths import shown

        raise RenderError(_STEP, f"{shown(path)}, rad {problem.line + 1}: {problem.message} {problem.hint}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RenderError(_STEP, f"{path} ska innehålla nycklar och värden")
    return data


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _build(name: str, folders: tuple[Path, ...], data: Mapping[str, Any]) -> HouseStyle:
    from vplan.render._contrast import check_colours

    colours = Colours(
        primary=_colour(data, "primär"),
        accent=_colour(data, "accent"),
        text=_colour(data, "text"),
        table_header=_colour(data, "tabellhuvud"),
        mark=_colour(data, "markering"),
    )
    problem = check_colours(colours)
    if problem:
        raise RenderError(_STEP, f"'{name}': {problem}")
    headings = _section(data, "rubriker")
    logo_data = _section(data, "logotyp")
    style = HouseStyle(
        name=name,
        display_name=str(data.get("namn") or name),
        folders=folders,
        colours=colours,
        fonts=_fonts(data),
        logo=None,
        logo_alt=str(logo_data.get("alt") or "").strip(),
        numbering=_numbering(headings.get("numrering", "1.1")),
        toc_depth=_int_in(headings.get("innehållsdjup", 3), 1, 6, "rubriker.innehållsdjup"),
        chapter_on_new_page=bool(headings.get("kapitel_på_ny_sida", True)),
        goal_heading=_label(headings.get("målrubrik", "{ord}: "), "rubriker.målrubrik"),
        goal_heading_numbered=_label(headings.get("målrubrik_med_nummer", "{ord} {nummer}: "),
                                     "rubriker.målrubrik_med_nummer"),
        unit_in_cells=bool(_section(data, "tabeller").get("enhet_i_cellen", True)),
    )
    return _with_logo(style, logo_data.get("fil"))


def _with_logo(style: HouseStyle, filename: Any) -> HouseStyle:
    from dataclasses import replace

    if not filename:
        return style
    if not isinstance(filename, str) or not _FILE_NAME.fullmatch(filename):
        raise RenderError(_STEP, f"'{style.name}': logotyp.fil ska vara ett filnamn i mappen, "
                                 "med bara bokstäver, siffror, mellanslag, punkt, understreck och bindestreck")
    if not style.logo_alt:
        raise RenderError(_STEP, f"'{style.name}': logotypen saknar alt-text (logotyp.alt)")
    return replace(style, logo=style.require(filename))


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise RenderError(_STEP, f"{key} ska innehålla nycklar och värden")
    return value


def _colour(data: Mapping[str, Any], key: str) -> str:
    value = _section(data, "färger").get(key)
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise RenderError(_STEP, f"färger.{key} ska vara en färg som #1f3a5f, inte {value!r}")
    return value.lower()


def _fonts(data: Mapping[str, Any]) -> Fonts:
    section = _section(data, "typsnitt")

    def font(key: str, fallback: str | None = None, pattern: re.Pattern = _FONT_NAME) -> str:
        value = section.get(key, section.get(fallback) if fallback else None)
        if not isinstance(value, str) or not pattern.match(value):
            raise RenderError(_STEP, f"typsnitt.{key} saknas eller har otillåtna tecken")
        return value

    return Fonts(
        pdf=font("pdf"),
        pdf_headings=font("pdf_rubriker", "pdf"),
        docx=font("docx"),
        docx_headings=font("docx_rubriker", "docx"),
        html=font("html", pattern=_FONT_STACK),
        html_headings=font("html_rubriker", "html", _FONT_STACK),
    )


def _numbering(value: Any) -> str | None:
    if value in (None, False, "", "ingen"):
        return None
    if not isinstance(value, str) or not _NUMBERING.match(value):
        raise RenderError(_STEP, f"rubriker.numrering ska vara ett mönster som \"1.1\", inte {value!r}")
    return value


def _label(value: Any, key: str) -> str:
    """A heading pattern: plain text with {ord} and {nummer}; it is shown literally."""
    if not isinstance(value, str) or len(value) > 40 or "{ord}" not in value:
        raise RenderError(_STEP, f"{key} ska vara en kort text med {{ord}}, som \"{{ord}} {{nummer}}: \"")
    return value


def _int_in(value: Any, low: int, high: int, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise RenderError(_STEP, f"{key} ska vara ett heltal från {low} till {high}")
    return value
