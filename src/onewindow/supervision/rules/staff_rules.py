"""Rules about staff and items over a period."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from onewindow.calendar.services import is_working_day
from onewindow.cases.models import Case, CaseEvent
from onewindow.catalogue.models import ServiceItem
from onewindow.network.models import Staff
from onewindow.supervision.rules.base import Finding, RuleContext, previous_stats_month, stats_month


def repeated_returns_by_reviewer(ctx: RuleContext) -> list[Finding]:
    """A reviewer who suspended or returned `max_per_reviewer` cases or more in the statistics
    month (seed 001 #8: suspensions and returns must follow rules)."""
    label, first, last = stats_month(ctx.today)
    rows = (
        CaseEvent.objects.filter(
            action__in=ctx.params["actions"], actor__isnull=False, at__date__gte=first, at__date__lte=last
        )
        .values("actor_id")
        .annotate(n=Count("case_id", distinct=True))
        .filter(n__gte=ctx.params["max_per_reviewer"])
        .values_list("actor_id", "n")
    )
    counts = dict(rows)
    staff = Staff.objects.filter(user_id__in=list(counts)).values_list("pk", "user_id", "centre_id")
    return [
        Finding(
            subject=f"staff:{pk}:{label}",
            staff_id=pk,
            centre_id=centre,
            period=label,
            detail={"cases": counts[user], "actions": list(ctx.params["actions"])},
        )
        for pk, user, centre in staff
    ]


def resident_without_hall_cases(ctx: RuleContext) -> list[Finding]:
    """明进暗不进 (seed 001 #4): an item declared resident in the hall with no case received at a
    window of its centre in the last complete statistics month."""
    label, first, last = previous_stats_month(ctx.today)
    hall_cases = Case.objects.filter(
        item_id=OuterRef("pk"),
        channel__in=ctx.params["hall_channels"],
        received_on__gte=first,
        received_on__lte=last,
    )
    rows = (
        ServiceItem.objects.filter(
            resident_in_hall=True, active=True, current_version__effective_from__lte=first
        )
        .exclude(Exists(hall_cases))
        .values_list("pk", "centre_id")
    )
    return [
        Finding(
            subject=f"item:{pk}:{label}",
            item_id=pk,
            centre_id=centre,
            period=label,
            detail={"from": first.isoformat(), "to": last.isoformat()},
        )
        for pk, centre in rows
    ]


def _clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def action_outside_hours(ctx: RuleContext) -> list[Finding]:
    """A case action by a person (not the system) outside working hours or on a non-working day."""
    tz = ZoneInfo(settings.TIME_ZONE)
    days = [ctx.today - dt.timedelta(days=n) for n in range(ctx.params["lookback_days"] + 1)]
    start, end = _clock(ctx.params["start"]), _clock(ctx.params["end"])
    off_days = [d for d in days if not is_working_day(d)]
    since = days[-1]
    # Hours are compared in the centre's time zone (the database stores UTC).
    outside = Q(at__time__lt=start) | Q(at__time__gte=end) | Q(at__date__in=off_days)
    matches = (
        CaseEvent.objects.filter(actor__isnull=False, at__date__gte=since)
        .filter(outside)
        .exclude(actor_role__in=["system", "citizen"])
        .values_list("pk", "case_id", "case__centre_id", "actor_id", "action", "at")
    )
    rows = list(matches[: ctx.params["max_per_run"]])
    staff = dict(Staff.objects.filter(user_id__in={r[3] for r in rows}).values_list("user_id", "pk"))
    return [
        Finding(
            subject=f"event:{pk}",
            case_id=case,
            staff_id=staff.get(user),
            centre_id=centre,
            detail={"action": action, "at": at.astimezone(tz).isoformat(timespec="minutes")},
        )
        for pk, case, centre, user, action, at in rows
    ]
