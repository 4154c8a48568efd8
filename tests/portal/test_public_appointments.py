"""Appointments: book (weekday and weekend slots), confirmation code, cancel and reschedule by code +
phone, bad input. The rules are queueing's; these tests check the pages use them."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from onewindow.queueing.models import Appointment, AppointmentSlot, AppointmentStatus
from tests.portal.conftest import SATURDAY, SUNDAY, WEDNESDAY

URL = "/appointments/"
MANAGE = "/appointments/manage/"
PHONE = "13800001234"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rules(frozen, weekday_rule, saturday_rule):
    return weekday_rule, saturday_rule


def book(client, line, day, start, **kw):
    data = {"centre": line.centre_id, "line": line.pk, "day": day.isoformat(), "start": start, "name": "李四",
            "phone": PHONE, **kw}
    return client.post(URL, data)


def test_choices_walk_centre_line_day_and_slots(client, social, rules):
    resp = client.get(URL)
    assert resp.status_code == 200
    assert resp.context["centre"].pk == social.centre_id  # the only centre is preselected
    resp = client.get(URL, {"centre": social.centre_id, "line": social.pk})
    days = {d.day: d for d in resp.context["days"]}
    assert days[WEDNESDAY].open and days[SATURDAY].open
    assert not days[SUNDAY].open  # the centre opens Saturday slots only
    assert not days[SATURDAY].working
    resp = client.get(URL, {"centre": social.centre_id, "line": social.pk, "day": SATURDAY.isoformat()})
    assert [s.start.hour for s in resp.context["slots"]] == [9, 10, 11]
    html = resp.content.decode()
    assert 'data-action="book"' in html and 'name="phone"' in html


def test_htmx_gets_the_fragment(client, social, rules):
    resp = client.get(URL, {"centre": social.centre_id, "line": social.pk}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and "<html" not in resp.content.decode()


def test_past_slots_are_not_offered_today(client, social, rules):
    resp = client.get(URL, {"centre": social.centre_id, "line": social.pk, "day": WEDNESDAY.isoformat()})
    bookable = [s.start.hour for s in resp.context["slots"] if s.bookable]
    assert bookable == [10, 11]  # it is 09:00: the 09:00 slot has begun


def test_book_a_saturday_slot_and_see_the_code(client, social, rules):
    resp = book(client, social, SATURDAY, "10:00")
    assert resp.status_code == 302
    appointment = Appointment.objects.get()
    assert resp["Location"] == f"/appointments/{appointment.code}/"
    assert (appointment.day, appointment.start.hour, appointment.name, appointment.phone) == \
        (SATURDAY, 10, "李四", PHONE)
    page = client.get(resp["Location"])
    html = page.content.decode()
    assert appointment.code in html and "138****1234" in html and PHONE not in html
    assert 'role="status"' in html


@pytest.mark.parametrize("change, status", [
    ({"phone": "12345"}, 422),          # invalid mobile number (queueing's rule)
    ({"name": ""}, 422),
    ({"start": "25:00"}, 422),
    ({"start": "10:30"}, 404),          # no such slot
    ({"day": "2026-03-15"}, 404),       # Sunday: this line has no slots (queueing: slot_not_found)
    ({"day": "2027-01-01"}, 422),       # outside the horizon
    ({"line": "999999"}, 422),
    ({"id_number": "123"}, 422),
])
def test_bad_bookings_are_refused_with_a_message(client, social, rules, change, status):
    data = {"centre": social.centre_id, "line": social.pk, "day": SATURDAY.isoformat(), "start": "10:00",
            "name": "李四", "phone": PHONE, **change}
    resp = client.post(URL, data)
    assert resp.status_code == status, resp.content.decode()[:500]
    assert not Appointment.objects.exists()
    assert 'role="alert"' in resp.content.decode() or resp.context["form"].errors


def test_full_slot_and_per_person_limit(client, social, rules):
    assert book(client, social, WEDNESDAY, "10:00").status_code == 302
    # the same phone again the same day: the per-person limit (1 a day by default)
    resp = book(client, social, WEDNESDAY, "11:00")
    assert resp.status_code == 409
    assert book(client, social, WEDNESDAY, "10:00", phone="13800005678").status_code == 302
    resp = book(client, social, WEDNESDAY, "10:00", phone="13800009999")
    assert resp.status_code == 409  # capacity 2
    assert AppointmentSlot.objects.get(day=WEDNESDAY, start="10:00").booked == 2


def _booked(client, social):
    book(client, social, SATURDAY, "10:00")
    return Appointment.objects.get()


def test_find_cancel_by_code_and_phone(client, social, rules):
    appointment = _booked(client, social)
    resp = client.post(MANAGE, {"action": "find", "code": appointment.code.lower(), "phone": PHONE})
    assert resp.status_code == 200
    assert 'data-action="cancel"' in resp.content.decode()
    resp = client.post(MANAGE, {"action": "cancel", "code": appointment.code, "phone": PHONE})
    assert resp.status_code == 200
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert resp.context["message"] == "cancelled"
    assert AppointmentSlot.objects.get(day=SATURDAY).booked == 0
    # cancelling again: a clear conflict with the booking shown, not a 500
    again = client.post(MANAGE, {"action": "cancel", "code": appointment.code, "phone": PHONE})
    assert again.status_code == 409
    assert again.context["appointment"].status == AppointmentStatus.CANCELLED
    assert 'role="alert"' in again.content.decode()


def test_wrong_phone_and_wrong_code_answer_the_same(client, social, rules):
    appointment = _booked(client, social)
    wrong_phone = client.post(MANAGE, {"action": "cancel", "code": appointment.code, "phone": "13900000000"})
    wrong_code = client.post(MANAGE, {"action": "cancel", "code": "ABCDEFGHJK", "phone": PHONE})
    assert wrong_phone.status_code == wrong_code.status_code == 404
    assert wrong_phone.context["error"] == wrong_code.context["error"]
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_reschedule_to_a_weekday_slot(client, social, rules):
    appointment = _booked(client, social)
    resp = client.post(MANAGE, {"action": "find", "code": appointment.code, "phone": PHONE,
                                "day": WEDNESDAY.isoformat()})
    assert [s.start.hour for s in resp.context["slots"] if s.bookable] == [10, 11]
    resp = client.post(MANAGE, {"action": "reschedule", "code": appointment.code, "phone": PHONE,
                                "day": WEDNESDAY.isoformat(), "start": "11:00"})
    assert resp.status_code == 200
    assert resp.context["message"] == "rescheduled"
    appointment.refresh_from_db()
    assert (appointment.day, appointment.start.hour, appointment.reschedule_count) == (WEDNESDAY, 11, 1)
    assert AppointmentSlot.objects.get(day=SATURDAY).booked == 0


@pytest.mark.parametrize("change, status", [
    ({"start": "09:00"}, 409),      # the slot has begun
    ({"day": "2026-03-15"}, 404),   # Sunday: no such slot
    ({"start": "nonsense"}, 422),
])
def test_bad_reschedule(client, social, rules, change, status):
    appointment = _booked(client, social)
    data = {"action": "reschedule", "code": appointment.code, "phone": PHONE, "day": WEDNESDAY.isoformat(),
            "start": "09:00", **change}
    resp = client.post(MANAGE, data)
    assert resp.status_code == status
    appointment.refresh_from_db()
    assert appointment.day == SATURDAY


def test_manage_is_rate_limited(client, social, rules):
    for _ in range(20):
        client.post(MANAGE, {"action": "find", "code": "ABCDEFGHJK", "phone": PHONE})
    assert client.post(MANAGE, {"action": "find", "code": "ABCDEFGHJK", "phone": PHONE}).status_code == 429


def test_done_page_of_unknown_code_is_404(client, db):
    assert client.get("/appointments/NOSUCHCODE/").status_code == 404
