"""The queue admin: pages load, forms run the services' checks, tickets are read-only,
appointments can be cancelled through the service."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.queueing.models import AppointmentSlot, QueueLine
from onewindow.queueing.services import appointment_book
from tests.factories import UserFactory
from tests.queueing.conftest import DAY, at


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", ["queueline", "queuesettings", "appointmentrule", "appointmentslot", "ticket", "appointment"]
)
def test_changelists_load(admin_client, social, take, frozen, model):
    take(social)
    assert admin_client.get(f"/admin/queueing/{model}/").status_code == 200


def test_line_needs_a_theme_kind_or_windows(admin_client, centre, window):
    base = {
        "centre": centre.pk,
        "code": "misc",
        "name": "其他",
        "prefix": "M",
        "position": 0,
        "daily_limit": 0,
        "default_service_minutes": 10,
        "active": "on",
        "appointments_enabled": "on",
    }
    resp = admin_client.post("/admin/queueing/queueline/add/", base)
    assert resp.status_code == 200 and not QueueLine.objects.exists()
    resp = admin_client.post("/admin/queueing/queueline/add/", {**base, "windows": [window.pk]})
    assert resp.status_code == 302
    assert list(QueueLine.objects.get(code="misc").windows.all()) == [window]


def test_slot_capacity_cannot_go_below_bookings(admin_client, social, weekday_rule):
    appointment_book(line=social, day=DAY, start=dt.time(10), name="甲", phone="13800000001", at=at(8))
    appointment_book(line=social, day=DAY, start=dt.time(10), name="乙", phone="13800000002", at=at(8))
    slot = AppointmentSlot.objects.get()
    resp = admin_client.post(
        f"/admin/queueing/appointmentslot/{slot.pk}/change/", {"end": "10:30", "capacity": 1}
    )
    assert resp.status_code == 200
    slot.refresh_from_db()
    assert slot.capacity == 2
    resp = admin_client.post(
        f"/admin/queueing/appointmentslot/{slot.pk}/change/", {"end": "10:30", "capacity": 5, "closed": "on"}
    )
    assert resp.status_code == 302
    slot.refresh_from_db()
    assert (slot.capacity, slot.closed, slot.booked) == (5, True, 2)


def test_close_a_slot_before_anyone_booked_it(admin_client, social, weekday_rule):
    resp = admin_client.post(
        "/admin/queueing/appointmentslot/add/",
        {
            "line": social.pk,
            "day": DAY.isoformat(),
            "start": "15:00",
            "end": "15:30",
            "capacity": 2,
            "closed": "on",
        },
    )
    assert resp.status_code == 302
    assert AppointmentSlot.objects.get(start=dt.time(15)).closed


def test_tickets_are_read_only(admin_client, social, take, frozen):
    ticket = take(social)
    assert admin_client.get("/admin/queueing/ticket/add/").status_code == 403
    assert admin_client.get(f"/admin/queueing/ticket/{ticket.pk}/change/").status_code == 200
    assert (
        admin_client.post(f"/admin/queueing/ticket/{ticket.pk}/delete/", {"post": "yes"}).status_code == 403
    )


def test_cancel_action(admin_client, social, weekday_rule):
    appointment = appointment_book(
        line=social, day=DAY, start=dt.time(10), name="甲", phone="13800000001", at=at(8)
    )
    resp = admin_client.post(
        "/admin/queueing/appointment/",
        {"action": "cancel_appointments", "_selected_action": [appointment.pk]},
    )
    assert resp.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    assert AppointmentSlot.objects.get().booked == 0
