from __future__ import annotations

import datetime as dt

from django.conf import settings

from onewindow.core.timeutil import now
from onewindow.exchange.models import Cursor


def cursor_lock(*, name: str) -> Cursor:
    """The named watermark, locked for this transaction (two dispatchers never take the same events)."""
    Cursor.objects.get_or_create(name=name)
    return Cursor.objects.select_for_update().get(name=name)


def cursor_advance(*, cursor: Cursor, position: int) -> Cursor:
    cursor.position = max(cursor.position, position)
    cursor.updated_at = now()
    cursor.save(update_fields=["position", "updated_at"])
    return cursor


def events_upper_bound(*, after: int) -> int | None:
    """The last event id a consumer may take now: events written at least the configured lag ago.
    Ids are allocated before commit, so a younger event with a lower id may still be in flight."""
    from onewindow.cases.models import CaseEvent

    lag = dt.timedelta(seconds=getattr(settings, "ONEWINDOW_EVENT_CONSUMER_LAG_SECONDS", 30))
    return (CaseEvent.objects.filter(pk__gt=after, at__lte=now() - lag).order_by("-pk")
            .values_list("pk", flat=True).first())
