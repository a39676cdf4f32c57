#!/usr/bin/env bash
# Judges for the render tests (tests/render): Chromium + axe-core for the HTML,
# poppler-utils (pdftotext, pdftoppm) for the PDF, LibreOffice for the DOCX. Idempotent: installs only
# what is missing, so a second run takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# LibreOffice lays out the DOCX as a reader without Word sees it (tests/render/test_print_docx.py)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-judges: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o Acquire::Retries=3 update -qq
  apt-get -o Acquire::Retries=3 install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Node judges at the versions in their lock files: axe-core with puppeteer-core
# (which downloads no browser, it drives the system Chromium), and the YAML
# language server that VS Code's YAML extension runs (tests/test_schema_editor.py).
for judge in tests/judges/axe tests/judges/yamlls; do
  stamp="$judge/node_modules/.vplan-lock.sha256"
  want="$(sha256sum "$judge/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "install-judges: npm ci in $judge"
    (cd "$judge" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done
echo "install-judges: chromium, pdftotext, libreoffice, axe-core and yaml-language-server are ready"
