"""The demo data is loaded once for the whole tests/demo package (loading takes seconds) inside a
transaction that is rolled back when the package is done, so other tests still start empty. Each
test also takes `db`, whose own savepoint undoes whatever the test changes."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from onewindow.catalogue.models import ServiceItem

# The demo is loaded on this day; dates in it (reviews, authorisations) count from here.
LOADED_AT = dt.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LOADED_ON = LOADED_AT.date()


@pytest.fixture(scope="package")
def demo_load(django_db_setup, django_db_blocker):
    """The output of the first `load_demo` run on an empty database."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            assert not ServiceItem.objects.exists(), "the demo must load into an empty database"
            out = StringIO()
            with time_machine.travel(LOADED_AT, tick=False):
                call_command("load_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_load, db):
    return demo_load
