"""Appointments: slots from the rules (working days, Saturday mornings, lunchtime), capacity, the
per-person limit, horizon, reschedule, cancel, check-in, the no-show sweep and reminders."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.queueing.models import AppointmentNotice, AppointmentSlot, QueueSettings, Ticket
from onewindow.queueing.selectors import slots_for
from onewindow.queueing.services import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_reschedule,
    appointments_mark_no_shows,
    appointments_send_reminders,
)
from tests.queueing.conftest import DAY, ELDER_ID, LABOUR_DAY, SATURDAY, YOUNG_ID, at

T = dt.time
PHONE = "13800138000"


def book(line, day=DAY, start=T(10), phone=PHONE, name="张三", **kw):
    kw.setdefault("at", at(8, 0))
    return appointment_book(line=line, day=day, start=start, name=name, phone=phone, **kw)


def rules_of(centre, **kw):
    return QueueSettings.objects.update_or_create(centre=centre, defaults=kw)[0]


def test_slots_of_a_working_day_with_uninterrupted_lunchtime_service(centre, social, weekday_rule):
    slots = slots_for(line=social, day=DAY, settings=rules_of(centre), at=at(9, 0))
    assert len(slots) == 16  # 09:00–17:00 in half hours
    lunch = [s for s in slots if s.lunch]
    assert [s.start for s in lunch] == [T(12), T(12, 30), T(13), T(13, 30)]
    assert {s.capacity for s in lunch} == {1} and {s.capacity for s in slots if not s.lunch} == {2}
    assert slots[0].start == T(9) and not slots[0].bookable  # already begun
    assert slots[1].bookable


def test_weekend_slots_only_where_a_weekend_rule_says(centre, social, weekday_rule, saturday_rule):
    sat = slots_for(line=social, day=SATURDAY, settings=rules_of(centre), at=at(9))
    assert [(s.start, s.capacity) for s in sat] == [(T(9), 3), (T(10), 3), (T(11), 3)]
    assert (
        slots_for(line=social, day=SATURDAY + dt.timedelta(days=1), settings=rules_of(centre), at=at(9)) == []
    )
    appointment = book(social, day=SATURDAY, start=T(9))
    assert (appointment.day, appointment.start, appointment.end) == (SATURDAY, T(9), T(10))


def test_no_slots_on_a_statutory_holiday(centre, social, weekday_rule):
    rules_of(centre, booking_horizon_days=90)
    assert slots_for(line=social, day=LABOUR_DAY, settings=rules_of(centre), at=at(9)) == []
    with pytest.raises(NotFound) as exc:
        book(social, day=LABOUR_DAY)
    assert exc.value.code == "slot_not_found"


def test_capacity_per_slot(social, weekday_rule):
    book(social, phone="13800000001")
    book(social, phone="13800000002")
    with pytest.raises(Conflict) as exc:
        book(social, phone="13800000003")
    assert exc.value.code == "slot_full"
    assert AppointmentSlot.objects.get(line=social, day=DAY, start=T(10)).booked == 2
    lunch = book(social, start=T(12, 30), phone="13800000004")
    assert lunch.end == T(13)
    with pytest.raises(Conflict):
        book(social, start=T(12, 30), phone="13800000005")  # lunch slots take one


def test_one_appointment_per_person_per_centre_per_day(centre, social, registration, weekday_rule):
    book(social, id_number=ELDER_ID)
    with pytest.raises(Conflict) as exc:
        book(social, start=T(11))  # same phone
    assert exc.value.code == "appointment_limit_reached"
    with pytest.raises(Conflict):
        book(social, start=T(11), phone="13900000000", id_number=ELDER_ID)  # same ID, other phone
    assert book(social, day=DAY + dt.timedelta(days=1)).day == DAY + dt.timedelta(days=1)
    rules_of(centre, appointment_daily_limit=2)
    assert book(social, start=T(11), id_number=YOUNG_ID).start == T(11)


def test_the_resident_id_is_kept_masked_only(social, weekday_rule):
    appointment = book(social, id_number=ELDER_ID)
    assert appointment.id_masked == "110***********002X"
    assert ELDER_ID not in appointment.id_hash and len(appointment.id_hash) == 64


@pytest.mark.parametrize(
    ("kw", "error", "code"),
    [
        ({"phone": "12345"}, Invalid, "invalid_phone"),
        ({"name": "  "}, Invalid, "name_required"),
        ({"id_number": "110105194912310021"}, Invalid, "invalid_resident_id"),
        ({"day": DAY + dt.timedelta(days=15)}, Invalid, "date_outside_horizon"),
        ({"day": DAY - dt.timedelta(days=1)}, Invalid, "date_outside_horizon"),
        ({"start": T(10, 15)}, NotFound, "slot_not_found"),
        ({"start": T(9), "at": at(9, 0)}, Conflict, "slot_in_past"),
    ],
)
def test_bad_bookings_are_refused_and_write_nothing(social, weekday_rule, kw, error, code):
    with pytest.raises(error) as exc:
        book(social, **kw)
    assert exc.value.code == code
    assert not AppointmentSlot.objects.filter(booked__gt=0).exists()


def test_lines_without_appointments_refuse_them(social, weekday_rule):
    social.appointments_enabled = False
    social.save()
    with pytest.raises(Conflict) as exc:
        book(social)
    assert exc.value.code == "appointments_disabled"
    assert slots_for(line=social, day=DAY, settings=QueueSettings(), at=at(9)) == []


def test_cancel_frees_the_place_and_the_persons_quota(social, weekday_rule):
    first = book(social)
    book(social, phone="13800000002")
    appointment_cancel(appointment=first, at=at(8, 30))
    first.refresh_from_db()
    assert (first.status, first.cancelled_at) == ("cancelled", at(8, 30))
    assert AppointmentSlot.objects.get(start=T(10)).booked == 1
    assert book(social, start=T(10)).status == "booked"  # same phone, place and quota are back
    with pytest.raises(Conflict) as exc:
        appointment_cancel(appointment=first)
    assert exc.value.code == "appointment_not_active"


def test_reschedule_moves_the_booking(social, weekday_rule):
    appointment = book(social)
    moved = appointment_reschedule(
        appointment=appointment, day=DAY + dt.timedelta(days=1), start=T(14), at=at(8, 5)
    )
    assert (moved.day, moved.start, moved.end, moved.reschedule_count) == (
        DAY + dt.timedelta(days=1),
        T(14),
        T(14, 30),
        1,
    )
    assert AppointmentSlot.objects.get(day=DAY, start=T(10)).booked == 0
    assert AppointmentSlot.objects.get(day=DAY + dt.timedelta(days=1), start=T(14)).booked == 1


def test_reschedule_into_a_full_slot_changes_nothing(social, weekday_rule):
    appointment = book(social)
    book(social, start=T(11), phone="13800000002")
    book(social, start=T(11), phone="13800000003")
    with pytest.raises(Conflict) as exc:
        appointment_reschedule(appointment=appointment, day=DAY, start=T(11), at=at(8, 5))
    assert exc.value.code == "slot_full"
    appointment.refresh_from_db()
    assert appointment.start == T(10)
    assert AppointmentSlot.objects.get(day=DAY, start=T(10)).booked == 1
    with pytest.raises(Invalid):
        appointment_reschedule(appointment=appointment, day=DAY, start=T(10), at=at(8, 5))


def test_check_in_window_and_the_ticket(social, weekday_rule):
    appointment = book(social, start=T(10))
    with pytest.raises(Conflict) as exc:
        appointment_check_in(appointment=appointment, at=at(8, 59))  # opens 60 minutes before
    assert exc.value.code == "check_in_too_early"
    ticket = appointment_check_in(appointment=appointment, at=at(9, 30), priority_reasons=["pregnant"])
    assert (ticket.source, ticket.appointment, ticket.sort_at, ticket.taken_at) == (
        "appointment",
        appointment,
        at(10),
        at(9, 30),
    )
    assert ticket.priority_reasons == ["pregnant"] and ticket.phone == PHONE
    appointment.refresh_from_db()
    assert (appointment.status, appointment.checked_in_at) == ("checked_in", at(9, 30))
    assert appointment_check_in(appointment=appointment, at=at(9, 31)).pk == ticket.pk  # again: same ticket
    assert Ticket.objects.count() == 1


def test_check_in_too_late_or_on_another_day(social, weekday_rule):
    late = book(social, start=T(10))
    with pytest.raises(Conflict) as exc:
        appointment_check_in(appointment=late, at=at(10, 16))
    assert exc.value.code == "check_in_too_late"
    tomorrow = book(social, day=DAY + dt.timedelta(days=1), phone="13800000002")
    with pytest.raises(Conflict) as exc:
        appointment_check_in(appointment=tomorrow, at=at(10))
    assert exc.value.code == "check_in_too_early"


def test_cancelled_appointment_cannot_check_in(social, weekday_rule):
    appointment = appointment_cancel(appointment=book(social), at=at(8, 1))
    with pytest.raises(Conflict) as exc:
        appointment_check_in(appointment=appointment, at=at(9, 50))
    assert exc.value.code == "appointment_not_active"


def test_no_show_sweep_after_check_in_closes(social, weekday_rule):
    early = book(social, start=T(9, 30))
    later = book(social, start=T(10), phone="13800000002")
    assert appointments_mark_no_shows(at=at(9, 45)) == 0  # 9:30 + 15 minutes: still open
    assert appointments_mark_no_shows(at=at(9, 46)) == 1
    early.refresh_from_db(), later.refresh_from_db()
    assert (early.status, early.no_show_at, later.status) == ("no_show", at(9, 46), "booked")
    assert appointments_mark_no_shows(at=at(9, 47)) == 0


def test_notices_go_out_once_per_kind_and_slot_after_commit(
    social, weekday_rule, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True) as callbacks:
        appointment = book(social, day=DAY + dt.timedelta(days=1))
    # The appointment notice, then the notification gateway's delivery of the SMS it records.
    assert len(callbacks) == 2
    assert "138****8000" in caplog.text and PHONE not in caplog.text and appointment.code in caplog.text
    with django_capture_on_commit_callbacks() as callbacks:
        assert appointments_send_reminders(day=DAY + dt.timedelta(days=1)) == 1
        assert appointments_send_reminders(day=DAY + dt.timedelta(days=1)) == 0  # idempotent
    assert len(callbacks) == 1
    appointment_reschedule(appointment=appointment, day=DAY + dt.timedelta(days=1), start=T(11), at=at(8, 10))
    assert appointments_send_reminders(at=at(20)) == 1  # the new time gets its own reminder
    kinds = sorted(AppointmentNotice.objects.values_list("kind", "ref"))
    assert kinds == [
        ("booked", "2026-03-12T10:00"),
        ("reminder", "2026-03-12T10:00"),
        ("reminder", "2026-03-12T11:00"),
        ("rescheduled", "2026-03-12T11:00"),
    ]


def test_a_configured_notifier_receives_the_notice(
    social, weekday_rule, settings_row, settings, django_capture_on_commit_callbacks
):
    settings.ONEWINDOW_QUEUE_NOTIFIER = "tests.queueing.test_appointments.record_notice"
    SENT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(social)
    assert [(PHONE, "booked", appointment.code)] == SENT


SENT: list = []


def record_notice(*, phone, text, kind, appointment):
    assert appointment.code in text
    SENT.append((phone, kind, appointment.code))
