"""GET /api/v1/queue/slots and the appointment endpoints: book, get, cancel, reschedule, check-in."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.queueing.models import Appointment, AppointmentSlot
from tests.api.conftest import assert_error
from tests.queueing.conftest import DAY, ELDER_ID, SATURDAY

BOOK = "/api/v1/queue/appointments"


def book(client, home, **kw):
    body = {
        "centre": home.pk,
        "line": "social",
        "date": DAY.isoformat(),
        "start": "10:00",
        "name": "李四",
        "phone": "13800138000",
        **kw,
    }
    return client.post(BOOK, body, content_type="application/json")


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def test_slots(api_client, centre, social, weekday_rule, frozen):
    resp = api_client.get(
        "/api/v1/queue/slots", {"centre": centre.pk, "theme": "social", "date": DAY.isoformat()}
    )
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["day_type"], body["line"]["code"], len(body["slots"])) == ("working", "social", 16)
    first, second = body["slots"][:2]
    assert first == {
        "start": "09:00",
        "end": "09:30",
        "capacity": 2,
        "booked": 0,
        "available": 2,
        "lunch": False,
        "bookable": False,
    }
    assert second["bookable"] is True
    assert [s["capacity"] for s in body["slots"] if s["lunch"]] == [1, 1, 1, 1]


def test_weekend_slots(api_client, centre, social, saturday_rule, frozen):
    body = api_client.get(
        "/api/v1/queue/slots", {"centre": centre.pk, "line": "social", "date": SATURDAY.isoformat()}
    ).json()
    assert (body["day_type"], [s["start"] for s in body["slots"]]) == ("weekend", ["09:00", "10:00", "11:00"])


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"centre": 4242, "line": "social", "date": "2026-03-11"}, 404, "centre_not_found"),
        ({"centre": None, "line": "social", "date": "2026-03-11"}, 422, "validation_error"),
        ({"line": "nope", "date": "2026-03-11"}, 404, "line_not_found"),
        ({"line": "social", "date": "2026-13-45"}, 422, "validation_error"),
        ({"line": "social"}, 422, "validation_error"),
    ],
)
def test_slots_bad_input(api_client, centre, social, frozen, params, status, code):
    params = {k: v for k, v in {"centre": centre.pk, **params}.items() if v is not None}
    assert_error(api_client.get("/api/v1/queue/slots", params), status, code)


def test_book_get_cancel(api_client, centre, social, weekday_rule, frozen):
    resp = book(api_client, centre, id_number=ELDER_ID)
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert (body["status"], body["date"], body["start"], body["end"], body["name"], body["phone"]) == (
        "booked",
        "2026-03-11",
        "10:00",
        "10:30",
        "李*",
        "138****8000",
    )
    code = body["code"]
    assert api_client.get(f"{BOOK}/{code.lower()}").json()["code"] == code  # codes are case-insensitive
    assert post(api_client, f"{BOOK}/{code}/cancel").json()["status"] == "cancelled"
    assert_error(post(api_client, f"{BOOK}/{code}/cancel"), 409, "appointment_not_active")
    assert AppointmentSlot.objects.get(start=dt.time(10)).booked == 0


@pytest.mark.parametrize(
    ("kw", "status", "code"),
    [
        ({"centre": 4242}, 404, "centre_not_found"),
        ({"id_number": "110105194912310021"}, 422, "invalid_resident_id"),
        ({"phone": "0000-1234"}, 422, "invalid_phone"),
        ({"start": "10:15"}, 404, "slot_not_found"),
        ({"start": "25:00"}, 422, "validation_error"),
        ({"date": (DAY + dt.timedelta(days=30)).isoformat()}, 422, "date_outside_horizon"),
        ({"name": ""}, 422, "validation_error"),
        ({"line": "registration"}, 404, "line_not_found"),
    ],
)
def test_book_bad_input(api_client, centre, social, weekday_rule, frozen, kw, status, code):
    assert_error(book(api_client, centre, **kw), status, code)
    assert not Appointment.objects.exists()


def test_full_slot_and_per_person_limit(api_client, centre, social, weekday_rule, frozen):
    book(api_client, centre, phone="13800000001")
    book(api_client, centre, phone="13800000002")
    assert_error(book(api_client, centre, phone="13800000003"), 409, "slot_full")
    assert_error(
        book(api_client, centre, phone="13800000001", start="11:00"), 409, "appointment_limit_reached"
    )


def test_reschedule_and_check_in(api_client, centre, social, weekday_rule, frozen):
    code = book(api_client, centre).json()["code"]
    moved = post(api_client, f"{BOOK}/{code}/reschedule", {"date": DAY.isoformat(), "start": "09:30"})
    assert moved.json()["start"] == "09:30"
    assert_error(
        post(api_client, f"{BOOK}/{code}/reschedule", {"date": DAY.isoformat(), "start": "09:00"}),
        409,
        "slot_in_past",
    )
    resp = post(api_client, f"{BOOK}/{code}/check-in", {"centre": centre.pk, "priority": ["disabled"]})
    assert resp.status_code == 200, resp.content
    ticket = resp.json()
    assert (ticket["number"], ticket["source"], ticket["appointment"], ticket["priority"]) == (
        "A001",
        "appointment",
        code,
        True,
    )
    assert api_client.get(f"{BOOK}/{code}").json()["ticket"] == ticket["url"]
    assert post(api_client, f"{BOOK}/{code}/check-in").json()["id"] == ticket["id"]  # repeated: same ticket


def test_check_in_at_another_centres_kiosk_is_404(
    api_client, centre, other_centre, social, weekday_rule, frozen
):
    code = book(api_client, centre).json()["code"]
    assert_error(
        post(api_client, f"{BOOK}/{code}/check-in", {"centre": other_centre.pk}), 404, "appointment_not_found"
    )
    assert_error(post(api_client, f"{BOOK}/NOSUCHCODE/check-in"), 404, "appointment_not_found")


def test_staff_book_for_their_centre_only(
    api_client, token_for, clerk, outsider, centre, social, weekday_rule, frozen
):
    body = {
        "centre": centre.pk,
        "line": "social",
        "date": DAY.isoformat(),
        "start": "10:00",
        "name": "王五",
        "phone": "13800138001",
    }
    resp = post(api_client, BOOK, body, **token_for(clerk))
    assert resp.status_code == 201
    assert Appointment.objects.get(code=resp.json()["code"]).channel == "staff"
    assert_error(post(api_client, BOOK, body, **token_for(outsider)), 404, "centre_not_found")
    assert_error(
        post(api_client, f"{BOOK}/{resp.json()['code']}/cancel", **token_for(outsider)),
        404,
        "appointment_not_found",
    )
