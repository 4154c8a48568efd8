"""The queue's rules as plain functions (no queries except `day_type`): the priority cycle, slots of
an appointment rule, ages, person keys and the spoken announcement. docs/queue.md explains each."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

import chinese_calendar
from django.conf import settings

from onewindow.calendar.engine import HOLIDAY
from onewindow.calendar.models import CalendarOverride
from onewindow.calendar.services import is_working_day
from onewindow.queueing.models import DayType

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # booking codes: no 0/O, 1/I (read aloud, typed)
CODE_LENGTH = 10
PRIORITY = "priority"
NORMAL = "normal"


def choose_class(
    *,
    has_priority: bool,
    has_normal: bool,
    priority_calls: int,
    normal_calls: int,
    priority_run: int,
    normal_run: int,
) -> str | None:
    """Which class a window calls next. With both waiting the window runs a cycle of
    `priority_calls` priority then `normal_calls` normal tickets; the runs count the window's last
    consecutive calls of each class (calls made while only one class waited count too, so a
    priority ticket arriving after a run of normal calls goes first). normal_calls == 0: priority
    always first."""
    if not has_priority or not has_normal:
        return PRIORITY if has_priority else (NORMAL if has_normal else None)
    if normal_calls == 0:
        return PRIORITY
    if priority_run > 0:
        return PRIORITY if priority_run < priority_calls else NORMAL
    return PRIORITY if normal_run >= normal_calls else NORMAL


def advance_runs(*, called: str, priority_run: int, normal_run: int) -> tuple[int, int]:
    """(priority_run, normal_run) after calling a ticket of class `called`."""
    if called == PRIORITY:
        return priority_run + 1, 0
    return 0, normal_run + 1


def normalise_code(code: str) -> str:
    """A booking code as typed or scanned: case, spaces and dashes do not matter."""
    return (code or "").strip().upper().replace("-", "").replace(" ", "")[: CODE_LENGTH + 2]


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def person_key(kind: str, value: str) -> str:
    """A keyed hash of an ID number or a phone number: enough to count a person's bookings without
    storing the number itself (a plain hash of an 18-digit ID could be brute-forced)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"queueing:{kind}:{value.strip().upper()}".encode(), hashlib.sha256
    )
    return digest.hexdigest()


def day_type(day: dt.date) -> str:
    """working (incl. make-up days), holiday (statutory, incl. its weekend days) or weekend."""
    if is_working_day(day):
        return DayType.WORKING
    if day.weekday() < 5:
        return DayType.HOLIDAY
    if CalendarOverride.objects.filter(date=day, kind=HOLIDAY).exists():
        return DayType.HOLIDAY
    try:
        _, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:  # a year the package does not cover: the weekend rule
        name = None
    return DayType.HOLIDAY if name else DayType.WEEKEND


@dataclass(frozen=True)
class SlotSpec:
    start: dt.time
    end: dt.time
    capacity: int
    lunch: bool


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def rule_applies(rule, day: dt.date, kind: str) -> bool:
    if not rule.active or rule.day_type != kind:
        return False
    if rule.weekdays and day.isoweekday() not in rule.weekdays:
        return False
    if rule.valid_from and day < rule.valid_from:
        return False
    return not (rule.valid_to and day > rule.valid_to)


def rule_slots(rule) -> list[SlotSpec]:
    """The slots of one rule: back to back from start while a whole slot fits before end. A slot that
    overlaps the lunch break takes the lunch capacity; with lunch capacity 0 it is left out."""
    out = []
    step = rule.slot_minutes
    first, last = _minutes(rule.start), _minutes(rule.end)
    lunch = (
        (_minutes(rule.lunch_start), _minutes(rule.lunch_end))
        if rule.lunch_start is not None and rule.lunch_end is not None
        else None
    )
    at = first
    while step > 0 and at + step <= last:
        in_lunch = bool(lunch and at < lunch[1] and at + step > lunch[0])
        capacity = rule.lunch_capacity if in_lunch else rule.capacity
        if capacity > 0:
            out.append(SlotSpec(start=_time(at), end=_time(at + step), capacity=capacity, lunch=in_lunch))
        at += step
    return out


def day_slots(rules: Iterable, day: dt.date, kind: str) -> list[SlotSpec]:
    """Every slot of a line on a day from its rules; where two rules give the same start, the first
    rule (by start time) wins."""
    by_start: dict[dt.time, SlotSpec] = {}
    for rule in sorted(rules, key=lambda r: (r.start, r.pk or 0)):
        if rule_applies(rule, day, kind):
            for spec in rule_slots(rule):
                by_start.setdefault(spec.start, spec)
    return [by_start[k] for k in sorted(by_start)]


_DIGITS = "零一二三四五六七八九"


def _spell(text: str) -> str:
    """A1 → A一: digits one by one, the way halls read ticket numbers (A012 → A零一二)."""
    return "".join(_DIGITS[int(ch)] if ch.isdigit() else ch for ch in text)


def _read_number(text: str) -> str:
    """Window numbers: a plain number up to 99 is read as a number (12 → 十二), others spelled."""
    if text.isdigit() and 0 < int(text) < 100:
        n = int(text)
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
        return head + (_DIGITS[ones] if ones else "") if n >= 10 else _DIGITS[n]
    return _spell(text.lstrip("0") if text.isdigit() else text)


def announcement(*, number: str, window_number: str) -> tuple[str, str]:
    """(text shown, text spoken) of a call, always in Chinese: the hall's announcement language."""
    shown = f"请 {number} 号到 {window_number} 号窗口办理"
    spoken = f"请{_spell(number)}号，到{_read_number(window_number)}号窗口办理"
    return shown, spoken
