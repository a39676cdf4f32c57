"""The little of git that `vplan diff` needs: revisions, changed files, file contents."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from vplan.errors import UsageError

WORKTREE = None  # a revision of None means the files on disk


@dataclass(frozen=True)
class Changed:
    status: str  # A, D, M, R (rename)
    old_path: str | None  # relative to the repository root
    new_path: str | None


def _git(args, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"git kunde inte startas ({exc.strerror}).", "Installera git.") from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} misslyckades: {message[-1] if message else 'okänt fel'}")
    return done


def root(start: Path) -> Path | None:
    done = _git(["rev-parse", "--show-toplevel"], start, check=False)
    return Path(done.stdout.decode().strip()) if done.returncode == 0 else None


def is_revision(repo: Path, text: str) -> bool:
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{text}^{{commit}}"], repo, check=False)
    return done.returncode == 0


def changed_files(repo: Path, old: str, new: str | None, pathspecs: list[str]) -> list[Changed]:
    """Files that differ between two revisions (new None: the working tree, untracked included)."""
    args = ["diff", "--no-ext-diff", "--no-textconv", "--name-status", "-z", "-M", old]
    if new is not None:
        args.append(new)
    out = _git(args + ["--", *pathspecs], repo).stdout.decode("utf-8", "surrogateescape").split("\0")
    found: list[Changed] = []
    i = 0
    while i < len(out) - 1:
        status = out[i][:1]
        if status == "R":
            found.append(Changed("R", out[i + 1], out[i + 2]))
            i += 3
            continue
        path = out[i + 1]
        found.append(Changed(status, None if status == "A" else path, None if status == "D" else path))
        i += 2
    if new is None:
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *pathspecs], repo).stdout
        for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
            if path:
                found.append(Changed("A", None, path))
    return found


def read(repo: Path, revision: str | None, path: str) -> bytes:
    if revision is WORKTREE:
        from vplan.paths import read_regular, reason, require_inside

        require_inside(repo / path, repo, "Filen")  # a link in the work tree must not lead out of it
        try:
            return read_regular(repo / path)
        except OSError as exc:
            raise UsageError(f"Filen {path} kan inte läsas: {reason(exc)}.",
                             "Kontrollera att filen är en vanlig fil som du får läsa.") from None
    return _git(["show", f"{revision}:{path}"], repo).stdout
