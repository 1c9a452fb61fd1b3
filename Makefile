# Client Craft: `make serve` to preview the site, `make test` to run every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_STAMP := $(VENV)/.site-deps
TEST_STAMP := $(VENV)/.test-deps
NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: help serve build check schemas test audit bench browser clean

help:
	@echo "make serve    preview the site at http://127.0.0.1:8000 with live reload"
	@echo "make test     run every test (installs what the tests need)"
	@echo "make build    build the site into site/ (strict)"
	@echo "make check    validate content/ and quizzes/ only"
	@echo "make schemas  regenerate build_tools/schemas/ from the models"
	@echo "make audit    the site's quality gates, then a Lighthouse performance report (audit-report.md)"
	@echo "make bench    measure build cost and page weight into benchmarks/RESULTS.md"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(TEST_STAMP): requirements-test.txt $(SITE_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's Chromium (Playwright never downloads a browser of its own);
# the HTML checker (vnu) needs Java; the PDFs need Liberation Sans, and Noto Sans CJK for Chinese.
# Each is looked for on its own. As root on Debian/Ubuntu we install what is missing.
browser:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q "Liberation Sans" || missing="$$missing fonts-liberation"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK SC" || missing="$$missing fonts-noto-cjk"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing for the tests:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "The tests need:$$missing"; \
		echo "Install with: sudo apt-get install$$missing   (Debian/Ubuntu), then run make test again."; \
		exit 1; \
	fi

serve: $(SITE_STAMP)
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(SITE_STAMP)
	$(VENV)/bin/mkdocs build --strict

check: $(SITE_STAMP)
	$(PY) -m build_tools check

schemas: $(SITE_STAMP)
	$(PY) -m build_tools schemas

# Two worker processes (this machine has two cores); a test module stays on one worker, so its
# module-wide fixtures (a Lighthouse batch, a served project) run once. The real site is built
# once per run and shared by both workers.
PYTEST_WORKERS ?= 2
PYTEST_XDIST := -n $(PYTEST_WORKERS) --dist loadscope
test: $(TEST_STAMP) $(NODE_STAMP) browser
	$(PY) -m pytest $(PYTEST_XDIST)

# The audit gates, then the measurements no gate may depend on (Lighthouse performance) as a report.
AUDIT_REPORT := audit-report.md
audit: $(TEST_STAMP) $(NODE_STAMP) browser
	$(PY) -m pytest $(PYTEST_XDIST) tests/audit
	CLIENT_CRAFT_PDF=false $(VENV)/bin/mkdocs build --strict --quiet -d .audit-site
	$(PY) -m benchmarks.perf .audit-site --runs 3 --out $(AUDIT_REPORT)

# The bench measures our pages beside mkdocs-quiz's: a plugin only the bench needs, installed without
# its command-line dependencies so the site's own pins stay as they are.
BENCH_STAMP := $(VENV)/.bench-deps
$(BENCH_STAMP): benchmarks/requirements-bench.txt $(TEST_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r benchmarks/requirements-bench.txt
	touch $@

bench: $(BENCH_STAMP) $(NODE_STAMP) browser
	$(PY) -m benchmarks.run

clean:
	rm -rf site .audit-site $(AUDIT_REPORT) .pytest_cache
