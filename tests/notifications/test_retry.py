"""notifications_retry: what a crash or an outage left undelivered goes out later, once."""

from __future__ import annotations

import datetime as dt

import time_machine

from onewindow.notifications import services
from onewindow.notifications.models import Notification, Status
from tests.notifications.test_send import SENT, backend  # noqa: F401 - fixture

T0 = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _pending(key):
    # Written without the after-commit delivery: as if the process died right after commit.
    return Notification.objects.create(dedupe_key=key, channel="sms", template="generic", address="1",
                                       text=key, created_at=T0)


def test_pending_and_failed_rows_are_delivered_once(backend, db):  # noqa: F811
    _pending("a")
    failed = _pending("b")
    Notification.objects.filter(pk=failed.pk).update(status=Status.FAILED, attempts=1)
    with time_machine.travel(T0 + dt.timedelta(seconds=30), tick=False):
        assert services.notifications_retry() == 0  # too young: its own delivery may still run
    with time_machine.travel(T0 + dt.timedelta(minutes=2), tick=False):
        assert services.notifications_retry() == 2
        assert services.notifications_retry() == 0
    assert sorted(SENT) == ["a", "b"]
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}


def test_gives_up_after_max_attempts(backend, db):  # noqa: F811
    n = _pending("c")
    Notification.objects.filter(pk=n.pk).update(status=Status.FAILED, attempts=5)
    with time_machine.travel(T0 + dt.timedelta(minutes=2), tick=False):
        assert services.notifications_retry() == 0
    assert SENT == []
