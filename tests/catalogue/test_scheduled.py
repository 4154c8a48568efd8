"""Scheduled versions: items_refresh_current and the catalogue_refresh_current command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from onewindow.catalogue import services
from onewindow.catalogue.models import ItemVersion
from tests.catalogue.conftest import TODAY
from tests.catalogue.factories import published_item

DUE = TODAY + dt.timedelta(days=10)


@pytest.fixture
def scheduled(department):
    item = published_item(department=department, effective_from=dt.date(2025, 1, 1))
    v2 = services.item_version_create_draft(item=item)
    services.item_version_update(version=v2, name="食品经营许可(2025版)", effective_from=DUE)
    v2 = services.item_version_publish(version=v2)
    item.refresh_from_db()
    return item, v2


def test_scheduled_version_waits(scheduled):
    item, v2 = scheduled
    assert item.current_version.number == 1 and item.name == "食品经营许可"
    assert v2.status == "published" and v2.effective_from == DUE
    assert ItemVersion.objects.get(item=item, number=1).effective_to is None
    assert services.items_refresh_current(on=DUE - dt.timedelta(days=1)) == []


def test_scheduled_version_becomes_current_when_due_and_refresh_is_idempotent(scheduled, department):
    item, v2 = scheduled
    untouched = published_item(department=department)
    assert services.items_refresh_current(on=DUE) == [item.pk]
    item.refresh_from_db()
    assert item.current_version == v2 and item.name == "食品经营许可(2025版)"
    assert "2025" in item.search_text
    assert ItemVersion.objects.get(item=item, number=1).effective_to == DUE
    assert services.items_refresh_current(on=DUE) == []
    assert services.items_refresh_current(on=DUE + dt.timedelta(days=3)) == []
    untouched.refresh_from_db()
    assert untouched.current_version.number == 1


def test_refresh_command_uses_today(scheduled):
    item, v2 = scheduled
    out = StringIO()
    call_command("catalogue_refresh_current", stdout=out)
    assert "0 items" in out.getvalue()
    shanghai = dt.timezone(dt.timedelta(hours=8))
    with time_machine.travel(dt.datetime(2025, 6, 26, 0, 5, tzinfo=shanghai), tick=False):
        call_command("catalogue_refresh_current", stdout=out)
    assert "1 items switched on 2025-06-26" in out.getvalue()
    item.refresh_from_db()
    assert item.current_version == v2


def test_refresh_command_date_option(scheduled):
    item, v2 = scheduled
    call_command("catalogue_refresh_current", date=DUE.isoformat(), stdout=StringIO())
    item.refresh_from_db()
    assert item.current_version == v2


def test_retiring_a_scheduled_version_cancels_it(scheduled):
    item, v2 = scheduled
    services.item_version_retire(version=v2)
    assert services.items_refresh_current(on=DUE) == []
    item.refresh_from_db()
    assert item.current_version.number == 1
    # Now a new version may take effect today again.
    v3 = services.item_version_create_draft(item=item)
    services.item_version_publish(version=v3)
    item.refresh_from_db()
    assert item.current_version == v3
