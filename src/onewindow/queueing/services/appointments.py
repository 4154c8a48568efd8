"""Appointments (预约): book, cancel, reschedule, check in (→ a ticket), no-show sweep, reminders.

Locks, always in this order so that two services never wait on each other: the appointment row,
then the person's quota rows (sorted), then the slot rows (by id).
"""

from __future__ import annotations

import datetime as dt
import operator
import secrets
from collections.abc import Iterable
from functools import partial, reduce

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.identifiers import mask_id, validate_resident_id
from onewindow.core.timeutil import now
from onewindow.network.models import Staff
from onewindow.queueing import notify
from onewindow.queueing.models import (
    Appointment,
    AppointmentChannel,
    AppointmentNotice,
    AppointmentQuota,
    AppointmentSlot,
    AppointmentStatus,
    QueueLine,
    QueueSettings,
    Ticket,
    TicketSource,
)
from onewindow.queueing.rules import CODE_ALPHABET, CODE_LENGTH, person_key
from onewindow.queueing.selectors import (
    booking_days,
    check_in_window,
    queue_settings,
    rule_specs,
    slot_start_at,
)
from onewindow.queueing.services._common import clean_phone, moment
from onewindow.queueing.services.tickets import priority_reasons_check, ticket_take

ACTIVE = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def appointment_notify(*, appointment: Appointment, kind: str) -> bool:
    """Hand a notice to queueing.notify after commit, once per appointment, kind and slot time.
    False when it was already handed over."""
    ref = f"{appointment.day.isoformat()}T{appointment.start:%H:%M}"
    _, created = AppointmentNotice.objects.get_or_create(
        appointment=appointment, kind=kind, ref=ref, defaults={"created_at": now()}
    )
    if created:
        transaction.on_commit(partial(notify.appointment_notice, appointment_id=appointment.pk, kind=kind))
    return created


def _lock_person(*, centre_id: int, day: dt.date, keys: Iterable[str]) -> None:
    keys = sorted(set(k for k in keys if k))
    AppointmentQuota.objects.bulk_create(
        [AppointmentQuota(centre_id=centre_id, day=day, person_key=k) for k in keys], ignore_conflicts=True
    )
    list(
        AppointmentQuota.objects.select_for_update()
        .filter(centre_id=centre_id, day=day, person_key__in=keys)
        .order_by("person_key")
    )


def _check_person_limit(
    *,
    settings: QueueSettings,
    day: dt.date,
    id_hash: str,
    phone_hash: str,
    exclude: Appointment | None = None,
) -> None:
    _lock_person(centre_id=settings.centre_id, day=day, keys=(id_hash, phone_hash))
    same = Q(phone_hash=phone_hash) | Q(id_hash=id_hash) if id_hash else Q(phone_hash=phone_hash)
    qs = Appointment.objects.filter(same, centre_id=settings.centre_id, day=day, status__in=ACTIVE)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.count() >= settings.appointment_daily_limit:
        raise Conflict(
            "appointment_limit_reached",
            "同一人同一天在本中心的预约已达上限",
            "This person already has the maximum number of appointments at this centre that day",
            detail={"limit": settings.appointment_daily_limit, "date": day.isoformat()},
        )


def _slots_locked(*, line: QueueLine, wanted: list[tuple[dt.date, dt.time]]) -> dict[tuple, AppointmentSlot]:
    """The slot rows of `wanted` (day, start), made from the rules where missing, locked in id order.
    A start that neither a row nor a rule has is missing from the result."""
    which = reduce(operator.or_, [Q(day=d, start=t) for d, t in wanted])
    rows = {(s.day, s.start): s for s in AppointmentSlot.objects.filter(which, line=line)}
    new = []
    for day, start in wanted:
        if (day, start) not in rows:
            spec = next((s for s in rule_specs(line=line, day=day) if s.start == start), None)
            if spec is not None:
                new.append(
                    AppointmentSlot(
                        centre_id=line.centre_id,
                        line=line,
                        day=day,
                        start=start,
                        end=spec.end,
                        capacity=spec.capacity,
                    )
                )
    if new:
        AppointmentSlot.objects.bulk_create(new, ignore_conflicts=True)
    locked = AppointmentSlot.objects.select_for_update().filter(which, line=line).order_by("pk")
    return {(s.day, s.start): s for s in locked}


