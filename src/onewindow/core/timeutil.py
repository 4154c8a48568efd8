"""One place for 'now' and 'today' in the service centre's time zone (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()
