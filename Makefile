# The two commands of the README:  make serve  |  make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
WORKERS ?= 2

.PHONY: serve test mutation system-deps install build lint clean

serve: install  ## install everything, build the tables if needed, serve the dashboard
	$(BIN)/aiplus serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: install  ## install everything, then lint and run every test (browser tests included)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

mutation: install $(VENV)/.installed-mutation  ## mutation testing of the ETL and the dashboard's pure helpers (not in `make test`)
	./benchmarks/mutation.sh

$(VENV)/.installed-mutation: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

system-deps:
	./scripts/install-system-deps.sh

install: system-deps $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: install
	$(BIN)/aiplus build

clean:
	rm -rf $(VENV) datasets/build
