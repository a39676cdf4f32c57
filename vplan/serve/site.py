"""What the preview serves: the plans under PATH, their built pages and page versions.

Pages are found by key in a dict, never by joining a request to a path, so no
request can reach a file that is not one of the plans.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import quote

from vplan.options import Options
from vplan.serve.build import Page, build_page

INDEX = ""  # the key of the folder's list of plans
CONFIG_FILES = ("vplan.toml", "pyproject.toml")
INDEX_CHECK_LIMIT = 60  # plans checked for the folder's list (about 15 ms each)


class Site:
    def __init__(self, target: Path, options: Options, log=lambda key, page: None):
        self.target, self.options, self.log = target, options, log
        self.folder = target.is_dir()
        self.cond = threading.Condition()
        self.build_lock = threading.Lock()  # one rebuild at a time
        self.pages: dict[str, Page] = {}
        self.versions: dict[str, int] = {INDEX: 0}
        self.stopping = False
        self.plans = self._find_plans()

    # --- the plans ---------------------------------------------------------------

    def _find_plans(self) -> dict[str, Path]:
        from vplan.api import collect
        from vplan.errors import VplanError

        try:
            files = collect([self.target], self.options)
        except VplanError:  # a folder whose last plan was removed: an empty list, not a crash
            return {}
        base = self.target if self.folder else self.target.parent
        return {Path(os.path.relpath(f, base)).as_posix(): f for f in files}

    def home_key(self) -> str:
        return INDEX if self.folder else next(iter(self.plans), INDEX)

    def url(self, key: str) -> str:
        return "/" if key == self.home_key() else "/plan/" + quote(key)

    def key_for(self, url_path: str) -> str | None:
        from urllib.parse import unquote

        if url_path == "/":
            return self.home_key()
        if url_path.startswith("/plan/"):
            key = unquote(url_path[len("/plan/"):])
            return key if key in self.plans else None
        return None

    def states(self) -> dict[str, str]:
        """Each plan's check result in words ("2 fel, 1 varning"), for the folder's list;
        a large folder is listed without them, to keep the list quick."""
        from vplan.api import load
        from vplan.errors import VplanError
        from vplan.serve.findings import counts

        plans = dict(self.plans)
        if len(plans) > INDEX_CHECK_LIMIT:
            return {key: "" for key in plans}
        out = {}
        with self.build_lock:  # the reader's caches are shared with the rebuilds
            for key, path in plans.items():
                try:
                    out[key] = counts(load(path, options=self.options).diagnostics)
                except VplanError as err:
                    out[key] = err.message
        return out

    def watched(self) -> list[Path]:
        """The plans, and what every plan's page depends on: the project's styles, schemas, config."""
        root = self.options.project_dir
        extra: list[Path] = [root / name for name in CONFIG_FILES]
        for folder in (root / "templates", root / "schema"):
            if folder.is_dir():
                extra += sorted(p for p in folder.rglob("*") if p.is_file())
        plans = list(self._find_plans().values()) if self.folder else list(self.plans.values())
        return plans + extra

    # --- pages -------------------------------------------------------------------

    def page(self, key: str) -> tuple[Page, int]:
        """The page and its version, built now if nobody has asked for it before."""
        with self.build_lock:
            if key not in self.pages:
                self._build(key)
            with self.cond:
                return self.pages[key], self.versions[key]

    def _build(self, key: str) -> None:
        page = build_page(self.plans[key], self.options)
        with self.cond:
            self.pages[key] = page
            self.versions[key] = self.versions.get(key, 0) + 1
            self.cond.notify_all()
        self.log(key, page)

    def rebuild(self, paths: set[Path]) -> None:
        """After saves: rebuild the pages that were shown and depend on what changed."""
        with self.build_lock:
            if self.folder:  # the list shows every plan's findings: any save changes it
                self.plans = self._find_plans()
                self._bump(INDEX)
            plan_files = set(self.plans.values())
            everything = any(p not in plan_files for p in paths)  # a style, schema or config
            for key in [k for k in self.pages if k in self.plans]:
                if everything or self.plans[key] in paths:
                    self._build(key)

    def _bump(self, key: str) -> None:
        with self.cond:
            self.versions[key] = self.versions.get(key, 0) + 1
            self.cond.notify_all()

    def wait_newer(self, key: str, version: int, timeout: float) -> bool | None:
        """True when the page is newer than `version`, None when the server stops, False on timeout."""
        with self.cond:
            self.cond.wait_for(lambda: self.stopping or self.versions.get(key, 0) > version, timeout)
            if self.stopping:
                return None
            return self.versions.get(key, 0) > version

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
