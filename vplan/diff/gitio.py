"""The little of git that `vplan diff` needs: revisions, changed files, file contents."""
from __future__ import annotations

import os
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


# A repository's own config can name programs git runs while it reads: an fsmonitor
# hook, clean/smudge filters on work-tree files, a gpg program for signed commits,
# a transport for a partial clone's lazy fetch. vplan only reads, so it switches
# all of them off; a plan repository received from someone else runs nothing.
_SAFE_CONFIG = (
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("log.showSignature", "false"),
    ("diff.external", ""),
)


def _filter_drivers(cwd: Path) -> list[str]:
    """The names of the filter drivers the repository's config defines."""
    try:
        done = subprocess.run(["git", "config", "-z", "--name-only", "--get-regexp", r"^filter\."],
                              cwd=cwd, capture_output=True, check=False, env=_env([]), timeout=20)
    except (OSError, subprocess.SubprocessError):
        return []
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n[len("filter."):].rpartition(".")[0] for n in names if n.count(".") >= 2})


def _env(pairs) -> dict[str, str]:
    """os.environ with `pairs` added as command-line config (GIT_CONFIG_COUNT takes any key)."""
    env = dict(os.environ)
    given = env.get("GIT_CONFIG_COUNT", "")
    count = int(given) if given.isdigit() else 0  # keep what the user set
    for key, value in pairs:
        env[f"GIT_CONFIG_KEY_{count}"] = key
        env[f"GIT_CONFIG_VALUE_{count}"] = value
        count += 1
    env["GIT_CONFIG_COUNT"] = str(count)
    env["GIT_ALLOW_PROTOCOL"] = ""  # no transport at all, whatever protocol.*.allow says
    env["GIT_NO_LAZY_FETCH"] = "1"  # git >= 2.44: a partial clone never fetches a missing blob
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def safe_env(cwd: Path) -> dict[str, str]:
    """The environment for a git that runs no program the repository configures."""
    pairs = list(_SAFE_CONFIG)
    for name in _filter_drivers(cwd):
        pairs += [(f"filter.{name}.{part}", "") for part in ("clean", "smudge", "process")]
        pairs.append((f"filter.{name}.required", "false"))
    return _env(pairs)


def _git(args, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, env=safe_env(cwd))
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
