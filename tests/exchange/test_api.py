"""/api/v1/exchange: feed, case, decision, national export — scopes and scoping."""

from __future__ import annotations

import pytest

from onewindow.cases.models import CaseEvent
from tests.factories import DepartmentFactory


def test_feed_needs_a_client_key(api_client, token_for, clerk, db):
    assert api_client.get("/api/v1/exchange/events").status_code == 401
    # A staff token is not a client key.
    assert api_client.get("/api/v1/exchange/events", **token_for(clerk)).status_code == 401


def test_feed_pages_by_cursor(api_client, make_client, accepted_case):
    _, auth = make_client(["events:read"])
    first = api_client.get("/api/v1/exchange/events?limit=1", **auth).json()
    assert len(first["events"]) == 1
    assert first["events"][0]["case"] == accepted_case.number
    rest = api_client.get(f"/api/v1/exchange/events?after={first['next']}", **auth).json()
    ids = [e["id"] for e in first["events"] + rest["events"]]
    expected = CaseEvent.objects.filter(case=accepted_case).order_by("pk").values_list("pk", flat=True)
    assert ids == list(expected)
    empty = api_client.get(f"/api/v1/exchange/events?after={rest['next']}", **auth).json()
    assert empty == {"events": [], "next": rest["next"]}


def test_missing_scope_is_403_with_code(api_client, make_client, accepted_case):
    _, auth = make_client(["cases:read"])
    resp = api_client.get("/api/v1/exchange/events", **auth)
    assert resp.status_code == 403
    assert resp.json()["code"] == "scope_missing"


def test_department_client_sees_only_its_department(api_client, make_client, accepted_case, centre):
    other = DepartmentFactory(centre=centre, code="WJ")
    _, auth = make_client(["events:read", "cases:read"], department=other)
    assert api_client.get("/api/v1/exchange/events", **auth).json()["events"] == []
    assert api_client.get(f"/api/v1/exchange/cases/{accepted_case.number}", **auth).status_code == 404


def test_other_centre_client_gets_404(api_client, make_client, accepted_case, other_centre):
    _, auth = make_client(["cases:read"], centre=other_centre)
    resp = api_client.get(f"/api/v1/exchange/cases/{accepted_case.number}", **auth)
    assert resp.status_code == 404
    assert resp.json()["code"] == "case_not_found"


def test_case_read_masks_personal_data(api_client, make_client, accepted_case):
    _, auth = make_client(["cases:read"])
    body = api_client.get(f"/api/v1/exchange/cases/{accepted_case.number}", **auth).json()
    assert body["state"] == "accepted"
    assert "*" in body["applicant_id_number"]
    assert body["applicant_id_number"] != accepted_case.applicant.id_number
    assert "*" in body["applicant_phone"]


def test_decision_through_the_api_uses_the_acting_chief(api_client, make_client, accepted_case, chief):
    _, auth = make_client(["cases:decide", "cases:read"], department=chief.department, acting_staff=chief)
    resp = api_client.post(f"/api/v1/exchange/cases/{accepted_case.number}/decision",
                           {"outcome": "approve", "opinion": "系统审批通过"}, content_type="application/json",
                           **auth)
    assert resp.status_code == 200, resp.content
    assert resp.json()["state"] == "decided"
    event = CaseEvent.objects.filter(case=accepted_case).order_by("-seq").first()
    assert event.action == "decide" and event.actor == chief.user
    again = api_client.post(f"/api/v1/exchange/cases/{accepted_case.number}/decision",
                            {"outcome": "approve"}, content_type="application/json", **auth)
    assert again.status_code == 409


@pytest.mark.parametrize("body", [{"outcome": "maybe"}, {}, {"outcome": "approve", "opinion": "x" * 501}])
def test_bad_decision_body_is_422(api_client, make_client, accepted_case, chief, body):
    _, auth = make_client(["cases:decide"], acting_staff=chief)
    resp = api_client.post(f"/api/v1/exchange/cases/{accepted_case.number}/decision", body,
                           content_type="application/json", **auth)
    assert resp.status_code == 422


def test_national_export_over_the_api(api_client, make_client, accepted_case, other_centre):
    _, auth = make_client(["export:read"])
    body = api_client.get("/api/v1/exchange/national", **auth).json()
    kinds = {r["record"] for r in body["records"]}
    assert {"process", "acceptance"} <= kinds
    _, foreign = make_client(["export:read"], centre=other_centre)
    assert api_client.get("/api/v1/exchange/national", **foreign).json()["records"] == []
