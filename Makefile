# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# uv (from PyPI) installs the same pinned set as pip, several times faster; torch alone still goes
# through pip, which reads this machine's pip configuration for the CPU build.
UV     := $(VENV)/bin/uv
STORE  ?= .index
CORPUS ?= corpus

.PHONY: install install-test run index test evaluate benchmark clean

# torch is installed first, alone, at the pinned CPU build; the constraints file then holds it,
# because any install that lets pip choose torch pulls gigabytes of CUDA packages.
# Each step says what it is doing, with pip's progress bars: a first run used to be silent for minutes.
$(VENV)/.installed: pyproject.toml constraints.txt
	@echo "[install 1/3] virtual environment in $(VENV)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "[install 2/3] torch 2.13.0, CPU build (the largest download)"
	$(PIP) install --progress-bar on "torch==2.13.0"
	@echo "[install 3/3] the assistant and its packages, with uv (pip when uv cannot be had); constraints.txt holds torch"
	$(PIP) install -q uv && $(UV) pip install --python $(PY) -c constraints.txt -e . \
		|| $(PIP) install --progress-bar on -c constraints.txt -e .
	touch $@

# The browser tests drive Debian's Chromium through Playwright; `playwright install` (which
# downloads a browser) is never run. Installed once, skipped when already present.
# axe-core (the accessibility checker the browser tests inject) comes from the npm registry, pinned,
# into the git-ignored .npm-test/; nothing is fetched when the tests run.
AXE_VERSION ?= 4.14.1
AXE := .npm-test/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --silent --no-audit --no-fund --no-save --prefix .npm-test axe-core@$(AXE_VERSION)

# The test install byte-compiles the whole environment (compileall; uv's --compile-bytecode
# compiles only what that one call installs): uv writes no .pyc, and where PYTHONDONTWRITEBYTECODE
# is set (as on these machines) nothing is ever cached, so each of the dozens of processes the
# suite starts compiled torch, transformers and gradio from source (importing them: 21 s of CPU,
# 15 s with bytecode). A few files of torch's own tests are Python 3.12 syntax and fail to
# compile, hence `|| true`. `make run` starts two processes and does not compile; see README.
$(VENV)/.installed-test: $(VENV)/.installed $(AXE)
	$(UV) pip install --python $(PY) -c constraints.txt -e ".[test]" || $(PIP) install -q -c constraints.txt -e ".[test]"
	@echo "[install-test] byte-compiling the environment for the suite's many processes"
	$(PY) -m compileall -q -j 0 $$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') > /dev/null || true
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
