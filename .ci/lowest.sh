#!/usr/bin/env bash
# CI: the suite with the lowest versions pyproject.toml allows. Every direct
# dependency is installed at its declared floor (.ci/lowest.py) in a venv of its
# own, .venv-lowest, and the same test command as `make test` runs there.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=.venv-lowest
constraints="$(mktemp)"
trap 'rm -f "$constraints"' EXIT
"$PYTHON" .ci/lowest.py > "$constraints"
if [ ! -f "$VENV/.installed" ] || ! cmp -s "$constraints" "$VENV/.installed"; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" -e '.[dokument,test]'
  cp "$constraints" "$VENV/.installed"
fi
# pip honours == constraints or fails; this shows what was tested.
echo "lowest: $(grep -v '^#' "$constraints" | cut -d';' -f1 | tr '\n' ' ')"
"$VENV/bin/python" -m pytest "$@"
