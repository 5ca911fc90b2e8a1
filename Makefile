# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run    install, ingest the sample corpus, print the most-mentioned person's dossier
#   make test   install, then the whole test suite (unit, end-to-end, browser)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE_DB ?= sample.db
DATA ?= ../shared/data

.PHONY: install run test lint bench lock browser java clean docs

WEB_JS := src/dossier/web/js
GRAPH_LIB := src/dossier/web/static/cytoscape.min.js

$(STAMP): requirements/bootstrap.txt requirements/base.txt requirements/dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/bootstrap.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The web UI's graph library, installed from the npm registry at the version package-lock.json pins.
$(GRAPH_LIB): $(WEB_JS)/package-lock.json
	cd $(WEB_JS) && npm ci --silent --no-audit --no-fund

install: $(STAMP) $(GRAPH_LIB)


run: install
	rm -f $(SAMPLE_DB) $(SAMPLE_DB)-wal $(SAMPLE_DB)-shm
	$(BIN)/dossier add samples/corpus --db $(SAMPLE_DB)
	$(BIN)/dossier show --db $(SAMPLE_DB) \
		"$$($(BIN)/dossier top --db $(SAMPLE_DB) --limit 1 --names-only)"

# Browser tests drive Debian's Chromium through Playwright (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests."; fi; }

# The Spark tests run PySpark in local mode on Debian's Java 17.
java:
	@command -v java >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
			apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
		else echo "Java is missing: run 'sudo apt-get install openjdk-17-jre-headless' for the Spark tests."; fi; }

test: install browser java
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench scripts samples
	$(BIN)/ruff format --check src tests bench scripts samples
	$(BIN)/mypy

# Every benchmark on ../shared/data, then the web latency one (it generates its own database).
# screenshots.py takes pictures for the README, not measurements.
bench: install
	for script in $(filter-out bench/serve.py bench/screenshots.py,$(wildcard bench/*.py)); do \
		$(BIN)/python $$script --data $(DATA) || exit 1; done
	$(BIN)/python bench/serve.py

# Re-pin every dependency with hashes (run after editing requirements/*.in). The locker, uv,
# is itself pinned by hash in requirements/tools.txt and lives in its own venv.
LOCK_VENV := .venv-lock
UV_COMPILE := ../$(LOCK_VENV)/bin/uv pip compile -q --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --generate-hashes --strip-extras
lock:
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/bootstrap.txt
	$(LOCK_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/tools.txt
	cd requirements && $(UV_COMPILE) base.in -o base.txt && $(UV_COMPILE) dev.in -o dev.txt

# Regenerate docs/cli.md from every command's --help.
docs: install
	$(BIN)/python scripts/cli_docs.py

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(SAMPLE_DB) $(SAMPLE_DB)-wal $(SAMPLE_DB)-shm
