"""Atomic file writes: a reader sees the old file or the new one, never half of one."""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from typing import Mapping


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, then rename it over `path`."""
    write_all({Path(path): data})


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write several files so that a failure leaves every old file as it was.

    All data is written and synced to temporary files first; only then are they
    renamed into place, one os.replace each. If anything fails before the
    renames, the temporary files are removed and nothing has changed.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((stage(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
        for folder in {path.parent for _, path in staged}:
            _sync_dir(folder)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def stage(path: Path, data: bytes, mode: int = 0o644) -> str:
    """A temporary file beside `path` holding `data`, synced to disk; the caller renames or removes it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _sync_dir(folder: Path) -> None:
    """Make the renames durable; not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, atomically: FileExistsError if it does, and then
    nothing is written (create_all with one file)."""
    create_all({Path(path): data})


def create_all(files: Mapping[Path, bytes]) -> None:
    """Create new files, all or none: an existing file is never replaced.

    Every file is written and synced beside its target first, then linked into
    place; a link fails if the name is taken (even by a file made a moment ago),
    and then every file and folder this call made is removed again.
    """
    made_dirs: list[Path] = []
    staged: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for path in files:
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made_dirs.append(folder)
        for path, data in files.items():
            staged.append((stage(path, data), path))
        for tmp, path in staged:
            _link_new(tmp, path)
            placed.append(path)
        for folder in {path.parent for _, path in staged}:
            _sync_dir(folder)
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _link_new(tmp: str, path: Path) -> None:
    """Put `tmp` at `path` unless `path` exists; FileExistsError names `path`."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "finns redan", str(path)) from None
    except OSError:  # a file system without hard links: claim the name first, then fill it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.close(fd)
        os.replace(tmp, path)


def write_output(files: Mapping[Path, bytes], *, force: bool, what: str, exists_hint: str) -> None:
    """Write a command's output files, all or none; replace existing ones only with `force`.

    A refusal or an OS error becomes a Swedish UsageError naming the file; `what` names
    the content in that message ("Planen", "Tabellen").
    """
    from vplan.errors import UsageError
    from vplan.paths import reason, shown

    first = next(iter(files))
    try:
        (write_all if force else create_all)(files)
    except FileExistsError as exc:
        name = shown(Path(exc.filename)) if exc.filename else shown(first)
        raise UsageError(f"Filen {name} finns redan, och vplan skriver inte över den.", exists_hint) from None
    except OSError as exc:
        raise UsageError(f"{what} kunde inte skrivas till {shown(first)}: {reason(exc)}.",
                         "Kontrollera att mappen finns och att du har skrivrätt där.") from None
