"""vplan release: every plan built in parallel into dist/, described by dist/manifest.json.

A plan whose source, house style and vplan version are what the manifest
records, and whose documents are still there unchanged, is not built again.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from vplan import __version__
from vplan.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from vplan.options import Options
from vplan.render.build import (
    BUILT, FAILED, REFUSED, UNCHANGED, Output, PlanBuild, build_plan, check_names, name_key, style_hash,
)
from vplan.render.versions import engines

MANIFEST = "manifest.json"
Progress = Callable[[PlanBuild, int], None]  # (a finished plan, how many plans in all)


@dataclass(frozen=True)
class ReleaseResult:
    plans: tuple[PlanBuild, ...]
    manifest: Path

    def count(self, status: str) -> int:
        return sum(1 for p in self.plans if p.status == status)

    @property
    def exit_code(self) -> int:
        if self.count(FAILED):
            return EXIT_USAGE
        return EXIT_FINDINGS if self.count(REFUSED) else EXIT_OK

    def summary(self) -> str:
        """ "3 planer: 1 byggd, 2 oförändrade" """
        n = len(self.plans)
        parts = [(BUILT, "byggd", "byggda"), (UNCHANGED, "oförändrad", "oförändrade"),
                 (REFUSED, "med fel, inte byggd", "med fel, inte byggda"),
                 (FAILED, "misslyckades", "misslyckades")]
        said = [f"{c} {one if c == 1 else many}" for status, one, many in parts if (c := self.count(status))]
        return f"{n} {self._noun(n)}: {', '.join(said) or 'inget att göra'}"

    def _noun(self, n: int) -> str:
        """planer, uppföljningar, or filer when both (as check's summary says)."""
        from vplan.followup.read import FOLDER

        followups = {FOLDER in Path(p.source).parts[:-1] for p in self.plans}
        if followups == {True, False}:
            return "fil" if n == 1 else "filer"
        if followups == {True}:
            return "uppföljning" if n == 1 else "uppföljningar"
        return "plan" if n == 1 else "planer"


def release(paths=(), *, options: Options, progress: Progress | None = None) -> ReleaseResult:
    """Build the plans (default: all under plans/) that changed since the manifest, in parallel."""
    from vplan.api import collect

    from vplan.render import _typst

    _typst.require_for(options.formats)
    # What is published depends on the repository and the installed tools only: no chart
    # comes from the cache of earlier builds (vplan.followup.report.cache).
    options = options.with_(cache_dir=None)
    files = collect(paths, options)
    check_names(files)
    manifest_path = options.dist_dir / MANIFEST
    check_output_folder(manifest_path)
    old = read_manifest(manifest_path)
    check_claims(files, old, manifest_path, options)
    done: dict[Path, PlanBuild] = {}
    todo: list[Path] = []
    tell = (lambda plan: progress(plan, len(files))) if progress else None
    for f in files:
        previous = old.get(source_key(f, options))
        kept = unchanged(f, previous, options) if previous else None
        if kept:
            done[f] = kept
            if tell:
                tell(kept)
        else:
            todo.append(f)
    try:
        for f, result in build_all(todo, options, tell):
            done[f] = result
    except KeyboardInterrupt:
        # Plans built before Ctrl-C have new documents: the manifest must say so. A plan still
        # being built may have replaced some of its documents, so its old entry goes.
        finished = [f for f in files if f in done]
        write_manifest(manifest_path, [done[f] for f in finished], old, finished, options,
                       unfinished=[f for f in todo if f not in done])
        raise
    results = tuple(done[f] for f in files)
    write_manifest(manifest_path, results, old, files, options)
    return ReleaseResult(results, manifest_path)


def check_output_folder(manifest: Path) -> None:
    """Refuse before building, not after: a dist/ that is a file, or a manifest that is a folder."""
    from vplan.errors import UsageError
    from vplan.paths import shown

    folder = manifest.parent
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"Utdatamappen {shown(folder)} är en fil, inte en mapp.",
                         "Flytta eller ta bort filen (vplan skapar mappen själv), eller ange en mapp med --out.")
    if manifest.is_dir():
        raise UsageError(f"{shown(manifest)} är en mapp, men där skriver vplan manifestet.",
                         "Flytta eller ta bort mappen.")


def check_claims(files: list[Path], old: dict[str, dict], manifest: Path, options: Options) -> None:
    """A plan whose documents would replace those of another plan that an earlier release put
    in the same folder (plans/a/x.md now, plans/b/x.md before) is refused, as within one release."""
    from vplan.api import display_path
    from vplan.errors import UsageError
    from vplan.paths import shown

    building = {source_key(f, options) for f in files}
    owners: dict[str, str] = {}
    for source, entry in old.items():
        if source in building or not (options.project_dir / source).is_file():
            continue
        for o in entry.get("outputs") or ():
            if isinstance(o, dict) and isinstance(o.get("path"), str):
                owners.setdefault(name_key(Path(o["path"]).stem), source)
    for f in files:
        if (other := owners.get(name_key(f.stem))) is not None:
            raise UsageError(f"Två planer heter {f.stem}: {other} (enligt {shown(manifest)}) och {display_path(f)}. "
                             "Dokumenten skulle skriva över varandra.",
                             "Byt namn på den ena filen, eller bygg dem till olika mappar med --out.")


# --- parallel builds -----------------------------------------------------------

