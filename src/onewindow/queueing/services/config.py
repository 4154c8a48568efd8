"""Writes of a centre's queue configuration: lines, settings, appointment rules and single slots.
The admin runs the `*_check` functions in its forms and saves through the `*_save` ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import Window
from onewindow.queueing.models import AppointmentRule, AppointmentSlot, QueueLine, QueueSettings


def queue_line_check(*, line: QueueLine, windows: Iterable[Window] = ()) -> None:
    """A line names a theme, a window kind or its windows; listed windows belong to its centre."""
    windows = list(windows)
    if not (line.theme or line.window_kind or windows):
        raise Invalid(
            "line_needs_target",
            "请为取号业务指定主题、窗口类型或窗口",
            "Give the line a theme, a window kind or windows",
        )
    foreign = [w.number for w in windows if w.centre_id != line.centre_id]
    if foreign:
        raise Invalid(
            "window_other_centre",
            "所选窗口不属于本中心",
            "The windows belong to another centre",
            detail={"windows": foreign},
        )
    clash = QueueLine.objects.filter(centre_id=line.centre_id, prefix=line.prefix).exclude(pk=line.pk)
    if clash.exists():
        raise Invalid(
            "prefix_taken",
            "号码前缀已被本中心其他业务使用",
            "Another line of the centre uses this prefix",
            detail={"prefix": line.prefix},
        )


@transaction.atomic
def queue_line_save(*, line: QueueLine, windows: Iterable[Window] | None = None) -> QueueLine:
    """Create or update a line; `windows` (None: leave as they are) replaces its listed windows."""
    listed = list(windows) if windows is not None else (list(line.windows.all()) if line.pk else [])
    queue_line_check(line=line, windows=listed)
    line.save()
    if windows is not None:
        line.windows.set(listed)
    return line


def _full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        raise Invalid(
            "invalid_settings", "配置有误", "Invalid configuration", detail=exc.message_dict
        ) from exc


@transaction.atomic
def queue_settings_save(*, settings: QueueSettings) -> QueueSettings:
    _full_clean(settings, validate_unique=False)
    settings.save()
    return settings


def appointment_rule_check(*, rule: AppointmentRule) -> None:
    if rule.line_id and rule.line.centre_id != rule.centre_id:
        raise Invalid("line_other_centre", "取号业务不属于本中心", "The line belongs to another centre")
    if rule.start >= rule.end:
        raise Invalid(
            "rule_times", "开始时间须早于结束时间", "The first slot must start before the last one ends"
        )
    lunch = (rule.lunch_start, rule.lunch_end)
    if (lunch[0] is None) != (lunch[1] is None) or (
        lunch[0] is not None and lunch[1] is not None and lunch[0] >= lunch[1]
    ):
        raise Invalid(
            "rule_lunch",
            "午休时段须同时填写开始和结束，且开始早于结束",
            "Give both ends of the lunch break, start before end",
        )
    if any(not isinstance(d, int) or not 1 <= d <= 7 for d in rule.weekdays or []):
        raise Invalid(
            "rule_weekdays",
            "星期须为 1（周一）至 7（周日）",
            "Weekdays are 1 (Monday) to 7 (Sunday)",
            detail={"weekdays": rule.weekdays},
        )
    if rule.valid_from and rule.valid_to and rule.valid_from > rule.valid_to:
        raise Invalid("rule_validity", "生效日期须早于失效日期", "valid_from must not be after valid_to")


@transaction.atomic
def appointment_rule_save(*, rule: AppointmentRule) -> AppointmentRule:
    """Rules shape slots not yet booked; booked slots keep their row (capacity, times)."""
    appointment_rule_check(rule=rule)
    rule.weekdays = sorted(set(rule.weekdays or []))
    rule.save()
    return rule


def appointment_slot_check(
    *, line: QueueLine, day: dt.date, start: dt.time, end: dt.time | None, capacity: int
) -> None:
    if end is None or start >= end:
        raise Invalid("rule_times", "开始时间须早于结束时间", "The slot must start before it ends")
    booked = (
        AppointmentSlot.objects.filter(line=line, day=day, start=start)
        .values_list("booked", flat=True)
        .first()
    )
    if booked and capacity < booked:
        raise Conflict(
            "capacity_below_booked",
            "容量不能小于已预约数",
            "Capacity cannot go below the bookings",
            detail={"booked": booked},
        )


@transaction.atomic
def appointment_slot_set(
    *, line: QueueLine, day: dt.date, start: dt.time, end: dt.time, capacity: int, closed: bool
) -> AppointmentSlot:
    """Open, resize or close one slot of a line (closing keeps its bookings); the capacity never
    goes below what is booked."""
    appointment_slot_check(line=line, day=day, start=start, end=end, capacity=capacity)
    AppointmentSlot.objects.bulk_create(
        [
            AppointmentSlot(
                centre_id=line.centre_id, line=line, day=day, start=start, end=end, capacity=capacity
            )
        ],
        ignore_conflicts=True,
    )
    slot = AppointmentSlot.objects.select_for_update().get(line=line, day=day, start=start)
    if capacity < slot.booked:
        raise Conflict(
            "capacity_below_booked",
            "容量不能小于已预约数",
            "Capacity cannot go below the bookings",
            detail={"booked": slot.booked},
        )
    slot.end, slot.capacity, slot.closed = end, capacity, closed
    slot.save(update_fields=["end", "capacity", "closed"])
    return slot
