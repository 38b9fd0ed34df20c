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

serve: install
	$(LOCALE_ENV) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(LOCALE_ENV) $(BIN)/mkdocs build --strict --site-dir $(SITE)

test: install
	$(BIN)/python -m pytest

bench: install
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(SITE) .pytest_cache .cache
