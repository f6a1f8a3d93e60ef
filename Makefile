# Two entry points (see README): `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: demo test lint typecheck unit sweep spark-check sweep-figures bench bench-quick bench-all bench-guard clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,spark]'
	touch $@ $(STAMP_RUN)

demo: $(STAMP_RUN)
	$(BIN)/python examples/demo.py

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

unit: $(STAMP_TEST)
	$(BIN)/pytest -q --durations=15

test: lint typecheck unit

# Every document of every corpus family (make test samples the PDFs and AKN4UN), then
# the per-family figures: documents, paragraphs, footnotes linked, failures and why.
# Every document of ../shared/corpus: conservation, no furniture, numbering (CI runs it),
# and the history of all 188 chains of chains.json against their pairwise comparisons.
sweep: $(STAMP_TEST)
	RESDIFF_SWEEP=full $(BIN)/pytest -q tests/test_sweep.py tests/test_history.py

# The Spark job against the SQLite path alone (make test runs it too): the 1,202 real
# documents end to end and 10,000 synthetic ones.
spark-check: $(STAMP_TEST)
	$(BIN)/pytest -q tests/test_spark.py

# The per-family figures of the same sweep (documents, paragraphs, footnotes, failures).
sweep-figures: $(STAMP_TEST)
	$(BIN)/python benchmarks/sweep_figures.py

bench: $(STAMP_RUN)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/bench_normalize.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/alignment_quality.py
	$(BIN)/python benchmarks/bench_corpus.py

# The small case of every benchmark in benchmarks/ (about 3 minutes on a quiet machine).
bench-quick: $(STAMP_TEST)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py --quick

# Every benchmark as BENCHMARKS.md cites it, at the checked-out commit (hours: the
# 100,000-document corpus and the six-language sweeps). Run on a quiet machine.
bench-all: $(STAMP_TEST)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py

# CI: speed as ratios to references measured in the same run (see BENCHMARKS.md).
bench-guard: $(STAMP_TEST)
	$(BIN)/python benchmarks/guard.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
