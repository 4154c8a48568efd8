"""What every anomaly rule shares: its context and the one way to record what it found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from onewindow.supervision.models import Anomaly


@dataclass(frozen=True)
class RuleContext:
    today: dt.date
    now: dt.datetime
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Finding:
    subject: str
    case_id: int | None = None
    staff_id: int | None = None
    item_id: int | None = None
    centre_id: int | None = None
    period: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def record(*, rule: str, findings: list[Finding], at: dt.datetime) -> int:
    """Insert the findings not recorded yet (unique per rule and subject); returns how many are new."""
    if not findings:
        return 0
    by_subject = {f.subject: f for f in findings}
    known = set(
        Anomaly.objects.filter(rule=rule, subject__in=list(by_subject)).values_list("subject", flat=True)
    )
    fresh = [
        Anomaly(
            rule=rule,
            subject=f.subject,
            case_id=f.case_id,
            staff_id=f.staff_id,
            item_id=f.item_id,
            centre_id=f.centre_id,
            period=f.period,
            detail=f.detail,
            first_seen=at,
        )
        for s, f in by_subject.items()
        if s not in known
    ]
    Anomaly.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=1000)
    return len(fresh)


def stats_month(day: dt.date) -> tuple[str, dt.date, dt.date]:
    """The statistics month containing `day` (DOMAIN §7: the 25th of the previous month to the 24th):
    its label YYYY-MM and its first and last day."""
    year, month = day.year, day.month
    if day.day >= 25:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = dt.date(year, month, 24)
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year:04d}-{month:02d}", dt.date(prev_year, prev_month, 25), last


def previous_stats_month(day: dt.date) -> tuple[str, dt.date, dt.date]:
    _, first, _ = stats_month(day)
    return stats_month(first - dt.timedelta(days=1))
