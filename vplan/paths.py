"""Where vplan may read and write: inside the project, or inside vplan's own data.

A repository takes pull requests from many hands, so a plan, template, schema or
output folder that is a symbolic link must not lead vplan outside it. Every path is
resolved with realpath before it is trusted.
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from vplan.errors import UsageError

_PACKAGE = Path(__file__).resolve().parent
BUILTIN_DATA = ("schema", "templates")


def real(path) -> Path:
    if _settled is not None:
        return remembered(("real", os.fspath(path)), lambda: Path(os.path.realpath(path)))
    return Path(os.path.realpath(path))


# Within one run over many plans (api.check) the project's folders and profiles stay where they
# are: what `remembered` makes is made once per run, not once per plan (realpath walks every
# folder of a path). A process that lives on (a test, the preview server) looks again each run.
_settled: dict | None = None


@contextmanager
def settled():
    """A scope in which `remembered` keeps what it makes; workers forked inside it keep it too."""
    global _settled
    outer = _settled
    _settled = {} if outer is None else outer
    try:
        yield
    finally:
        _settled = outer


def by_version(cache: dict, path, make):
    """make(path) once per version of the file (its path, change time and size): a process that
    lives on (the tests, the preview server) reads an edited file again, and no other."""
    stat = os.stat(path)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in cache:
        cache[key] = make(path)
    return cache[key]


def remembered(key, make):
    """make(), or inside `settled()` its first result for this key."""
    if _settled is None:
        return make()
    try:
        return _settled[key]
    except KeyError:
        value = _settled[key] = make()
        return value


@lru_cache(maxsize=None)
def builtin(name: str) -> Path:
    """vplan's own `schema` or `templates` folder.

    An installed vplan has them in vplan/data/, copied there when the wheel is
    built; a source checkout (an editable install, the tests) keeps them at the
    top of the repository, beside the package, and reads them there.
    """
    for folder in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if (folder / _MARKER[name]).is_file():
            return folder
    raise UsageError(f"vplans inbyggda mapp {name}/ saknas i installationen ({_PACKAGE}).",
                     "Installera om vplan enligt README.md. Bygger du vplan själv: bygg hjulet med "
                     "`python -m build` från en fullständig kopia av arkivet.")


_MARKER = {"schema": "framsida.schema.json", "templates": "standard/style.yaml"}


@lru_cache(maxsize=None)
def builtin_roots() -> tuple[Path, ...]:
    """Folders of vplan's own data, links resolved."""
    return tuple(dict.fromkeys(real(builtin(name)) for name in BUILTIN_DATA))


def is_inside(path, root) -> bool:
    target, base = real(path), real(root)
    return target == base or base in target.parents


def allowed(path, project_dir) -> bool:
    """Does `path`, links resolved, lie in the project or in vplan's own data?"""
    return any(is_inside(path, root) for root in (project_dir, *builtin_roots()))


def shown(path) -> str:
    """The path as the user would write it: relative below the working folder, else absolute
    ("/tmp/x.xlsx", not "../../tmp/x.xlsx")."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return os.path.abspath(path) if rel.startswith(os.pardir + os.sep) or rel == os.pardir else rel


def require_inside(path, project_dir, what: str, hint: str | None = None) -> Path:
    """`path` itself, or a Swedish UsageError naming it if a link leads out of the project."""
    if not allowed(path, project_dir):
        raise UsageError(f"{what} {shown(path)} är en länk till {real(path)}, som ligger utanför projektet "
                         f"({real(project_dir)}). vplan läser och skriver bara filer i projektet.",
                         hint or "Kopiera det som länken pekar på till projektet, eller ta bort länken.")
    return Path(path)


def plan_root(path, project_dir) -> Path:
    """The folder a plan must stay inside: the project, or for a plan named outside it its own folder."""
    absolute = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(project_dir)), real(project_dir)):
        if absolute == base or base in absolute.parents:
            return real(project_dir)
    return real(absolute.parent)


def read_inside(path, project_dir, noun: str) -> tuple[str, bytes]:
    """(shown name, bytes) of a file the user named that vplan will write back or build on:
    a link out of the project, or a file that cannot be read, is a Swedish UsageError.
    `noun` names it in a sentence: "planen", "uppföljningen"."""
    name = shown(path)
    if not is_inside(path, plan_root(path, project_dir)):
        raise UsageError(f"{noun.capitalize()} {name} är en länk till {real(path)}, som ligger utanför projektet.",
                         f"Lägg {noun} i projektet i stället för att länka till den.")
    try:
        return name, read_regular(path)
    except OSError as exc:
        raise UsageError(f"{noun.capitalize()} {name} kan inte läsas: {reason(exc)}.",
                         "Kontrollera sökvägen och att du får läsa filen.") from None


def digest(path) -> str:
    """sha256 of a regular file's bytes; of nothing for a FIFO or an unreadable file (never waits)."""
    import hashlib

    try:
        data = read_regular(path)
    except OSError:
        data = b""
    return hashlib.sha256(data).hexdigest()


def read_regular(path) -> bytes:
    """The bytes of a regular file; a FIFO, device or socket is refused without waiting on it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # opening a FIFO must not block
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(path)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def reason(exc: OSError) -> str:
    """The operating system's complaint in Swedish (its own text is English)."""
    import errno

    return {
        errno.EACCES: "du saknar behörighet", errno.EPERM: "du saknar behörighet",
        errno.ENOENT: "filen finns inte", errno.EISDIR: "det är en mapp",
        errno.ENOSPC: "disken är full", errno.EROFS: "filsystemet är skrivskyddat",
        errno.EIO: "ett in- eller utmatningsfel", errno.ELOOP: "länkarna går i cirkel",
        errno.ENAMETOOLONG: "namnet är för långt", errno.EMFILE: "för många öppna filer",
        errno.EINVAL: "det är ingen vanlig fil",
    }.get(exc.errno, f"felkod {exc.errno}" if exc.errno else "okänt fel")


class NotRegular(OSError):
    """A path that is not a regular file (a FIFO, a device, a socket, a folder)."""

    def __init__(self, path):
        import errno

        super().__init__(errno.EINVAL, "not a regular file", str(path))
