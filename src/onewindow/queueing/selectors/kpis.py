"""Queue KPIs for the reports (docs/queue.md "KPIs"): waiting and service times, service level and
walk-aways by window, staff, theme, line, hour or day over a range of days.

One query reads the tickets' timestamps; medians need every value, so the arithmetic is Python's.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from onewindow.core.errors import Invalid
from onewindow.network.models import Centre
from onewindow.queueing.models import Ticket, TicketStatus
from onewindow.queueing.selectors.lines import queue_settings

# group name → the ticket columns that make its key (the first is the key; the rest label it)
GROUPS: dict[str, tuple[str, ...]] = {
    "window": ("window_id", "window__number"),
    "staff": ("staff_id", "staff__name"),
    "theme": ("line__theme",),
    "line": ("line_id", "line__prefix", "line__name"),
    "day": ("day",),
    "hour": (),  # from taken_at in local time
}
MAX_RANGE_DAYS = 400
_TIMES = ("status", "taken_at", "first_called_at", "serve_started_at", "closed_at")


@dataclass
class KpiRow:
    group: dict[str, Any]
    taken: int = 0
    called: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    waiting_avg_minutes: float | None = None
    waiting_median_minutes: float | None = None
    waiting_max_minutes: float | None = None
    service_avg_minutes: float | None = None
    service_median_minutes: float | None = None
    service_level: float | None = None  # share of called tickets called within service_level_minutes
    service_level_minutes: int = 15
    _waits: list[float] = field(default_factory=list, repr=False)
    _services: list[float] = field(default_factory=list, repr=False)


def _group_names(group_by: str | Sequence[str]) -> tuple[str, ...]:
    names = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    names = tuple(n for n in names if n)
    unknown = [n for n in names if n not in GROUPS]
    if unknown or len(set(names)) != len(names):
        raise Invalid(
            "invalid_group_by",
            "分组维度无效",
            "Unknown or repeated group_by",
            detail={"group_by": list(names), "allowed": list(GROUPS)},
        )
    return names


def _group_of(names: tuple[str, ...], row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        if name == "hour":
            out["hour"] = timezone.localtime(row["taken_at"]).hour
        elif name == "window":
            out.update(window_id=row["window_id"], window=row["window__number"])
        elif name == "staff":
            out.update(staff_id=row["staff_id"], staff=row["staff__name"])
        elif name == "line":
            out.update(line_id=row["line_id"], line=f"{row['line__prefix']} {row['line__name']}")
        elif name == "theme":
            out["theme"] = row["line__theme"] or None
        else:
            out["day"] = row["day"]
    return out


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def queue_kpis(
    *,
    centre: Centre,
    start: dt.date,
    end: dt.date,
    group_by: str | Sequence[str] = (),
    service_level_minutes: int | None = None,
) -> list[KpiRow]:
    """KPIs of the centre's tickets taken from `start` to `end` (days, both included), one row per
    group (one row in all for no group_by), ordered by group.

    waiting = first call − taken (tickets called at least once); service = finished − service start
    (finished tickets); service level = share of called tickets whose waiting ≤ N minutes (N from
    the centre's settings unless given); no_show = walk-aways after the calls."""
    names = _group_names(group_by)
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise Invalid(
            "invalid_range",
            "统计区间无效",
            "Invalid date range",
            detail={"start": start.isoformat(), "end": end.isoformat(), "max_days": MAX_RANGE_DAYS},
        )
    level = service_level_minutes or queue_settings(centre=centre).service_level_minutes
    columns = {c for n in names for c in GROUPS[n]} | set(_TIMES)
    rows: dict[tuple, KpiRow] = {}
    qs = (
        Ticket.objects.filter(centre=centre, day__gte=start, day__lte=end).order_by().values(*sorted(columns))
    )
    for t in qs.iterator(chunk_size=5000):
        group = _group_of(names, t)
        key = tuple(group.values())
        row = rows.get(key)
        if row is None:
            row = rows[key] = KpiRow(group=group, service_level_minutes=level)
        row.taken += 1
        status = t["status"]
        if status == TicketStatus.NO_SHOW:
            row.no_show += 1
        elif status == TicketStatus.CANCELLED:
            row.cancelled += 1
        if t["first_called_at"] is not None:
            row.called += 1
            row._waits.append((t["first_called_at"] - t["taken_at"]).total_seconds())
        if status == TicketStatus.FINISHED:
            row.served += 1
            if t["serve_started_at"] is not None and t["closed_at"] is not None:
                row._services.append((t["closed_at"] - t["serve_started_at"]).total_seconds())
    for row in rows.values():
        waits, services = row._waits, row._services
        if waits:
            row.waiting_avg_minutes = _minutes(statistics.fmean(waits))
            row.waiting_median_minutes = _minutes(statistics.median(waits))
            row.waiting_max_minutes = _minutes(max(waits))
            row.service_level = round(sum(1 for w in waits if w <= level * 60) / len(waits), 4)
        if services:
            row.service_avg_minutes = _minutes(statistics.fmean(services))
            row.service_median_minutes = _minutes(statistics.median(services))
    return [
        rows[k] for k in sorted(rows, key=lambda k: tuple((v is None, v if v is not None else 0) for v in k))
    ]
