"""A lock in the database so that two `manage.py supervise` runs (cron every minute) never overlap.

A conditional UPDATE takes it (atomic on SQLite and PostgreSQL alike); it expires after
LOCK_SECONDS so that a killed run does not block the next ones forever."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction

from onewindow.core.timeutil import now
from onewindow.supervision.conf import conf
from onewindow.supervision.models import SweepLock


class SweepBusy(Exception):
    """Another run holds the lock."""


@contextmanager
def sweep_lock(name: str = "supervise", *, seconds: int | None = None) -> Iterator[str]:
    token = uuid.uuid4().hex
    ttl = dt.timedelta(seconds=seconds or int(conf("LOCK_SECONDS")))
    moment = now()
    try:
        with transaction.atomic():
            SweepLock.objects.get_or_create(name=name, defaults={"locked_until": moment - ttl})
    except IntegrityError:  # created by a concurrent run just now
        pass
    taken = SweepLock.objects.filter(name=name, locked_until__lte=moment).update(
        holder=token, locked_until=moment + ttl
    )
    if taken != 1:
        raise SweepBusy(name)
    try:
        yield token
    finally:
        SweepLock.objects.filter(name=name, holder=token).update(holder="", locked_until=now())
