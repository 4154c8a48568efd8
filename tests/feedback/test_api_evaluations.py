"""POST /api/v1/feedback/evaluations and /invites: token (public), staff hotline, errors in the
project format, one evaluation per subject (409), never a 500 on bad input."""

from __future__ import annotations

import pytest

from onewindow.feedback.services import evaluation_invite_send

URL = "/api/v1/feedback/evaluations"


def post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", **headers)


def test_public_token_evaluation_then_409(api_client, event):
    _invite, token = evaluation_invite_send(event=event)
    resp = post(api_client, {"token": token, "level": 5, "tags": ["friendly"]})
    assert resp.status_code == 201, resp.content
    assert resp.json()["channel"] == "sms"
    again = post(api_client, {"token": token, "level": 5})
    assert again.status_code == 409
    assert again.json()["code"] == "invite_used"
    assert set(again.json()) == {"code", "message", "message_en", "detail"}


def test_staff_hotline_entry_of_a_case_and_duplicate_409(api_client, token_for, case, manager):
    headers = token_for(manager)
    resp = post(
        api_client,
        {"case": case.number, "level": 1, "real_name": True, "name": "张三", "phone": "13800001234"},
        **headers,
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["channel"] == "hotline" and body["rectification"] is not None
    dup = post(api_client, {"case": case.number, "level": 4}, **headers)
    assert (dup.status_code, dup.json()["code"]) == (409, "already_evaluated")


def test_outsider_cannot_evaluate_another_centres_case(api_client, token_for, case, outsider):
    resp = post(api_client, {"case": case.number, "level": 5}, **token_for(outsider))
    assert resp.status_code == 404


def test_outsider_cannot_reach_another_centres_event(api_client, token_for, event, outsider):
    resp = post(api_client, {"event": event.pk, "level": 5}, **token_for(outsider))
    assert (resp.status_code, resp.json()["code"]) == (404, "service_event_not_found")


def test_anonymous_without_token_is_401(api_client, case):
    assert post(api_client, {"case": case.number, "level": 5}).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"level": 5},  # no subject
        {"token": "x", "case": "y", "level": 5},  # two subjects
        {"token": "x", "level": 9},  # level out of range
        {"token": "x", "level": "five"},
        {"token": "x", "level": 5, "tags": "notalist"},
        {"token": "x" * 500, "level": 5},
    ],
)
def test_bad_input_is_4xx_in_the_error_format(api_client, db, body):
    resp = post(api_client, body)
    assert 400 <= resp.status_code < 500
    assert "code" in resp.json()


def test_malformed_json_is_400(api_client, db):
    resp = api_client.post(URL, "{not json", content_type="application/json")
    assert resp.status_code == 400


def test_staff_invite_endpoint(api_client, token_for, event, clerk):
    resp = api_client.post(
        "/api/v1/feedback/invites", {"event": event.pk}, content_type="application/json", **token_for(clerk)
    )
    assert resp.status_code == 201, resp.content
    assert resp.json()["phone"] == "139****1111"


def test_invite_of_another_centre_is_404(api_client, token_for, event, outsider):
    resp = api_client.post(
        "/api/v1/feedback/invites",
        {"event": event.pk},
        content_type="application/json",
        **token_for(outsider),
    )
    assert resp.status_code == 404
