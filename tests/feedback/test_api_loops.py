"""Loops and complaints through the API: scoped lists (outsider sees nothing, gets 404), actions with
the step table's errors (409 / 403 / 422), complaint intake, rates."""

from __future__ import annotations

import pytest

from onewindow.feedback.services import evaluation_submit


@pytest.fixture
def loop(event):
    return evaluation_submit(
        level=1, channel="window", event=event, real_name=True, name="张三", phone="13900001111"
    ).rectification


def act(client, headers, kind, pk, action, body):
    return client.post(
        f"/api/v1/feedback/loops/{kind}/{pk}/actions/{action}",
        body,
        content_type="application/json",
        **headers,
    )


def test_list_is_scoped(api_client, token_for, loop, manager, outsider, django_assert_max_num_queries):
    headers = token_for(manager)
    with django_assert_max_num_queries(12):
        resp = api_client.get("/api/v1/feedback/loops/rectification", **headers)
    assert resp.status_code == 200
    rows = resp.json()
    assert [r["id"] for r in rows] == [loop.pk]
    assert rows[0]["contact_phone"] == "139****1111"  # masked
    assert rows[0]["allowed_actions"] == ["assign"]
    other = api_client.get("/api/v1/feedback/loops/rectification", **token_for(outsider))
    assert other.json() == []
    assert (
        api_client.get(f"/api/v1/feedback/loops/rectification/{loop.pk}", **token_for(outsider)).status_code
        == 404
    )


def test_work_the_loop_through_the_api(api_client, token_for, loop, manager, reviewer):
    m, r = token_for(manager), token_for(reviewer)
    resp = act(api_client, m, "rectification", loop.pk, "assign", {"assignee": reviewer.pk})
    assert resp.status_code == 200 and resp.json()["status"] == "verifying"
    resp = act(api_client, r, "rectification", loop.pk, "verify", {"founded": True, "text": "属实"})
    assert resp.json()["status"] == "rectifying"
    wrong = act(api_client, r, "rectification", loop.pk, "reply", {"text": "x"})
    assert (wrong.status_code, wrong.json()["code"]) == (409, "loop_step_not_allowed")
    act(api_client, r, "rectification", loop.pk, "rectify", {"text": "已整改"})
    act(api_client, r, "rectification", loop.pk, "reply", {"text": "答复"})
    closing = act(api_client, m, "rectification", loop.pk, "close", {})
    assert (closing.status_code, closing.json()["code"]) == (409, "return_visit_required")
    forbidden = act(api_client, r, "rectification", loop.pk, "visit", {"text": "回访"})
    assert forbidden.status_code == 403
    act(api_client, m, "rectification", loop.pk, "visit", {"text": "回访", "satisfaction": 5})
    done = act(api_client, m, "rectification", loop.pk, "close", {})
    assert done.json()["status"] == "closed"
    assert [e["action"] for e in done.json()["events"]][-2:] == ["visit", "close"]


def test_action_errors(api_client, token_for, loop, manager, outsider):
    m = token_for(manager)
    assert act(api_client, m, "rectification", loop.pk, "assign", {}).status_code == 422
    assert act(api_client, m, "rectification", loop.pk, "explode", {}).status_code == 404
    assert act(api_client, m, "nonsense", loop.pk, "assign", {}).status_code == 404
    assert (
        act(
            api_client, token_for(outsider), "rectification", loop.pk, "assign", {"assignee": outsider.pk}
        ).status_code
        == 404
    )
    resp = act(api_client, m, "rectification", loop.pk, "assign", {"assignee": outsider.pk})
    assert (resp.status_code, resp.json()["code"]) == (422, "assignee_other_centre")


def test_complaint_from_the_portal_and_the_counter(api_client, token_for, centre, clerk, manager, case):
    body = {
        "kind": "cannot_do",
        "centre": centre.pk,
        "subject": "跑了三次",
        "text": "办不成",
        "name": "李四",
        "phone": "13700001234",
    }
    resp = api_client.post("/api/v1/feedback/complaints", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["reference"].startswith("TS")
    staff_body = {**body, "kind": "complaint", "case": case.number}
    resp = api_client.post(
        "/api/v1/feedback/complaints", staff_body, content_type="application/json", **token_for(clerk)
    )
    assert resp.status_code == 201, resp.content
    listed = api_client.get("/api/v1/feedback/loops/complaint", **token_for(manager)).json()
    assert {c["complaint_kind"] for c in listed} == {"cannot_do", "complaint"}
    # the clerk sees what they entered (not the portal one)
    mine = api_client.get("/api/v1/feedback/loops/complaint", **token_for(clerk)).json()
    assert [c["complaint_kind"] for c in mine] == ["complaint"]


def test_anonymous_complaint_is_422(api_client, centre):
    resp = api_client.post(
        "/api/v1/feedback/complaints",
        {"kind": "complaint", "centre": centre.pk, "subject": "s", "text": "t", "anonymous": True},
        content_type="application/json",
    )
    assert (resp.status_code, resp.json()["code"]) == (422, "anonymous_not_allowed")


def test_unknown_centre_is_404(api_client, db):
    resp = api_client.post(
        "/api/v1/feedback/complaints",
        {"kind": "suggestion", "centre": 999999, "subject": "s", "text": "t", "anonymous": True},
        content_type="application/json",
    )
    assert resp.status_code == 404


def test_rates_endpoint(api_client, token_for, loop, manager, clerk):
    resp = api_client.get("/api/v1/feedback/rates?start=2026-03-01&end=2026-03-31", **token_for(manager))
    assert resp.status_code == 200, resp.content
    assert resp.json()["bad"] == 1 and resp.json()["active_rate"] == 1.0
    assert (
        api_client.get(
            "/api/v1/feedback/rates?start=2026-03-01&end=2026-03-31", **token_for(clerk)
        ).status_code
        == 403
    )
    bad = api_client.get("/api/v1/feedback/rates?start=2026-03-31&end=2026-03-01", **token_for(manager))
    assert bad.status_code == 422
