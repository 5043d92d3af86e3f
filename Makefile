# Casebook: two commands for a new user (`make serve`, `make test`); the rest for contributors.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install test lint typecheck pytest site serve schema golden check clean bench release

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install Casebook with its dev tools

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check tooling tests site/hooks benchmarks
	$(BIN)/ruff format --check tooling tests site/hooks benchmarks

typecheck: $(STAMP)  ## mypy --strict on the package
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest  ## everything CI runs
	$(BIN)/casebook schema --check

check: test

schema: $(STAMP)  ## regenerate schema/case.schema.json from the vocabulary
	$(BIN)/casebook schema --write

site: $(STAMP)  ## build the static site into build/site
	$(BIN)/casebook build

serve: $(STAMP)  ## build and serve on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

release: $(STAMP)  ## cut a corpus release (tag vYYYY.MM.N, CHANGELOG, CITATION.cff, releases/<tag>/); see docs/releases.md
	$(BIN)/casebook release

golden: $(STAMP)  ## rewrite tests/golden/ from the current code; review the diff before committing
	CASEBOOK_UPDATE_GOLDEN=1 $(BIN)/pytest -q -k golden

bench: $(STAMP)  ## benchmarks at 100, 1,000 and 10,000 synthetic cases -> benchmarks/results.md (about 25 min)
	$(BIN)/python benchmarks/run.py

format: $(STAMP)
	$(BIN)/ruff format tooling tests site/hooks benchmarks
	$(BIN)/ruff check --fix tooling tests site/hooks benchmarks

clean:
	rm -rf build $(addprefix site/docs/,cases browse filter patterns controls data reference guide coverage pack failure-modes organizations index.md feed.xml .casebook-render.json) .pytest_cache .mypy_cache .ruff_cache
