"""GET /api/v1/calendar/working-days, and the calendar's OpenAPI contract."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/working-days"


def get(api_client, **params):
    return api_client.get(URL, params)


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("2026-02-13", "2026-02-24", 2),  # 14 (make-up), 24
    ("2026-02-14", "2026-02-23", 0),  # the whole holiday
    ("2026-09-30", "2026-10-10", 3),  # 8, 9, make-up 10
    ("2026-02-24", "2026-02-13", -2),  # backwards
    ("2026-03-02", "2026-03-02", 0),
])
def test_working_days(api_client, first, last, expected):
    resp = get(api_client, **{"from": first, "to": last})
    assert resp.status_code == 200, resp.content
    assert resp.json() == {"working_days": expected, "provisional": False}


def test_due_date_and_working_days_agree(api_client):
    due = api_client.get("/api/v1/calendar/due-date", {"start": "2026-09-18", "working_days": "10",
                                                       "pause": "2026-09-22/2026-09-23"}).json()["due_date"]
    resp = api_client.get(URL, {"from": "2026-09-18", "to": due, "pause": "2026-09-22/2026-09-23"})
    assert resp.json()["working_days"] == 10


def test_provisional_span(api_client):
    body = get(api_client, **{"from": "2026-12-30", "to": "2027-01-06"}).json()
    assert body == {"working_days": 5, "provisional": True}


@pytest.mark.parametrize(("params", "code"), [
    ({"from": "2026-13-01", "to": "2026-03-02"}, "invalid_date"),
    ({"from": "2026-03-01", "to": "tomorrow"}, "invalid_date"),
    ({"from": "2026-03-01", "to": "2200-01-01"}, "date_out_of_range"),
    ({"from": "2026-03-01", "to": "2026-03-31", "pause": "2026-03-05/"}, "invalid_pause"),
    ({"from": "2026-03-01", "to": "2026-03-31", "pause": "2026-03-05/2026-03-04"}, "pause_ends_before_start"),
])
def test_bad_input_is_422(api_client, params, code):
    resp = get(api_client, **params)
    assert resp.status_code == 422, resp.content
    assert resp.json()["code"] == code


def test_missing_to_is_422(api_client):
    resp = get(api_client, **{"from": "2026-03-01"})
    assert resp.status_code == 422
    assert resp.json()["code"] == "validation_error"


def test_openapi_documents_the_public_contract(api_client):
    schema = api_client.get("/api/v1/openapi.json").json()
    due = schema["paths"]["/api/v1/calendar/due-date"]["get"]
    assert "N-th working day" in due["description"]
    assert {p["name"] for p in due["parameters"]} == {"start", "working_days", "pause"}
    assert all(p.get("description") for p in due["parameters"])
    assert set(due["responses"]) == {"200", "422"}
    days = schema["paths"]["/api/v1/calendar/working-days"]["get"]
    assert {p["name"] for p in days["parameters"]} == {"from", "to", "pause"}
    assert not due.get("security") and not days.get("security")  # public
