"""`manage.py supervise`: one run under the lock — raise warnings, notify a bounded batch, run the
anomaly rules. Idempotent: a second run inserts nothing and sends nothing.

Full and incremental runs. Within one day, with the same thresholds and the same working-day
calendar, a case's colour changes only when the case itself moves (acceptance, extension,
resumption, a state change), and every move writes a CaseEvent. So the first run of a day, a run
after a change of thresholds or calendar, and at least one run every FULL_MINUTES look at every
open case; the runs in between look only at cases with an event since the previous run began (minus
a margin for transactions that were still open then), found through the index on CaseEvent.at. The
result is the same; the minute-by-minute run stays cheap on millions of open cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from onewindow.calendar.services import get_calendar
from onewindow.core.timeutil import now
from onewindow.core.timeutil import today as local_today
from onewindow.supervision.conf import conf
from onewindow.supervision.models import SweepLock
from onewindow.supervision.services.lock import sweep_lock
from onewindow.supervision.services.warnings import warnings_notify, warnings_raise

# Transactions open longer than this when a run began may be missed by the next incremental run
# (the next full run catches them).
MARGIN = dt.timedelta(minutes=10)


@dataclass
class SweepResult:
    warnings: int = 0
    notified: int = 0
    full: bool = True
    anomalies: dict[str, int] = field(default_factory=dict)


def _full_key() -> str:
    return f"{conf('YELLOW_DAYS')}:{conf('YELLOW_USED_PERCENT')}:{get_calendar().revision}"


def supervise(
    *,
    warnings: bool = True,
    rules: bool = True,
    only_rules: list[str] | None = None,
    full: bool = False,
    today: dt.date | None = None,
) -> SweepResult:
    """Raises SweepBusy when another run holds the lock."""
    from onewindow.supervision.rules import rules_run

    result = SweepResult()
    with sweep_lock():
        if warnings:
            started, day, key = now(), today or local_today(), _full_key()
            state = SweepLock.objects.get(name="supervise")
            result.full = (
                full
                or state.full_day != day
                or state.full_key != key
                or state.full_at is None
                or state.last_started_at is None
                or started - state.full_at >= dt.timedelta(minutes=int(conf("FULL_MINUTES")))
            )
            since = None if result.full or state.last_started_at is None else state.last_started_at - MARGIN
            result.warnings = warnings_raise(today=day, since=since)
            result.notified = warnings_notify(today=day)
            done: dict[str, object] = {"last_started_at": started}
            if result.full:
                done |= {"full_at": started, "full_day": day, "full_key": key}
            SweepLock.objects.filter(name="supervise").update(**done)
        if rules:
            result.anomalies = rules_run(only=only_rules)
    return result
