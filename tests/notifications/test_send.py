"""notification_send: once per dedupe key, after commit, failures recorded not raised."""

from __future__ import annotations

import pytest
from django.db import transaction

from onewindow.notifications import services
from onewindow.notifications.models import Notification, Status
from onewindow.notifications.selectors import inbox_for

SENT: list = []


class RecordingBackend:
    def send(self, notification):
        SENT.append(notification.text)


class BrokenBackend:
    def send(self, notification):
        raise ConnectionError("gateway down")


@pytest.fixture
def backend(settings):
    SENT.clear()
    services._backend.cache_clear()
    settings.ONEWINDOW_NOTIFICATION_BACKENDS = {"sms": "tests.notifications.test_send.RecordingBackend"}
    yield
    services._backend.cache_clear()


def test_sent_after_commit_and_never_twice(backend, django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notification_send(dedupe_key="k1", channel="sms", address="13800001234",
                                           text="您好")
        assert SENT == []  # nothing leaves before commit
        second = services.notification_send(dedupe_key="k1", channel="sms", address="13800001234",
                                            text="又一次")
    assert first.pk == second.pk
    assert SENT == ["您好"]
    first.refresh_from_db()
    assert first.status == Status.SENT and first.attempts == 1
    services.notification_deliver(notification_id=first.pk)
    assert SENT == ["您好"]


def test_rolled_back_transaction_sends_nothing(backend, django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.notification_send(dedupe_key="k2", channel="sms", address="1", text="x")
                raise RuntimeError
        except RuntimeError:
            pass
    assert SENT == [] and not Notification.objects.exists()


def test_gateway_failure_is_recorded(settings, django_capture_on_commit_callbacks, db):
    services._backend.cache_clear()
    settings.ONEWINDOW_NOTIFICATION_BACKENDS = {"sms": "tests.notifications.test_send.BrokenBackend"}
    try:
        with django_capture_on_commit_callbacks(execute=True):
            n = services.notification_send(dedupe_key="k3", channel="sms", address="1", text="x")
    finally:
        services._backend.cache_clear()
    n.refresh_from_db()
    assert n.status == Status.FAILED and "gateway down" in n.error


def test_templates_render_in_chinese(db, django_capture_on_commit_callbacks):
    n = services.notification_send(dedupe_key="k4", channel="sms", template="case.decided", address="1",
                                   context={"centre": "测试中心", "number": "N1", "item": "许可",
                                            "outcome": "准予"})
    assert n.text.startswith("[测试中心]") or "测试中心" in n.text


def test_unknown_template_is_an_error(db):
    with pytest.raises(KeyError):
        services.notification_send(dedupe_key="k5", channel="sms", template="nope", address="1")


def test_inbox(clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_send(dedupe_key="k6", channel="inbox", recipient=clerk.user, text="预警")
    assert [n.text for n in inbox_for(user=clerk.user, unread_only=True)] == ["预警"]
