"""Notice saves by polling the files' status, and rebuild what changed, one at a time.

Polling a plan folder's few dozen files twenty times a second costs next to nothing,
needs no extra package and works the same on every file system (network drives
included, where change notifications are unreliable). A burst of saves is
coalesced: a rebuild starts once the files have been quiet for one poll, or at
the latest MAX_WAIT after the first unbuilt change, and always reads the
newest text; changes made during a rebuild are picked up by the next one.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable

POLL_SECONDS = 0.05
MAX_WAIT = 0.3  # saving ten times a second still shows something within a second

Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)  # ino: editors that save by renaming a new file


def snapshot(paths: Iterable[Path]) -> dict[Path, Stamp | None]:
    return {p: stamp(p) for p in paths}


def changed(before: dict, after: dict) -> set[Path]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


class Poller:
    """Calls `rebuild(changed_paths)` after saves, coalesced; runs until `stopped()`."""

    def __init__(self, files: Callable[[], list[Path]], rebuild: Callable[[set[Path]], None],
                 stopped: Callable[[], bool], *, poll: float = POLL_SECONDS, max_wait: float = MAX_WAIT,
                 clock=time.monotonic, sleep=time.sleep):
        self.files, self.rebuild, self.stopped = files, rebuild, stopped
        self.poll, self.max_wait, self.clock, self.sleep = poll, max_wait, clock, sleep

    def run(self) -> None:
        seen = snapshot(self.files())
        pending: set[Path] = set()
        first = 0.0
        while not self.stopped():
            self.sleep(self.poll)
            now = snapshot(self.files())
            new = changed(seen, now)
            seen = now
            if new and not pending:
                first = self.clock()
            pending |= new
            if pending and (not new or self.clock() - first >= self.max_wait):
                batch, pending = pending, set()
                self.rebuild(batch)
