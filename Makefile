# The two commands of the README:  make serve  |  make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
WORKERS ?= 2

.PHONY: serve test mutation system-deps install build lint clean lighthouse

# npm packages (package.json + package-lock.json, from the npm registry): the plotly.js partial bundle the
# dashboard serves instead of Dash's full plotly.min.js (same plotly.js version as the installed plotly.py), axe-core
NPM_STAMP := node_modules/.installed
PLOTLY_BUNDLE := dashboard/vendor/plotly-basic.min.js

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

install: system-deps $(VENV)/.installed $(PLOTLY_BUNDLE)

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(PLOTLY_BUNDLE): $(NPM_STAMP) $(VENV)/.installed
	$(BIN)/python scripts/check-plotly-bundle.py node_modules/plotly.js-basic-dist-min/plotly-basic.min.js
	mkdir -p $(@D)
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js $@

lighthouse: $(NPM_STAMP)  ## optional, for benchmarks/first_load.py: Lighthouse from npm (not needed by the tests)
	npm install --no-save --no-audit --no-fund --loglevel=error lighthouse@13.5.0

build: install
	$(BIN)/aiplus build

clean:
	rm -rf $(VENV) datasets/build node_modules $(PLOTLY_BUNDLE)