def build_all(files: list[Path], options: Options, progress: Callable[[PlanBuild], None] | None):
    """(file, PlanBuild) as each finishes; a process per core, each warmed up once."""
    jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(files)))
    if jobs == 1:
        for f in files:
            result = build_plan(f, options=options, parallel=len(files) == 1)
            if progress:
                progress(result)
            yield f, result
        return
    from concurrent.futures import as_completed

    from vplan.workers import interrupt
    from vplan.workers import pool as worker_pool

    with worker_pool(jobs, initializer=_start_worker) as pool:
        # Follow-ups first: their charts make them the longest builds, and a long build started
        # last keeps one core busy while the others wait.
        from vplan.followup.read import FOLDER

        first = sorted(files, key=lambda f: FOLDER not in f.parts)
        futures = {pool.submit(_build_in_worker, str(f), options): f for f in first}
        try:
            for future in as_completed(futures):
                result = future.result()
                if progress:
                    progress(result)
                yield futures[future], result
        except KeyboardInterrupt:
            interrupt(pool)
            raise


def _start_worker() -> None:
    from vplan.workers import quit_quietly_on_interrupt

    quit_quietly_on_interrupt()
    _warm_up()


def _warm_up() -> None:
    """Load what every build needs once per worker, not once per plan."""
    import vplan.api  # noqa: F401
    import vplan.render.engines  # noqa: F401
    import vplan.render.safety  # noqa: F401
    import vplan.render.tree.document  # noqa: F401
    import vplan.rules  # noqa: F401
    from vplan.render._pandoc import pandoc_path

    pandoc_path()


def _build_in_worker(path: str, options: Options) -> PlanBuild:
    return build_plan(Path(path), options=options, parallel=False)


# --- the manifest ------------------------------------------------------------

def source_key(path: Path, options: Options) -> str:
    """The plan's path relative to the project, with forward slashes."""
    real = Path(path).resolve()
    try:
        return real.relative_to(options.project_dir.resolve()).as_posix()
    except ValueError:
        return real.as_posix()


def read_manifest(path: Path) -> dict[str, dict]:
    """Entries by source; a missing or unreadable manifest means: build everything."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {e["source"]: e for e in data.get("plans", []) if isinstance(e, dict) and "source" in e}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def unchanged(path: Path, entry: dict, options: Options) -> PlanBuild | None:
    """The plan as the manifest describes it, if nothing it was built from has changed."""
    from vplan.api import display_path
    from vplan.render.errors import RenderError
    from vplan.render.housestyle import load_house_style

    folder = options.dist_dir
    try:
        if (entry.get("vplan") != __version__ or entry.get("formats") != list(options.formats)
                or entry.get("source_sha256") != _source_sha256(path, options) or entry.get("engines") != engines()):
            return None
        style = load_house_style(entry["house_style"], options.template_dirs)
        if style_hash(style) != entry.get("house_style_sha256"):
            return None
        outputs = []
        for o in entry["outputs"]:
            out = folder / o["path"]
            if out.stat().st_size != o["size"] or _sha256(out) != o["sha256"]:
                return None
            outputs.append(Output(o["format"], out, o["size"], o["sha256"]))
    except (OSError, KeyError, TypeError, RenderError):
        return None
    return PlanBuild(display_path(path), UNCHANGED, tuple(outputs), source_sha256=entry["source_sha256"],
                     house_style=entry["house_style"], style_sha256=entry["house_style_sha256"],
                     git_commit=entry.get("git_commit"))


def write_manifest(path: Path, results, old: dict[str, dict], files: list[Path], options: Options,
                   unfinished=()) -> None:
    """Entries for every plan with documents in dist/; a plan that failed keeps its old entry,
    an unfinished one (interrupted) loses it."""
    from vplan.write import write_atomic

    root = options.project_dir
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.parent):
        # Another release into the same dist/ may have written since we read: merge with what is there now.
        current = {**old, **read_manifest(path)}
        gone = {source_key(f, options) for f in unfinished}
        entries = {k: e for k, e in current.items() if (root / k).is_file() and k not in gone}  # removed since: gone
        for f, r in zip(files, results):
            key = source_key(f, options)
            if r.status in (REFUSED, FAILED):
                continue
            entries[key] = _entry(key, r, options)
        data = {"vplan": __version__, "engines": engines(), "plans": [entries[k] for k in sorted(entries)]}
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


class _locked:
    """An exclusive lock on the output folder itself while the manifest is read and replaced
    (no lock file in dist/; where flock is missing, no lock)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.fd = None

    def __enter__(self):
        try:
            import fcntl

            self.fd = os.open(self.folder, os.O_RDONLY)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):
            self._close()
        return self

    def __exit__(self, *exc):
        self._close()
        return False

    def _close(self):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None


def _entry(key: str, r: PlanBuild, options: Options) -> dict:
    folder = options.dist_dir
    return {
        "source": key,
        "source_sha256": r.source_sha256,
        "git_commit": r.git_commit,
        "vplan": __version__,
        "engines": engines(),
        "house_style": r.house_style,
        "house_style_sha256": r.style_sha256,
        "formats": list(options.formats),
        "outputs": [{"format": o.format, "path": _relative(o.path, folder), "size": o.size,
                     "sha256": o.sha256} for o in r.outputs],
    }


def _relative(path: Path, folder: Path) -> str:
    try:
        return Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def _source_sha256(path: Path, options: Options) -> str:
    """A plan's bytes; a follow-up's together with its plan's (vplan.followup.report.build)."""
    from vplan.followup.report.build import source_digest

    return source_digest(path, options) or _sha256(path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

