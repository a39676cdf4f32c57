"""Charts drawn before, kept by what they show: a rebuild draws only the charts whose data changed.

A follow-up is built many times while its texts are written, and its charts
rarely change between two builds. Each drawn chart (its SVG, and the PNG for
Word) is kept in a cache folder under a key that is a digest of everything
its bytes depend on: the chart's data and alt text, its colours and fonts,
the house style's files (the fonts typst draws the PNG with), vplan's drawing
code, and the installed pygal and typst. Equal keys give equal bytes, so a
build from the cache is byte-identical to one that draws (tests prove it).

The folder is diagram/ in Options.cache_dir, the user's cache folder for vplan
(as pip's and Black's are: on Linux ~/.cache/vplan); VPLAN_CACHE_DIR names
another, and VPLAN_CACHE_DIR=av turns the cache off. `vplan release` always
draws. Nothing a plan says chooses a path here: file names are hex
digests. An entry is written whole (a temporary file, then a rename) and
carries its own digest, so a damaged one is drawn again, not used. A cache
that cannot be read or written only makes the build draw.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from vplan.followup.report.charts import Chart, Drawn, Look

MAGIC = b"vplan-diagram 1\n"
KEEP = 4000  # entries; above this the least recently used half goes


class ChartCache:
    """One build's view of the cache: `salt` holds what every chart of the build depends on."""

    def __init__(self, folder: Path, salt: bytes):
        self.folder, self._salt = folder, salt
        self._wrote = False

    @classmethod
    def open(cls, cache_dir: Path | None, style_sha256: str) -> ChartCache | None:
        """The cache in `cache_dir`/diagram, or None when there is none to use (off, not ours)."""
        if cache_dir is None:
            return None
        folder = Path(cache_dir) / "diagram"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
                return None  # another user's folder: what it holds would go into our documents
        except OSError:
            return None
        return cls(folder, _salt(style_sha256))

    def key(self, chart: Chart, look: Look) -> str:
        """What the chart's bytes depend on (font_dirs by content, in the salt, not by path)."""
        seen = (repr(chart), look.primary, look.accent, look.font)
        return hashlib.sha256(self._salt + repr(seen).encode("utf-8")).hexdigest()

    def get(self, key: str, png: bool) -> Drawn | None:
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        drawn = _unpack(data)
        if drawn is None or (png and drawn.png is None):
            return None
        try:
            os.utime(self.folder / key)  # recently used: kept when the cache is pruned
        except OSError:
            pass
        return drawn

    def put(self, key: str, drawn: Drawn) -> None:
        """Keep a drawn chart; a folder that refuses only means the next build draws it again."""
        from vplan.render._typst import frame

        payload = frame([drawn.svg, drawn.png or b""])
        temp = self.folder / f"{key}.{os.getpid()}.tmp"
        try:
            temp.write_bytes(MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
            os.replace(temp, self.folder / key)
            self._wrote = True
        except OSError:
            try:
                temp.unlink()
            except OSError:
                pass

    def prune(self) -> None:
        """Above KEEP entries, remove the least recently used half (a temporary file that a
        stopped build left counts as an entry, and goes with the old ones)."""
        if not self._wrote:
            return
        try:
            entries = list(os.scandir(self.folder))
            if len(entries) <= KEEP:
                return
            entries.sort(key=lambda e: e.stat().st_mtime)
            for entry in entries[: len(entries) - KEEP // 2]:
                os.unlink(entry.path)
        except OSError:
            pass


def _unpack(data: bytes) -> Drawn | None:
    """The entry's chart, or None if it is not whole and unchanged."""
    from vplan.render._typst import unframe

    head = len(MAGIC) + 65  # the magic line, then the payload's digest and a newline
    payload = data[head:]
    if not data.startswith(MAGIC) or hashlib.sha256(payload).hexdigest().encode("ascii") != data[len(MAGIC):head - 1]:
        return None
    parts = unframe(payload)
    if parts is None or len(parts) != 2 or not parts[0]:
        return None
    return Drawn(parts[0], parts[1] or None)


def _salt(style_sha256: str) -> bytes:
    """What all of a build's charts depend on besides their own data: the house style's files,
    vplan's drawing code, and the installed pygal and typst (their files' names, sizes and times:
    an upgrade or reinstall changes them, where reading their version would cost 60 ms)."""
    import importlib.util

    from vplan import typography
    from vplan.followup.report import charts

    digest = hashlib.sha256(MAGIC + style_sha256.encode("ascii"))
    for module in (charts, typography):
        digest.update(Path(module.__file__).read_bytes())
    for package in ("pygal", "typst"):
        spec = importlib.util.find_spec(package)
        folder = Path(spec.origin).parent if spec and spec.origin else None
        if folder is not None:
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_file():
                    stat = entry.stat()
                    digest.update(f"{package}/{entry.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.digest()
