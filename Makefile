# 学习资料站: two commands for a new user (make serve, make test); the rest for the people who keep it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material 9.8 prints an end-of-life notice about MkDocs 2.0 on every run; the project stays on MkDocs 1.6.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build pdf test check fix new bench lint format clean

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

# The deployable site: every page and every study pack's PDF, strict.
build: $(VENV)/.site-installed
	$(PYTHON) scripts/system_deps.py pdf
	STUDYSITE_PDF=1 $(BIN)/mkdocs build --strict -d site

pdf: build
	@ls -1 site/packs/*.pdf

test: $(VENV)/.dev-installed node_modules/.installed
	$(PYTHON) scripts/system_deps.py test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check.py
	$(BIN)/python -m pytest

check: $(VENV)/.site-installed
	$(BIN)/python scripts/check.py

fix: $(VENV)/.site-installed
	$(BIN)/python scripts/check.py --fix

new: $(VENV)/.site-installed
	$(BIN)/python scripts/new.py

bench: $(VENV)/.dev-installed
	$(BIN)/python scripts/bench.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(BIN)/python:
	$(PYTHON) scripts/system_deps.py site
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.site-installed $@

# axe-core for the accessibility tests, the version package-lock.json pins, from the npm registry (npm ci).
node_modules/.installed: package.json package-lock.json
	$(PYTHON) scripts/system_deps.py test
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site test-artifacts .pytest_cache .ruff_cache
