# vplan: two commands for a newcomer — `make build` and `make test`.
# Everything else here is for developers.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build check test judges bench docs validators clean

# The virtual environment with vplan installed in editable mode, plus test tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
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
	@for b in bench/engines.py bench/build.py bench/fmt_diff.py bench/followup.py; do \
	  if [ -f $$b ]; then echo; echo "== $$b"; $(BIN)/python $$b; fi; done

## Regenerate the rule reference from the rules' docstrings.
docs: $(STAMP)
	$(BIN)/python -m vplan.rules.docs > docs/regler.md

## Regenerate the built-in schemas' compiled validators (vplan/read/_validators/) after a schema change.
validators: $(STAMP)
	$(BIN)/python -m vplan.read.validators

clean:
	rm -rf $(VENV) dist .pytest_cache
