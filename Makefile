# The two commands of the README: `make run` and `make test`. Each sets up its own virtual environment.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/alliances load --bundled --if-empty
	$(VENV)/bin/alliances serve

test: $(STAMP)
	./scripts/ensure-test-tools.sh
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check graph api loaders cli tests bench
	$(VENV)/bin/mypy graph

bench: $(STAMP)
	$(PY) bench/load_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
