"""Appointment slots of a line on a day: the rules' slots merged with the slot rows already made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from onewindow.core.timeutil import now
from onewindow.queueing.models import AppointmentRule, AppointmentSlot, QueueLine, QueueSettings
from onewindow.queueing.rules import SlotSpec, day_slots, day_type


@dataclass(frozen=True)
class SlotView:
    line: QueueLine
    day: dt.date
    start: dt.time
    end: dt.time
    capacity: int
    booked: int
    closed: bool
    lunch: bool
    bookable: bool

    @property
    def available(self) -> int:
        return 0 if self.closed else max(0, self.capacity - self.booked)


def slot_start_at(day: dt.date, start: dt.time) -> dt.datetime:
    """The slot's start as an aware datetime in the centre's time zone (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime.combine(day, start))


def booking_days(*, settings: QueueSettings, at: dt.datetime) -> tuple[dt.date, dt.date]:
    """First and last day that may be booked at `at`: today … today + horizon."""
    today = timezone.localdate(at)
    return today, today + dt.timedelta(days=settings.booking_horizon_days)


def rule_specs(*, line: QueueLine, day: dt.date) -> list[SlotSpec]:
    rules = AppointmentRule.objects.filter(line=line, active=True)
    return day_slots(rules, day, day_type(day))


def slots_for(
    *, line: QueueLine, day: dt.date, settings: QueueSettings, at: dt.datetime | None = None
) -> list[SlotView]:
    """Every slot of the line on the day with what is left; `bookable` is False for past, closed or
    full slots and for days outside the booking horizon. Three queries."""
    at = at or now()
    if not line.appointments_enabled or not line.active:
        return []
    first, last = booking_days(settings=settings, at=at)
    in_horizon = first <= day <= last
    specs = {s.start: s for s in rule_specs(line=line, day=day)}
    rows = {r.start: r for r in AppointmentSlot.objects.filter(line=line, day=day)}
    out = []
    for start in sorted(set(specs) | set(rows)):
        spec, row = specs.get(start), rows.get(start)
        if row is not None:  # a booked or administered slot: its row wins over the rules
            end, capacity, booked, closed = row.end, row.capacity, row.booked, row.closed
        elif spec is not None:
            end, capacity, booked, closed = spec.end, spec.capacity, 0, False
        else:
            continue
        bookable = in_horizon and not closed and booked < capacity and slot_start_at(day, start) > at
        out.append(
            SlotView(
                line=line,
                day=day,
                start=start,
                end=end,
                capacity=capacity,
                booked=booked,
                closed=closed,
                lunch=bool(spec and spec.lunch),
                bookable=bookable,
            )
        )
    return out
