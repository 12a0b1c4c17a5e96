# Two commands set everything up from nothing: `make demo` and `make test`.
# Both create .venv and install what is missing; the stamp re-installs when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench examples clean rules-doc serve screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	sh scripts/install-system-deps.sh || echo "注意：系统软件包（LibreOffice、中文字体、poppler-utils）未能安装；读取 DOC/WPS/RTF、生成 PDF 需要它们（needs root: scripts/install-system-deps.sh）" >&2
	touch $(STAMP)

# Checks the bundled examples; one of them has a planted error, so exit code 1 is the expected result.
demo: $(STAMP)
	$(BIN)/nianbao check examples/ || test $$? -eq 1

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy --strict src

test: lint
	$(BIN)/pytest -q

# The web application with demo data (a county, three townships, reports with planted errors, one
# account per role; password nianbao-demo-2025) at http://127.0.0.1:8000/.
serve: $(STAMP)
	$(BIN)/nianbao serve --demo --db demo-web.db

# The README's pictures, taken by the browser tests.
screenshots: $(STAMP)
	$(BIN)/pytest -q -m browser
	$(BIN)/python scripts/docs-screenshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# docs/rules.md is generated from the rule registry (a test fails when it is stale).
rules-doc: $(STAMP)
	$(BIN)/python -m nianbao.rules.docs

examples: $(STAMP)
	$(BIN)/python examples/make_examples.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
