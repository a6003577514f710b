# Two commands do everything:  make html  (build the site)  and  make test.
# Both create .venv from the pinned requirements on first use.

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
BUILDDIR   := _build
# Warnings are errors for every builder; -n checks every cross-reference.
SPHINXOPTS ?= -n -W --keep-going
SPHINX     := $(BIN)/python -m sphinx
PYTEST_ARGS ?=
# make test runs the suite in this many processes (pytest-xdist); each test
# module stays in one process (--dist loadscope), so the site a module builds
# once is built once.  PYTEST_JOBS=0: one process, as plain pytest runs.
PYTEST_JOBS ?= 2
# The full build benchmark takes hours (50, 200 and 500 pages, twice each,
# three times); for a quick look: make bench-build BENCH_BUILD_ARGS="--pages 10 --repeat 1 --long-turns 2000"
BENCH_BUILD_ARGS ?= --pages 50 200 500 --builder html latex --jobs 1 2 --repeat 3

.PHONY: help html livehtml dirhtml singlehtml epub text man latex gettext latexpdf test fuzz bench bench-glossary bench-build bench-archive bench-parse wheel clean freeze-anchors

help:
	@echo "make html       build the site into $(BUILDDIR)/html"
	@echo "make livehtml   build the site, serve it at http://127.0.0.1:8000 and rebuild on every save"
	@echo "make test       run the whole test suite (installs what it needs)"
	@echo "make latexpdf   build the PDF into $(BUILDDIR)/latex"
	@echo "make dirhtml | singlehtml | epub | text | man   other builders"
	@echo "make gettext    the message catalogues (.pot) into $(BUILDDIR)/gettext, to translate"
	@echo "make fuzz       the parsing properties over 20,000 generated transcripts each"
	@echo "make bench      the benchmarks below (figures go in BENCHMARKS.md)"
	@echo "make bench-glossary   glossary-linking benchmark"
	@echo "make bench-build      whole builds, extensions vs plain MyST (BENCH_BUILD_ARGS=...)"
	@echo "make bench-archive    1,000 hour-long episodes, the site against plain Sphinx (BENCH_ARCHIVE_ARGS=...)"
	@echo "make bench-parse      a 3-hour WebVTT episode, parsed"
	@echo "make freeze-anchors   write each page's map of old #turn-<n> addresses (README)"
	@echo "make wheel      the sphinx-transcripts distribution as a wheel, in dist/"
	@echo "make clean      remove $(BUILDDIR)"

# The site is built with the extensions as their users get them: this checkout's
# distribution (pyproject.toml), installed into .venv; editable, so an edit in
# _ext/ needs no reinstall.  setuptools is pinned in requirements.txt: no
# download to build it.
$(BIN)/.site-installed: requirements.txt pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(BIN)/.dev-installed: $(BIN)/.site-installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Doctrees go beside the output, not into it (Sphinx's default): the epub
# builder would otherwise try to pack them into the book.  gettext writes the
# .pot files a translation starts from (README, "Translate the site").
html dirhtml singlehtml epub text man latex gettext: $(BIN)/.site-installed
	$(SPHINX) -b $@ -d $(BUILDDIR)/.doctrees/$@ $(SPHINXOPTS) . $(BUILDDIR)/$@

# For writing: sphinx-autobuild (requirements-dev.txt) builds as `make html`
# does, on the same environment, serves the site and rebuilds the pages an
# edit concerns on every save, reloading the browser.  LIVEHTML_OPTS=--port 8001
LIVEHTML_OPTS ?=
livehtml: $(BIN)/.dev-installed
	$(BIN)/sphinx-autobuild -b html -d $(BUILDDIR)/.doctrees/html $(SPHINXOPTS) \
	  --ignore "$(CURDIR)/$(BUILDDIR)/*" --ignore "$(CURDIR)/$(VENV)/*" --ignore "$(CURDIR)/tests/*" \
	  --ignore "$(CURDIR)/benchmarks/*" --ignore "*.pyc" $(LIVEHTML_OPTS) . $(BUILDDIR)/html

latexpdf: $(BIN)/.site-installed
	@.ci/system-deps --check latex
	$(SPHINX) -M latexpdf . $(BUILDDIR) $(SPHINXOPTS)

# each page's map of its old #turn-<n> addresses, beside it (README, "Find and cite a quote")
freeze-anchors: $(BIN)/.site-installed
	$(BIN)/python -m sphinx_transcripts.freeze .

test: $(BIN)/.dev-installed
	@.ci/system-deps --install
	$(BIN)/python -m pytest -n $(PYTEST_JOBS) --dist loadscope $(PYTEST_ARGS)

# Hypothesis's "fuzz" profile (tests/test_properties.py): many thousands of
# generated transcripts per property; the statistics say how many passed.
fuzz: $(BIN)/.dev-installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py \
	  --hypothesis-show-statistics $(PYTEST_ARGS)

bench: bench-glossary bench-parse bench-build

bench-glossary: $(BIN)/.site-installed
	$(BIN)/python benchmarks/bench_autoglossary.py --pages 150 --paragraphs 40 --repeat 2

bench-build: $(BIN)/.site-installed
	$(BIN)/python benchmarks/bench_build.py $(BENCH_BUILD_ARGS) --write BENCHMARKS.md

# An archive of hour-long episodes, the site's configuration against plain
# Sphinx+furo+MyST, Read the Docs' commands (hours on a shared machine); a
# quick look: make bench-archive BENCH_ARCHIVE_ARGS="--episodes 20 --words 1000"
BENCH_ARCHIVE_ARGS ?= --episodes 250 500 1000 --words 9000 --extras --incremental --rtd
bench-archive: $(BIN)/.site-installed
	$(BIN)/python benchmarks/bench_archive.py $(BENCH_ARCHIVE_ARGS)

bench-parse: $(BIN)/.site-installed
	$(BIN)/python benchmarks/bench_parse.py

# The extensions' distribution (pyproject.toml), for `pip install` in another
# project; built with the pinned setuptools of requirements.txt.
wheel: $(BIN)/.site-installed
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w dist .
	rm -rf build _ext/*.egg-info

clean:
	rm -rf $(BUILDDIR) build dist _ext/*.egg-info
