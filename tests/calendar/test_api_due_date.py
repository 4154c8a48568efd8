"""GET /api/v1/calendar/due-date: public, specific 422 codes, never a 500."""

from __future__ import annotations

import pytest

from onewindow.calendar.services import calendar_override_set, get_calendar
from tests.calendar.conftest import d

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/due-date"


def get(api_client, **params):
    return api_client.get(URL, params)


def test_due_date_over_the_spring_festival(api_client):
    resp = get(api_client, start="2026-02-14", working_days="1")
    assert resp.status_code == 200
    assert resp.json() == {"start": "2026-02-14", "working_days": 1, "due_date": "2026-02-24",
                           "provisional": False}


def test_leading_zeros_and_signs(api_client):
    body = get(api_client, start="2026-02-13", working_days="+0000000000000002").json()
    assert (body["working_days"], body["due_date"]) == (2, "2026-02-24")


def test_zero_days_and_a_provisional_span(api_client):
    assert get(api_client, start="2026-02-16", working_days="0").json()["due_date"] == "2026-02-16"
    body = get(api_client, start="2026-12-30", working_days="5").json()
    assert (body["due_date"], body["provisional"]) == ("2027-01-06", True)


def test_repeated_pauses_overlapping_and_around_the_holiday(api_client):
    # From Tue 02-10: pause 12 .. 25 removes 12, 13, 14, 24, 25 -> 11, 26, 27, 28, Mon 03-02.
    resp = api_client.get(URL, {"start": "2026-02-10", "working_days": "5",
                            "pause": ["2026-02-12/2026-02-20", "2026-02-18/2026-02-25"]})
    assert resp.status_code == 200, resp.content
    assert resp.json()["due_date"] == "2026-03-02"


def test_overrides_show_in_the_api(api_client):
    assert get(api_client, start="2026-02-27", working_days="2").json()["due_date"] == "2026-03-02"
    calendar_override_set(day=d("2026-03-02"), kind="holiday", name="地方节日")
    assert get(api_client, start="2026-02-27", working_days="2").json()["due_date"] == "2026-03-03"


def test_the_warm_endpoint_makes_no_query(api_client, django_assert_max_num_queries):
    get_calendar()
    with django_assert_max_num_queries(0):
        resp = get(api_client, start="2026-02-13", working_days="20", pause="2026-02-14/2026-02-14")
    assert resp.status_code == 200


@pytest.mark.parametrize(("params", "code", "param"), [
    ({"start": "2026/02/13", "working_days": "1"}, "invalid_date", "start"),
    ({"start": "2026-02-30", "working_days": "1"}, "invalid_date", "start"),
    ({"start": "0000-01-01", "working_days": "1"}, "invalid_date", "start"),
    ({"start": "20260213", "working_days": "1"}, "invalid_date", "start"),
    ({"start": "", "working_days": "1"}, "invalid_date", "start"),
    ({"start": "1999-12-31", "working_days": "1"}, "date_out_of_range", "start"),
    ({"start": "9999-12-31", "working_days": "1"}, "date_out_of_range", "start"),
    ({"start": "2026-02-13", "working_days": "abc"}, "invalid_working_days", "working_days"),
    ({"start": "2026-02-13", "working_days": "1.5"}, "invalid_working_days", "working_days"),
    ({"start": "2026-02-13", "working_days": ""}, "invalid_working_days", "working_days"),
    ({"start": "2026-02-13", "working_days": "-1"}, "working_days_out_of_range", "working_days"),
    ({"start": "2026-02-13", "working_days": "3651"}, "working_days_out_of_range", "working_days"),
    ({"start": "2026-02-13", "working_days": "9" * 30}, "working_days_out_of_range", "working_days"),
    ({"start": "2026-02-13", "working_days": "9" * 5000}, "working_days_out_of_range", "working_days"),
    ({"start": "2026-02-13", "working_days": "--5"}, "invalid_working_days", "working_days"),
    ({"start": "2026-02-13", "working_days": "\u0665"}, "invalid_working_days", "working_days"),  # Arabic 5
    ({"start": "\u0662\u0660\u0662\u0666-02-13", "working_days": "1"}, "invalid_date", "start"),
    ({"start": "2026-02-13", "working_days": "1", "pause": "2026-02-14"}, "invalid_pause", "pause"),
    ({"start": "2026-02-13", "working_days": "1", "pause": "a/b"}, "invalid_pause", "pause"),
    ({"start": "2026-02-13", "working_days": "1", "pause": "2026-02-14/2026-02-30"},
     "invalid_pause", "pause"),
    ({"start": "2026-02-13", "working_days": "1", "pause": "2026-02-14/2026-02-15/2026-02-16"},
     "invalid_pause", "pause"),
    ({"start": "2026-02-13", "working_days": "1", "pause": "2026-02-14/2101-01-01"}, "date_out_of_range",
     "pause"),
])
def test_bad_input_is_422_with_a_specific_code(api_client, params, code, param):
    resp = get(api_client, **params)
    assert resp.status_code == 422, resp.content
    body = resp.json()
    assert body["code"] == code
    assert body["message"] and body["message_en"]
    assert (body["detail"].get("param") or body["detail"].get("field")) == param


def test_a_pause_that_ends_before_it_starts(api_client):
    resp = get(api_client, start="2026-02-13", working_days="1", pause="2026-02-20/2026-02-14")
    assert resp.status_code == 422
    assert resp.json()["code"] == "pause_ends_before_start"
    assert resp.json()["detail"] == {"pause": ["2026-02-20", "2026-02-14"]}


def test_too_many_pauses(api_client):
    resp = api_client.get(URL, {"start": "2026-02-13", "working_days": "1",
                                "pause": ["2026-03-01/2026-03-02"] * 101})
    assert resp.status_code == 422
    assert resp.json()["code"] == "too_many_pauses"


def test_a_due_date_beyond_the_calendar(api_client):
    resp = get(api_client, start="2100-12-01", working_days="3650")
    assert resp.status_code == 422
    assert resp.json()["code"] == "date_out_of_range"


def test_missing_parameters_are_422(api_client):
    resp = api_client.get(URL, {"start": "2026-02-13"})
    assert resp.status_code == 422
    assert resp.json()["code"] == "validation_error"
