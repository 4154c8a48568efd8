"""Compute every indicator of INDICATORS for a scope (centres, optionally one department) and a
period. Case figures come from the rollup (plus its live tail); catalogue, feedback and queue
figures from their apps' tables. Feedback is optional: without the app the figures are None ("n/a")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from onewindow.catalogue.models import ServiceItem
from onewindow.catalogue.selectors import guide_reviews_overdue
from onewindow.reports.indicators.definitions import INDICATORS, Indicator
from onewindow.reports.models import MEASURES
from onewindow.reports.rollup import figures_query


@dataclass(frozen=True)
class Scope:
    centres: tuple[int, ...]
    department: int | None = None


@dataclass
class IndicatorValue:
    indicator: Indicator
    value: float | int | None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def met(self) -> bool | None:
        return self.indicator.met(None if self.value is None else float(self.value))

    def as_dict(self) -> dict[str, Any]:
        i = self.indicator
        return {"code": i.code, "name": str(i.name), "unit": i.unit, "value": self.value, "target": i.target,
                "op": i.op if i.target is not None else None, "met": self.met, "seed": i.seed}


def ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def case_rates(row: dict[str, int]) -> dict[str, float | None]:
    decided = row.get("decided", 0)
    return {
        "on_time_rate": ratio(row.get("on_time", 0), decided),
        "early_rate": ratio(row.get("early", 0), decided),
        "avg_working_days": round(row.get("wd_used", 0) / decided, 2) if decided else None,
    }


def _window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def _items(scope: Scope):
    qs = ServiceItem.objects.filter(active=True, centre_id__in=scope.centres)
    return qs.filter(department_id=scope.department) if scope.department else qs


def catalogue_figures(scope: Scope, *, end: dt.date, items_with_cases: set[int]) -> dict[str, Any]:
    items = _items(scope)
    counts = items.aggregate(total=Count("id"), resident=Count("id", filter=Q(resident_in_hall=True)),
                             any_window=Count("id", filter=Q(any_window=True)),
                             published=Count("id", filter=Q(current_version__isnull=False)))
    ids = set(items.values_list("id", flat=True)) if items_with_cases else set()
    overdue = guide_reviews_overdue(on=end).filter(centre_id__in=scope.centres)
    if scope.department:
        overdue = overdue.filter(department_id=scope.department)
    overdue_n = overdue.order_by().count()
    total = counts["total"]
    return {
        "items": total,
        "residency_rate": ratio(counts["resident"], total),
        "any_window_rate": ratio(counts["any_window"], total),
        "items_with_cases": len(ids & items_with_cases),
        "items_with_cases_rate": ratio(len(ids & items_with_cases), total),
        "guide_review_rate": ratio(counts["published"] - overdue_n, counts["published"]),
    }


def feedback_figures(scope: Scope, *, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Evaluation and complaint figures when the feedback app is there (contract in
    common_contracts.md); None otherwise, shown as "n/a"."""
    out: dict[str, Any] = {"evaluations": None, "good_rate": None, "complaints": None,
                           "complaints_on_time_rate": None}
    if not apps.is_installed("onewindow.feedback"):
        return out
    try:
        evaluation = apps.get_model("feedback", "Evaluation")
        complaint = apps.get_model("feedback", "Complaint")
    except LookupError:
        return out
    lo, hi = _window(start, end)
    evs = evaluation.objects.filter(centre_id__in=scope.centres, created_at__gte=lo, created_at__lt=hi)
    cps = complaint.objects.filter(centre_id__in=scope.centres, received_at__gte=lo, received_at__lt=hi)
    due = complaint.objects.filter(centre_id__in=scope.centres, due_date__gte=start, due_date__lte=end)
    if scope.department:
        evs, cps, due = (q.filter(department_id=scope.department) for q in (evs, cps, due))
    e = evs.aggregate(n=Count("id"), good=Count("id", filter=Q(level__gte=3)))
    d = due.aggregate(n=Count("id"), ok=Count("id", filter=Q(closed_at__isnull=False,
                                                              closed_at__date__lte=F("due_date"))))
    out.update(evaluations=e["n"], good_rate=ratio(e["good"], e["n"]), complaints=cps.count(),
               complaints_on_time_rate=ratio(d["ok"], d["n"]))
    return out


def queue_figures(scope: Scope, *, start: dt.date, end: dt.date) -> dict[str, Any]:
    from onewindow.queueing.models import Ticket

    if scope.department:  # tickets belong to the hall, not to a department
        return {"queue_tickets": None, "queue_wait_minutes": None}
    qs = Ticket.objects.filter(centre_id__in=scope.centres, day__gte=start, day__lte=end)
    wait = ExpressionWrapper(F("first_called_at") - F("taken_at"), output_field=DurationField())
    agg = qs.aggregate(n=Count("id"), wait=Avg(wait, filter=Q(first_called_at__isnull=False)))
    minutes = round(agg["wait"].total_seconds() / 60, 1) if agg["wait"] is not None else None
    return {"queue_tickets": agg["n"], "queue_wait_minutes": minutes}


def compute(scope: Scope, *, start: dt.date, end: dt.date, rows: Sequence[dict[str, Any]] | None = None,
            ) -> tuple[list[IndicatorValue], dict[str, Any]]:
    """Every indicator for the scope; also returns the raw case counts (for sheets and the API).
    `rows`: the scope's fact rows grouped by at least item_id, when the caller has them already."""
    if rows is None:
        rows = figures_query(centres=scope.centres, department=scope.department, start=start, end=end,
                             group=("item_id",))
    by_item = dims_sum(rows, "item_id")
    totals: dict[str, int] = {m: 0 for m in MEASURES}
    for row in by_item.values():
        for key, value in row.items():
            totals[key] += value
    received_items = {k for k, r in by_item.items() if r["received"]}
    values: dict[str, Any] = dict(totals)
    values.update(case_rates(totals))
    values.update(catalogue_figures(scope, end=end, items_with_cases=received_items))
    values.update(feedback_figures(scope, start=start, end=end))
    values.update(queue_figures(scope, start=start, end=end))
    result = [IndicatorValue(i, values.get(i.code, 0 if i.unit == "count" else None)) for i in INDICATORS]
    return result, values


def dims_sum(rows: Sequence[dict[str, Any]], key: str) -> dict[Any, dict[str, int]]:
    """The measures of `rows` summed by one key column."""
    out: dict[Any, dict[str, int]] = {}
    for row in rows:
        acc = out.get(row[key])
        if acc is None:
            acc = out[row[key]] = {m: 0 for m in MEASURES}
        for m in MEASURES:
            acc[m] += row[m]
    return out
