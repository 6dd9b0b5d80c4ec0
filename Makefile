# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STORE  ?= .index
CORPUS ?= corpus

.PHONY: install install-test run index test evaluate benchmark clean

# torch is installed first, alone, at the pinned CPU build; the constraints file then holds it,
# because any install that lets pip choose torch pulls gigabytes of CUDA packages.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q "torch==2.13.0"
	$(PIP) install -q -c constraints.txt -e .
	touch $@

# The browser tests drive Debian's Chromium through Playwright; `playwright install` (which
# downloads a browser) is never run. Installed once, skipped when already present.
$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -c constraints.txt -e ".[test]"
	test -x /usr/bin/chromium || { export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }; }
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

index: install
	$(PY) -m indexer $(CORPUS) --store $(STORE)

run: index
	$(PY) -m assistant --store $(STORE)

test: install-test
	$(PY) -m pytest

evaluate: index
	$(PY) -m assistant.evaluate --store $(STORE)

# The indexing benchmark runs llama-index's default pipeline beside ours. Its readers want
# pypdf<7 and pandas<3, so it gets a venv of its own rather than moving the app's packages.
BENCH_VENV ?= .venv-bench
DOCS ?= 200
$(BENCH_VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q "torch==2.13.0"
	$(BENCH_VENV)/bin/python -m pip install -q -c constraints.txt -e ".[test,bench]"
	touch $@

benchmark: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benchmarks/indexing.py --docs $(DOCS)

clean:
	rm -rf $(STORE) .pytest_cache
