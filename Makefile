PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/onrecord ingest examples --db demo.db
	$(BIN)/onrecord articles --db demo.db
	$(BIN)/onrecord changes --db demo.db
	$(BIN)/onrecord dodges --db demo.db

test: install
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) demo.db build dist src/*.egg-info
