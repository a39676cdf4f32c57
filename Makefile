# vplan: two commands for a newcomer — `make build` and `make test`.
# Everything else here is for developers.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build check test judges bench docs validators glyphs lock lowest clean

# The virtual environment with vplan installed in editable mode, its PDF engine
# (the extra "dokument") and test tools, at the exact versions of requirements.lock.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	rm -rf vplan.egg-info  # left by the setuptools builds before 0.1: stale metadata shadows the installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dokument,test]'
	touch $(STAMP)

## Build every example plan in plans/ and its follow-up in uppfoljning/ into dist/ (HTML, DOCX and PDF).
build: $(STAMP)
	$(BIN)/vplan check plans/ uppfoljning/
	$(BIN)/vplan release plans/ uppfoljning/

## Check the example plans and follow-ups only.
check: $(STAMP)
	$(BIN)/vplan check plans/ uppfoljning/

## Install the outside judges the tests use (Chromium + axe-core, poppler, SARIF validator).
judges:
	bash .ci/install-judges.sh
	bash .ci/install-sarif.sh

## Run the whole test suite.
test: $(STAMP) judges
	$(BIN)/python -m pytest

## Benchmarks: figures printed, nothing asserted.
bench: $(STAMP)
	$(BIN)/python bench/check.py
	@for b in bench/engines.py bench/build.py bench/fmt_diff.py bench/cycle.py bench/serve.py bench/followup.py bench/import.py bench/export.py; do \
	  if [ -f $$b ]; then echo; echo "== $$b"; $(BIN)/python $$b; fi; done

## Regenerate the rule reference from the rules' docstrings.
docs: $(STAMP)
	$(BIN)/python -m vplan.rules.docs > docs/regler.md

## Regenerate the built-in schemas' compiled validators (vplan/read/_validators/) after a schema change.
validators: $(STAMP)
	$(BIN)/python -m vplan.read.validators

## The list of characters typst's fonts can show in a PDF/A (vplan/glyphs.json), after a typst upgrade.
glyphs: $(STAMP)
	$(BIN)/python -m vplan.glyphs

## The suite again with every dependency at the lowest version pyproject.toml allows (.venv-lowest/).
lowest: judges
	bash .ci/lowest.sh

## Pin the newest versions that fit pyproject.toml into requirements.lock (then test and commit).
lock:
	bash .ci/lock.sh

clean:
	rm -rf $(VENV) .venv-lowest dist .pytest_cache
