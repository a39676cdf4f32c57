#!/usr/bin/env bash
# Rewrite requirements.lock: the newest versions that fit pyproject.toml, resolved
# in a fresh virtual environment, as exact pins. `make` installs with this file as
# constraints, so every machine builds the same documents with the same pandoc and
# typst. Run it (make lock) to take in new versions, then run the tests and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[dokument,test]"
{
  echo "# Exact versions for make and release builds (constraints, not requirements)."
  echo "# Made by .ci/lock.sh with $("$work/venv/bin/python" --version); do not edit by hand."
  "$work/venv/bin/python" -m pip freeze --disable-pip-version-check --exclude vplan | LC_ALL=C sort -f
} > requirements.lock.new
mv requirements.lock.new requirements.lock
echo "lock: wrote requirements.lock ($(grep -vc '^#' requirements.lock) pins)"
