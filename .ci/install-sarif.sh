#!/usr/bin/env bash
# Microsoft's SARIF validator for tests/test_reporters.py (skipped when absent).
# Idempotent: does nothing when the pinned version is already installed.
set -euo pipefail
cd "$(dirname "$0")/../tests/judges/sarif"
if [ ! -x node_modules/.bin/sarif-multitool ]; then
  npm ci --no-audit --no-fund --loglevel=error || echo "install-sarif: npm ci failed; the SARIF validation test will be skipped" >&2
fi
# npm may skip the package's postinstall (chmod); the binary must be executable.
chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true
