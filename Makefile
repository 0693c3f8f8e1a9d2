# 学习资料站: two commands for a new user (make serve, make test); the rest for the people who keep it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material 9.8 prints an end-of-life notice about MkDocs 2.0 on every run; the project stays on MkDocs 1.6.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build pdf test test-fast check fix new import bench lint format clean publish rollback offline progress

PORT ?= 8000
# What a user types after a command (make publish DEST=…) reaches the scripts as data: taken unexpanded
# ($(value): a `$(...)` in it is not make's either), exported, and read as "$$NAME" in the recipes, so the
# shell never parses it as part of a command line (a DEST holding `"; …` would otherwise run a command).
override DEST := $(value DEST)
override SRC := $(value SRC)
override KIND := $(value KIND)
override INTERNAL := $(value INTERNAL)
override PORT := $(value PORT)
override FROM := $(value FROM)
override TO := $(value TO)
export DEST SRC KIND INTERNAL PORT FROM TO

# Preview while editing: problems are shown on the pages, the browser reloads on save.
serve: $(VENV)/.site-installed
	@$(BIN)/python scripts/serve.py --port "$$PORT"

# The deployable site: every page and every study pack's PDF, strict, said in Chinese.
build: $(VENV)/.site-installed
	@$(PYTHON) scripts/system_deps.py pdf
	@$(BIN)/python scripts/build.py -d site

pdf: build
	@ls -1 site/packs/*.pdf site/packs/*.docx site/measures/ledger.xlsx

# Onto the intranet server: build, check, switch DEST (a symbolic link) atomically; rollback goes back one version.
publish: $(VENV)/.site-installed
	@$(PYTHON) scripts/system_deps.py pdf
	@$(BIN)/python scripts/publish.py -- "$$DEST"

rollback: $(VENV)/.site-installed
	@$(BIN)/python scripts/publish.py --rollback -- "$$DEST"

# For readers without the intranet: dist/学习资料站-离线版-<date>.zip, opened from a folder (INTERNAL=1: with 内部).
offline: $(VENV)/.site-installed
	@$(PYTHON) scripts/system_deps.py pdf
	@$(BIN)/python scripts/offline.py --internal "$${INTERNAL:-0}"

test: $(VENV)/.dev-installed node_modules/.installed
	$(PYTHON) scripts/system_deps.py test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy
	$(BIN)/python scripts/check.py
	node_modules/.bin/tsc -p jsconfig.json
	$(BIN)/python -m pytest -n 2

# The fast loop while changing code: ruff and the unit layer (tests/unit: no site build, no subprocess, no
# browser or LibreOffice), in well under a minute. `make test` stays the whole suite.
test-fast: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q tests/unit

check: $(VENV)/.site-installed
	@$(BIN)/python scripts/check.py

fix: $(VENV)/.site-installed
	@$(BIN)/python scripts/check.py --fix

new: $(VENV)/.site-installed
	@$(BIN)/python scripts/new.py

# Word, WPS and PDF files as entries: make import SRC=文件或文件夹 [KIND=讲话|公文]. The script has said in Chinese
# why a file was not imported (status 1) or what to type (status 2): make ends with 0 then, so no English
# "make: *** … Error" line follows; automation reads the status of python3 scripts/import.py itself.
import: $(VENV)/.site-installed
	@$(BIN)/python scripts/import.py $${KIND:+--kind "$$KIND"} -- $${SRC:+"$$SRC"}; status=$$?; \
	if [ $$status -eq 1 ] || [ $$status -eq 2 ]; then exit 0; fi; exit $$status

# A 整改进展情况 draft for a period, from the ledger's git history: make progress FROM=2025-01-01 TO=2025-03-31
progress: $(VENV)/.site-installed
	@$(PYTHON) scripts/system_deps.py pdf
	@$(BIN)/python scripts/progress.py --from "$$FROM" --to "$$TO"

bench: $(VENV)/.dev-installed
	$(BIN)/python scripts/bench.py

# Python by ruff; our JavaScript (docs/assets, overrides/assets/javascripts) type-checked by TypeScript (jsconfig.json).
lint: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy
	node_modules/.bin/tsc -p jsconfig.json

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(BIN)/python:
	@$(PYTHON) scripts/system_deps.py site
	@echo "正在准备 Python 虚拟环境 .venv（只需一次）……"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: requirements.txt $(VENV)/.hooks-path | $(BIN)/python
	@echo "正在安装网站所需的软件（requirements.txt）……"
	@$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.hooks-path | $(BIN)/python
	@echo "正在安装测试所需的软件（requirements-dev.txt）……"
	@$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.site-installed $@

# The venv finds the hooks' studysite package through a .pth file, as an editable install would: no script
# edits sys.path, and every Python of the venv (scripts, tests) imports the same package.
# The repository's own config also gets core.quotepath false: git status then shows Chinese file names as they
# are, not as octal escapes ("\344\270\255…").
$(VENV)/.hooks-path: | $(BIN)/python
	@$(BIN)/python -c "import os, site; open(os.path.join(site.getsitepackages()[0], 'studysite.pth'), 'w').write(os.path.abspath('hooks') + chr(10))"
	@git config core.quotepath false 2>/dev/null || true
	@touch $@

# axe-core for the accessibility tests and TypeScript for the type check, the versions package-lock.json pins,
# from the npm registry (npm ci).
node_modules/.installed: package.json package-lock.json
	$(PYTHON) scripts/system_deps.py test
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site dist test-artifacts .pytest_cache .ruff_cache