def _check_day(*, settings: QueueSettings, day: dt.date, at: dt.datetime) -> None:
    first, last = booking_days(settings=settings, at=at)
    if not first <= day <= last:
        raise Invalid(
            "date_outside_horizon",
            "只能预约今天起若干天内的时段",
            "The date is outside the booking horizon",
            detail={"date": day.isoformat(), "first": first.isoformat(), "last": last.isoformat()},
        )


def _check_slot(slot: AppointmentSlot | None, *, at: dt.datetime) -> AppointmentSlot:
    if slot is None:
        raise NotFound("slot_not_found", "该时段不接受预约", "No such appointment slot")
    if slot_start_at(slot.day, slot.start) <= at:
        raise Conflict("slot_in_past", "该时段已开始，不能预约", "The slot has already begun")
    if slot.closed:
        raise Conflict("slot_closed", "该时段已关闭预约", "The slot is closed")
    if slot.booked >= slot.capacity:
        raise Conflict(
            "slot_full", "该时段已约满", "The slot is fully booked", detail={"capacity": slot.capacity}
        )
    return slot


@transaction.atomic
def appointment_book(
    *,
    line: QueueLine,
    day: dt.date,
    start: dt.time,
    name: str,
    phone: str,
    id_number: str = "",
    by: Staff | None = None,
    at: dt.datetime | None = None,
) -> Appointment:
    """Book a slot of `line`. Capacity is per slot; the per-person limit counts the person's booked
    and checked-in appointments at the centre that day, matched by resident ID or phone."""
    at = moment(at)
    if by is not None and by.centre_id != line.centre_id:
        raise Invalid("line_not_in_centre", "该业务不属于本中心", "The line belongs to another centre")
    if not line.active or not line.appointments_enabled:
        raise Conflict("appointments_disabled", "该业务不接受预约", "This line does not take appointments")
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise Invalid(
            "name_required", "请填写姓名（不超过60字）", "A name of at most 60 characters is required"
        )
    phone = clean_phone(phone, required=True)
    id_number = (id_number or "").strip()
    resident_id = validate_resident_id(id_number).number if id_number else ""
    settings = queue_settings(centre=line.centre_id)
    _check_day(settings=settings, day=day, at=at)
    id_hash = person_key("id", resident_id) if resident_id else ""
    phone_hash = person_key("phone", phone)
    _check_person_limit(settings=settings, day=day, id_hash=id_hash, phone_hash=phone_hash)
    slot = _check_slot(_slots_locked(line=line, wanted=[(day, start)]).get((day, start)), at=at)
    slot.booked += 1
    slot.save(update_fields=["booked"])
    appointment = Appointment.objects.create(
        centre_id=line.centre_id,
        line=line,
        slot=slot,
        day=day,
        start=slot.start,
        end=slot.end,
        code=_new_code(),
        channel=AppointmentChannel.STAFF if by else AppointmentChannel.ONLINE,
        name=name,
        phone=phone,
        id_masked=mask_id(resident_id) if resident_id else "",
        id_hash=id_hash,
        phone_hash=phone_hash,
        created_at=at,
        created_by=by,
    )
    appointment_notify(appointment=appointment, kind="booked")
    return appointment


def _lock(appointment: Appointment) -> Appointment:
    return Appointment.objects.select_for_update(of=("self",)).select_related("line").get(pk=appointment.pk)


def _require_booked(appointment: Appointment) -> None:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(
            "appointment_not_active",
            "该预约已取消、已签到或已过期",
            "The appointment is no longer booked",
            detail={"status": appointment.status},
        )


