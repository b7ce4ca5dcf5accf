# wirefuse: `make run` (everything on the embedded broker) and `make test` (the whole suite) are all a newcomer needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CACHE_DIR ?= .cache/wirefuse
EVAL_DIR ?= ../shared/eval
export WIREFUSE_CACHE_DIR ?= $(CURDIR)/$(CACHE_DIR)

.PHONY: setup run demo test check unit faults eval bench soak system-deps clean

setup: $(STAMP)

# Re-installs only when the dependency pins change; the gazetteer index is built once into the cache dir.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m streams.geo.build $(WIREFUSE_CACHE_DIR)
	touch $(STAMP)

run: setup
	$(BIN)/wirefuse run

demo: setup
	$(BIN)/wirefuse demo

# Debian packages the tests use: promtool/prometheus (alert rule tests, real scrape) and docker-compose (config check).
system-deps:
	@if ! command -v promtool >/dev/null || ! command -v docker-compose >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus docker-compose >/dev/null; \
		else \
			echo "need root to install prometheus and docker-compose (Debian packages)"; exit 1; \
		fi; \
	fi

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Everything, the fault-injection tests included (kill -9, SIGTERM, broker pause and loss: about 2 minutes).
test: setup system-deps check
	$(BIN)/pytest -q tests/unit tests/agents tests/integration bench/test_bench.py

# The fault-injection tests alone, with what each run measured printed (docs/reliability.md).
faults: setup
	$(BIN)/pytest -q -s tests/integration/test_faults.py

unit: setup
	$(BIN)/pytest -q tests/unit

eval: setup
	$(BIN)/python scripts/evaluate.py --eval-dir $(EVAL_DIR) --out out/eval --baselines

bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Ten minutes at a fixed rate; records RSS, lag and throughput every 10 s (docs/reliability.md).
soak: setup
	$(BIN)/python scripts/soak.py --duration 600 --rate 2

clean:
	rm -rf $(VENV) .cache out .pytest_cache .mypy_cache .ruff_cache
