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

.PHONY: help html dirhtml singlehtml epub text man latex latexpdf test fuzz bench clean

help:
	@echo "make html       build the site into $(BUILDDIR)/html"
	@echo "make test       run the whole test suite (installs what it needs)"
	@echo "make latexpdf   build the PDF into $(BUILDDIR)/latex"
	@echo "make dirhtml | singlehtml | epub | text | man   other builders"
	@echo "make fuzz       the parsing properties over 20,000 generated transcripts each"
	@echo "make bench      glossary-linking benchmark (figures go in BENCHMARKS.md)"
	@echo "make clean      remove $(BUILDDIR)"

$(BIN)/.site-installed: requirements.txt
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(BIN)/.dev-installed: $(BIN)/.site-installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Doctrees go beside the output, not into it (Sphinx's default): the epub
# builder would otherwise try to pack them into the book.
html dirhtml singlehtml epub text man latex: $(BIN)/.site-installed
	$(SPHINX) -b $@ -d $(BUILDDIR)/.doctrees/$@ $(SPHINXOPTS) . $(BUILDDIR)/$@

latexpdf: $(BIN)/.site-installed
	@.ci/system-deps --check latex
	$(SPHINX) -M latexpdf . $(BUILDDIR) $(SPHINXOPTS)

test: $(BIN)/.dev-installed
	@.ci/system-deps --install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Hypothesis's "fuzz" profile (tests/test_properties.py): many thousands of
# generated transcripts per property; the statistics say how many passed.
fuzz: $(BIN)/.dev-installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py \
	  --hypothesis-show-statistics $(PYTEST_ARGS)

bench: $(BIN)/.site-installed
	$(BIN)/python benchmarks/bench_autoglossary.py --pages 150 --paragraphs 40 --repeat 2

clean:
	rm -rf $(BUILDDIR)
