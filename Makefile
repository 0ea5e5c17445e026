# Dostyq: set-up, build, serve, test. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CONTENT ?= content
OUTPUT ?= output
CATALOGUES := theme/translations

.PHONY: help setup serve build test bench translations clean

help:
	@echo "make serve         set up, build content/, serve it on http://127.0.0.1:$(PORT)/ and rebuild on every save"
	@echo "make test          set up (with the test tools) and run every test"
	@echo "make build         build content/ into output/"
	@echo "make bench         time cold and warm builds against Pelican+plugins and Hugo (figures: docs/performance.md)"
	@echo "make translations  extract interface strings and update the kk/ru catalogues"

$(BIN)/pelican: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test]"
	@touch $@

# The web form's script (Decap CMS) and its local backend: admin/package-lock.json
# (without npm the site still builds, without the form: the build says so)
admin/node_modules/.package-lock.json: admin/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: the web form (/admin/) will not be installed"; exit 0; }; \
	cd admin && npm ci --no-fund --no-audit --ignore-scripts --loglevel=error

setup: $(BIN)/pelican admin/node_modules/.package-lock.json

build: setup
	$(BIN)/pelican $(CONTENT) -s pelican.conf.py -o $(OUTPUT)

serve: setup
	$(BIN)/dostyq serve --content $(CONTENT) --output $(OUTPUT) --port $(PORT)

test: setup
	bash tests/setup-tools.sh
	$(BIN)/pytest

# Byte-compiled first: the build is timed as its users run it, not with a first
# run that compiles every module.
BENCH := ../shared/bench/compare.py
bench: setup
	@test -f $(BENCH) || { echo "make bench: $(BENCH) not found (it comes with the project's shared folder)"; exit 1; }
	$(BIN)/python -m compileall -q dostyq plugins
	$(PYTHON) $(BENCH) --events $(or $(EVENTS),2000) --runs $(or $(RUNS),3) --project .

translations: setup
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o $(CATALOGUES)/messages.pot .
	$(BIN)/pybabel update -i $(CATALOGUES)/messages.pot -d $(CATALOGUES) --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel extract -F dostyq/locale/babel.cfg --no-default-keywords -k Message -k InvalidRule -k _ -k ngettext:1,2 \
	    --no-location --sort-output --omit-header -o dostyq/locale/dostyq.pot dostyq
	$(BIN)/pybabel update -D dostyq -i dostyq/locale/dostyq.pot -d dostyq/locale --no-fuzzy-matching --ignore-obsolete --no-wrap

clean:
	rm -rf $(OUTPUT) cache
