# onewindow — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: run test lint install install-test install-bench migrate demo bench bench-province messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py print_logins --base-url http://$(HOST):$(PORT)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src/onewindow

bench: install-test
	$(PY) bench/run_all.py

# Load tests and server comparison need the bench extra (locust, granian).
$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

install-bench: $(VENV)/.installed-bench

# The province benchmarks (docs/scale.md): PROVINCE_DB must already hold generate_province's cases.
PROVINCE_DB ?= postgres://postgres@127.0.0.1:5432/ow_province
bench-province: install-bench
	DATABASE_URL=$(PROVINCE_DB) $(PY) bench/clerk_list.py
	DATABASE_URL=$(PROVINCE_DB) $(PY) bench/servers_compare.py
	DATABASE_URL=$(PROVINCE_DB) $(PY) bench/province_locust.py

messages: install
	cd src/onewindow && ../../$(PY) ../../manage.py makemessages -l zh_Hans --no-obsolete && ../../$(PY) ../../manage.py compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var .pytest_cache
