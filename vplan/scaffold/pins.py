"""Which vplan a new region repository is pinned to, and where it is installed from.

The one place that knows the install line: pre-commit, both CI files and the
README of a new repository take it from here. The repository address comes from
the installed package's metadata ([project.urls] in pyproject.toml), so a fork
that publishes elsewhere pins its own address.
"""
from __future__ import annotations

import re

_RELEASE = re.compile(r"^[0-9]+(\.[0-9]+)*$")  # 1.2.0, not 1.2.0.dev3+g1234abc
_COMMIT = re.compile(r"\+g([0-9a-f]{7,40})\b")
_URL_LABELS = ("repository", "source", "source code", "homepage")


def version() -> str:
    from vplan import __version__

    return __version__


def release_tag(ver: str) -> str | None:
    """The git tag of a released version ("v1.2.0"); None for a development build."""
    return f"v{ver}" if _RELEASE.match(ver) else None


def repository_url() -> str | None:
    """vplan's public git repository, from the installed package's Project-URL entries."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("vplan").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    found = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        url = url.strip()
        if url.startswith("https://"):
            found[label.strip().lower()] = url.rstrip("/").removesuffix(".git")
    return next((found[k] for k in _URL_LABELS if k in found), None)


# The extra that brings the PDF engine: build and release need it, check and diff do not.
DOCUMENTS = "dokument"


def git_ref(ver: str) -> str | None:
    """Where in vplan's git history this version is: its tag, or for a development build the
    commit named in its local part ("0.2.dev3+g1234abc" -> "1234abc", as hatch-vcs writes it)."""
    commit = _COMMIT.search(ver)
    return release_tag(ver) or (commit.group(1) if commit else None)


def requirement(ver: str, url: str | None, extra: str | None = None) -> str:
    """What pip installs: this version from vplan's git repository when the address is known,
    else the version by name (from a package index or a mirror)."""
    name = f"vplan[{extra}]" if extra else "vplan"
    ref = git_ref(ver)
    if url and ref:
        return f"{name} @ git+{url}@{ref}"
    return f"{name}=={ver}"
