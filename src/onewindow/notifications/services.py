"""notification_send: the one way to tell a person something (SMS, e-mail, WeChat, workbench inbox).

Idempotent by `dedupe_key` (a second call with the same key returns the first row and sends
nothing) and sent after commit, so a rolled-back transaction tells no one anything.
"""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from onewindow.core.tasks import enqueue
from onewindow.core.timeutil import now
from onewindow.notifications.models import Channel, Notification, Status
from onewindow.notifications.templates import render

logger = logging.getLogger(__name__)

DEFAULT_BACKENDS = {
    Channel.SMS: "onewindow.notifications.backends.console.ConsoleBackend",
    Channel.EMAIL: "onewindow.notifications.backends.console.ConsoleBackend",
    Channel.WECHAT: "onewindow.notifications.backends.console.ConsoleBackend",
    Channel.INBOX: "onewindow.notifications.backends.console.InboxBackend",
}


@cache
def _backend(channel: str):
    paths = {**DEFAULT_BACKENDS, **getattr(settings, "ONEWINDOW_NOTIFICATION_BACKENDS", {})}
    return import_string(paths[channel])()


def notification_send(*, dedupe_key: str, channel: str, template: str = "generic",
                      context: dict | None = None, recipient=None, address: str = "",
                      text: str | None = None) -> Notification:
    """Record the message and deliver it after commit. Returns the (possibly existing) row."""
    context = dict(context or {})
    existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    body = text if text is not None else render(template, context)
    moment = now()
    # The inbox row is the message itself: "sent" as it is written, no gateway round trip (a sweep
    # that warns hundreds of staff must not pay one transaction per message).
    inbox = channel == Channel.INBOX
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                dedupe_key=dedupe_key[:200], channel=channel, template=template, recipient=recipient,
                address=address, text=body, context=context, created_at=moment,
                status=Status.SENT if inbox else Status.PENDING, sent_at=moment if inbox else None)
    except IntegrityError:  # a concurrent sender won: same key, same message
        return Notification.objects.get(dedupe_key=dedupe_key)
    if not inbox:
        # After commit: in-process (embedded) or on a Celery worker when a broker is configured.
        enqueue("onewindow.notifications.services.notification_deliver", notification_id=notification.pk)
    return notification


def notification_deliver(*, notification_id: int) -> None:
    """Send one pending notification. Safe to call again (a sent row is not sent twice); a gateway
    failure is recorded on the row, never raised into the caller's request."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status == Status.SENT:
            return
        notification.attempts += 1
        try:
            _backend(notification.channel).send(notification)
        except Exception as exc:  # noqa: BLE001 - any gateway error is recorded and retried later
            logger.warning("notification %s failed: %s", notification_id, exc)
            notification.status = Status.FAILED
            notification.error = str(exc)[:500]
        else:
            notification.status = Status.SENT
            notification.sent_at = now()
            notification.error = ""
        notification.save(update_fields=["attempts", "status", "sent_at", "error"])


def notifications_retry(*, older_than_seconds: int = 60, max_attempts: int = 5, limit: int = 500) -> int:
    """Deliver what is still pending or failed: a process that died before its after-commit delivery,
    a gateway or a broker that was down. Run every minute; a sent row is never sent again."""
    import datetime as dt

    from django.db.models import Q

    cutoff = now() - dt.timedelta(seconds=older_than_seconds)
    ids = list(Notification.objects.filter(Q(status=Status.PENDING) | Q(status=Status.FAILED),
                                           attempts__lt=max_attempts, created_at__lt=cutoff)
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    for pk in ids:
        notification_deliver(notification_id=pk)
    return len(ids)