@transaction.atomic
def appointment_cancel(
    *, appointment: Appointment, by: Staff | None = None, at: dt.datetime | None = None
) -> Appointment:
    at = moment(at)
    appointment = _lock(appointment)
    _require_booked(appointment)
    slot = AppointmentSlot.objects.select_for_update().get(pk=appointment.slot_id)
    slot.booked = max(0, slot.booked - 1)
    slot.save(update_fields=["booked"])
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = at
    appointment.save(update_fields=["status", "cancelled_at"])
    appointment_notify(appointment=appointment, kind="cancelled")
    return appointment


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    day: dt.date,
    start: dt.time,
    by: Staff | None = None,
    at: dt.datetime | None = None,
) -> Appointment:
    """Move a booked appointment to another slot of the same line (same rules as booking)."""
    at = moment(at)
    appointment = _lock(appointment)
    _require_booked(appointment)
    if (day, start) == (appointment.day, appointment.start):
        raise Invalid("same_slot", "新时段与原时段相同", "The new slot is the current one")
    settings = queue_settings(centre=appointment.centre_id)
    _check_day(settings=settings, day=day, at=at)
    if day != appointment.day:
        _check_person_limit(
            settings=settings,
            day=day,
            id_hash=appointment.id_hash,
            phone_hash=appointment.phone_hash,
            exclude=appointment,
        )
    slots = _slots_locked(line=appointment.line, wanted=[(appointment.day, appointment.start), (day, start)])
    new = _check_slot(slots.get((day, start)), at=at)
    old = slots.get((appointment.day, appointment.start)) or AppointmentSlot.objects.select_for_update().get(
        pk=appointment.slot_id
    )
    old.booked = max(0, old.booked - 1)
    old.save(update_fields=["booked"])
    new.booked += 1
    new.save(update_fields=["booked"])
    appointment.slot, appointment.day, appointment.start, appointment.end = new, new.day, new.start, new.end
    appointment.reschedule_count += 1
    appointment.save(update_fields=["slot", "day", "start", "end", "reschedule_count"])
    appointment_notify(appointment=appointment, kind="rescheduled")
    return appointment


@transaction.atomic
def appointment_check_in(
    *,
    appointment: Appointment,
    priority_reasons: Iterable[str] = (),
    by: Staff | None = None,
    at: dt.datetime | None = None,
) -> Ticket:
    """Check in on the day (from checkin_early_minutes before the slot to checkin_late_minutes after
    its start): a ticket of the line flagged as an appointment, queued at the slot start. Checking
    in twice gives the same ticket."""
    at = moment(at)
    appointment = _lock(appointment)
    if appointment.status == AppointmentStatus.CHECKED_IN:
        return Ticket.objects.select_related("line").get(appointment=appointment)
    _require_booked(appointment)
    reasons = priority_reasons_check(reasons=priority_reasons, by_staff=by is not None)
    if by is not None and by.centre_id != appointment.centre_id:
        raise NotFound("appointment_not_found", "预约不存在", "No such appointment")
    opens, closes = check_in_window(
        appointment=appointment, settings=queue_settings(centre=appointment.centre_id)
    )
    window = {"opens_at": opens.isoformat(), "closes_at": closes.isoformat()}
    if at < opens:
        raise Conflict("check_in_too_early", "尚未到签到时间", "Check-in has not opened yet", detail=window)
    if at > closes:
        raise Conflict(
            "check_in_too_late",
            "已超过签到时间，请现场取号",
            "Check-in has closed: please take a ticket",
            detail=window,
        )
    ticket = ticket_take(
        line=appointment.line,
        source=TicketSource.APPOINTMENT,
        priority_reasons=reasons,
        phone=appointment.phone,
        by=by,
        appointment=appointment,
        sort_at=slot_start_at(appointment.day, appointment.start),
        at=at,
    )
    appointment.status = AppointmentStatus.CHECKED_IN
    appointment.checked_in_at = at
    appointment.save(update_fields=["status", "checked_in_at"])
    return ticket


@transaction.atomic
def appointments_mark_no_shows(*, at: dt.datetime | None = None) -> int:
    """Booked appointments whose check-in has closed become no-shows (run by `manage.py queue_sweep`)."""
    at = moment(at)
    settings: dict[int, QueueSettings] = {}
    marked = 0
    for appointment in Appointment.objects.select_for_update().filter(
        status=AppointmentStatus.BOOKED, day__lte=timezone.localdate(at)
    ):
        if appointment.centre_id not in settings:
            settings[appointment.centre_id] = queue_settings(centre=appointment.centre_id)
        _, closes = check_in_window(appointment=appointment, settings=settings[appointment.centre_id])
        if at > closes:
            appointment.status = AppointmentStatus.NO_SHOW
            appointment.no_show_at = at
            appointment.save(update_fields=["status", "no_show_at"])
            marked += 1
    return marked


@transaction.atomic
def appointments_send_reminders(*, day: dt.date | None = None, at: dt.datetime | None = None) -> int:
    """A reminder for every appointment still booked on `day` (default tomorrow); idempotent."""
    day = day or timezone.localdate(moment(at)) + dt.timedelta(days=1)
    sent = 0
    for appointment in Appointment.objects.filter(status=AppointmentStatus.BOOKED, day=day):
        sent += appointment_notify(appointment=appointment, kind="reminder")
    return sent
