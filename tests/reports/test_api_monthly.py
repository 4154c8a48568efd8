"""GET /api/v1/reports/monthly: bearer auth, scoped, 422 for a bad month, 404 out of scope."""

from __future__ import annotations

import pytest

from onewindow.network.models import CentreLevel
from tests.factories import CentreFactory
from tests.reports.conftest import at

URL = "/api/v1/reports/monthly"


@pytest.fixture
def data(trail, item, clerk):
    trail.ev(trail.make(item), "receive", at(2025, 3, 3), actor=clerk.user)


def test_figures_as_json(api_client, token_for, manager, data, django_assert_max_num_queries):
    headers = token_for(manager)
    with django_assert_max_num_queries(40):
        resp = api_client.get(URL, {"centre": manager.centre_id, "month": "2025-03"}, **headers)
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["period_start"] == "2025-02-25" and body["period_end"] == "2025-03-24"
    assert {i["code"]: i["value"] for i in body["indicators"]}["received"] == 1
    assert body["tree"][0]["received"] == 1


def test_child_centre_is_in_scope_and_rolls_up(api_client, token_for, manager, trail, item, data):
    town = CentreFactory(parent=manager.centre, level=CentreLevel.TOWNSHIP)
    trail.ev(trail.make(item, centre=town), "receive", at(2025, 3, 4))
    headers = token_for(manager)
    body = api_client.get(URL, {"centre": manager.centre_id, "month": "2025-03"}, **headers).json()
    assert body["tree"][0]["received"] == 2 and body["tree"][0]["children"][0]["received"] == 1
    assert {r["level"]: r["received"] for r in body["levels"]} == {"county": 1, "township": 1}
    town_body = api_client.get(URL, {"centre": town.pk, "month": "2025-03"}, **headers).json()
    assert town_body["counts"]["received"] == 1


def test_no_token_is_401(api_client, manager):
    assert api_client.get(URL, {"centre": manager.centre_id, "month": "2025-03"}).status_code == 401


def test_clerk_is_403(api_client, token_for, clerk):
    resp = api_client.get(URL, {"centre": clerk.centre_id, "month": "2025-03"}, **token_for(clerk))
    assert resp.status_code == 403


@pytest.mark.parametrize("month", ["2025-13", "2025", "abc", "2025-1", ""])
def test_bad_month_is_422(api_client, token_for, manager, month):
    resp = api_client.get(URL, {"centre": manager.centre_id, "month": month}, **token_for(manager))
    assert resp.status_code == 422
    assert "code" in resp.json()


@pytest.mark.parametrize("raw", ["abc", "0", "-1"])
def test_bad_centre_is_422(api_client, token_for, manager, raw):
    resp = api_client.get(URL, {"centre": raw, "month": "2025-03"}, **token_for(manager))
    assert resp.status_code == 422


def test_unknown_and_out_of_scope_centres_are_404(api_client, token_for, manager, other_centre):
    headers = token_for(manager)
    for pk in (other_centre.pk, 987654):
        resp = api_client.get(URL, {"centre": pk, "month": "2025-03"}, **headers)
        assert resp.status_code == 404
        assert resp.json()["code"] == "centre_not_found"


def test_parent_centre_is_out_of_scope_for_a_township(api_client, token_for, manager):
    from onewindow.network.models import Role
    from tests.conftest import _staff

    town = CentreFactory(parent=manager.centre, level=CentreLevel.TOWNSHIP)
    town_manager = _staff("townmgr", town, [Role.CENTRE_MANAGER])
    resp = api_client.get(URL, {"centre": manager.centre_id, "month": "2025-03"}, **token_for(town_manager))
    assert resp.status_code == 404


def test_unknown_department_is_404(api_client, token_for, manager):
    resp = api_client.get(URL, {"centre": manager.centre_id, "month": "2025-03", "department": 99999},
                          **token_for(manager))
    assert resp.status_code == 404


def test_department_figures(api_client, token_for, manager, department, trail, item2, data):
    trail.ev(trail.make(item2), "receive", at(2025, 3, 5))  # another department
    body = api_client.get(URL, {"centre": manager.centre_id, "month": "2025-03", "department": department.pk},
                          **token_for(manager)).json()
    assert body["department"]["id"] == department.pk and body["counts"]["received"] == 1
    assert body["tree"] == []  # a department report has no centre tree
