"""POST /api/v1/queue/tickets, GET /api/v1/queue/tickets/{token}, GET /api/v1/queue/lines."""

from __future__ import annotations

import pytest

from onewindow.queueing.models import Ticket
from tests.api.conftest import assert_error
from tests.queueing.conftest import ELDER_ID, at

URL = "/api/v1/queue/tickets"


def post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", **headers)


def test_take_a_ticket_by_line_at_the_kiosk(api_client, centre, social, frozen):
    resp = post(
        api_client, {"centre": centre.pk, "line": "social", "id_number": ELDER_ID, "priority": ["disabled"]}
    )
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["number"], body["status"], body["source"], body["priority"]) == (
        "A001",
        "waiting",
        "kiosk",
        True,
    )
    assert body["priority_reasons"] == ["disabled", "elderly"]
    assert body["line"] == {
        "code": "social",
        "name": "社会民生",
        "prefix": "A",
        "theme": "social",
        "window_kind": "",
    }
    assert (body["people_ahead"], body["predicted_wait_minutes"]) == (0, 0)
    assert body["url"] == f"/queue/ticket/{body['token']}"
    assert "id_number" not in body


def test_take_by_theme_or_window_kind_and_see_people_ahead(api_client, centre, lines, frozen):
    post(api_client, {"centre": centre.pk, "theme": "social"})
    body = post(api_client, {"centre": centre.pk, "theme": "social", "channel": "online"}).json()
    assert (body["number"], body["people_ahead"], body["predicted_wait_minutes"], body["source"]) == (
        "A002",
        1,
        10,
        "online",
    )
    assert post(api_client, {"centre": centre.pk, "theme": "issuing"}).json()["number"] == "C001"


def test_staff_take_tickets_for_their_centre_with_the_elderly_flag(
    api_client, token_for, clerk, centre, social, other_centre, frozen
):
    headers = token_for(clerk)
    body = post(
        api_client, {"centre": centre.pk, "line": "social", "priority": ["elderly"]}, **headers
    ).json()
    assert (body["source"], body["priority_reasons"]) == ("staff", ["elderly"])
    assert_error(
        post(api_client, {"centre": other_centre.pk, "line": "social"}, **headers), 404, "centre_not_found"
    )


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"centre": 999999, "line": "social"}, 404, "centre_not_found"),
        ({"line": "nope"}, 404, "line_not_found"),
        ({"line": "social", "id_number": "110105194912310021"}, 422, "invalid_resident_id"),
        ({"line": "social", "priority": ["vip"]}, 422, "validation_error"),
        ({"line": "social", "priority": ["elderly"]}, 422, "elderly_needs_resident_id"),
        ({"line": "social", "phone": "abc"}, 422, "invalid_phone"),
        ({"line": "social", "phone": "1\x0038"}, 422, "validation_error"),
        ({"line": "social", "id_number": "1" * 19}, 422, "validation_error"),
    ],
)
def test_bad_input(api_client, centre, social, frozen, body, status, code):
    body.setdefault("centre", centre.pk)
    assert_error(post(api_client, body), status, code)
    assert not Ticket.objects.exists()


def test_missing_centre_is_a_validation_error(api_client, social, frozen):
    assert_error(post(api_client, {"line": "social"}), 422, "validation_error")


def test_full_line(api_client, centre, social, frozen):
    social.daily_limit = 1
    social.save()
    post(api_client, {"centre": centre.pk, "line": "social"})
    assert_error(post(api_client, {"centre": centre.pk, "line": "social"}), 409, "line_full")


def test_invalid_token_is_refused_not_ignored(api_client, centre, social, frozen):
    resp = post(api_client, {"centre": centre.pk, "line": "social"}, HTTP_AUTHORIZATION="Bearer nope")
    assert_error(resp, 401, "not_authenticated")


def test_follow_a_ticket_by_token(api_client, centre, social, take, window, clerk, frozen):
    from onewindow.queueing.services import ticket_call_next

    first = take(social, at_=at(8, 50))
    second = take(social, at_=at(8, 55))
    assert api_client.get(f"{URL}/{second.token}").json()["people_ahead"] == 1
    ticket_call_next(window=window, by=clerk)
    body = api_client.get(f"{URL}/{first.token}").json()
    assert (body["status"], body["window"]["number"], body["call_count"]) == ("called", "A01", 1)
    assert_error(api_client.get(f"{URL}/not-a-token"), 404, "ticket_not_found")


def test_status_query_count(api_client, centre, social, take, frozen, django_assert_max_num_queries):
    tickets = [take(social, at_=at(8, m)) for m in range(30)]
    with django_assert_max_num_queries(7):
        assert api_client.get(f"{URL}/{tickets[-1].token}").status_code == 200


def test_lines_with_waiting_counts(api_client, centre, lines, take, frozen):
    social, registration, _ = lines
    take(social), take(social), take(registration)
    body = api_client.get("/api/v1/queue/lines", {"centre": centre.pk}).json()
    assert [(x["code"], x["prefix"], x["waiting"]) for x in body] == [
        ("social", "A", 2),
        ("registration", "B", 1),
        ("issuing", "C", 0),
    ]
    assert_error(api_client.get("/api/v1/queue/lines", {"centre": 0}), 422, "validation_error")
    assert_error(api_client.get("/api/v1/queue/lines", {"centre": 424242}), 404, "centre_not_found")
