"""GET /api/v1/supervision/cases and /anomalies: filters, keyset pages, scoping, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.supervision.models import Anomaly
from tests.factories import DepartmentFactory, ItemVersionFactory, ServiceItemFactory
from tests.supervision.conftest import make_case

D = dt.date
URL = "/api/v1/supervision/cases"


@pytest.fixture
def board(db, frozen, case_factory, reviewer, second_reviewer, other_department, outsider):
    other_version = ItemVersionFactory(
        item=ServiceItemFactory(department=other_department, centre=other_department.centre)
    )
    elsewhere = DepartmentFactory(centre=outsider.centre, code="X")
    return {
        "red": case_factory(due=D(2026, 9, 25), reviewer=reviewer),
        "yellow": case_factory(due=D(2026, 10, 8), reviewer=second_reviewer),
        "green": case_factory(due=D(2026, 10, 20), reviewer=reviewer),
        "other_dept": make_case(other_version, due=D(2026, 10, 21)),
        "closed": case_factory(state="concluded", due=D(2026, 9, 1)),
        "other_centre": make_case(
            ItemVersionFactory(item=ServiceItemFactory(department=elsewhere, centre=outsider.centre)),
            due=D(2026, 9, 1),
        ),
    }


def numbers(resp) -> list[str]:
    assert resp.status_code == 200, resp.content
    return [r["number"] for r in resp.json()["results"]]


def test_manager_sees_the_centre_most_urgent_first(api_client, token_for, manager, board):
    resp = api_client.get(URL, **token_for(manager))
    assert numbers(resp) == [board[k].number for k in ("red", "yellow", "green", "other_dept")]
    first = resp.json()["results"][0]
    assert first["colour"] == "red" and first["remaining_working_days"] == -2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"colour": "yellow"}, ["yellow"]),
        ({"colour": "red"}, ["red"]),
        ({"colour": "green"}, ["green", "other_dept"]),
        ({"department": "DEPT"}, ["red", "yellow", "green"]),
        ({"staff": "REVIEWER"}, ["red", "green"]),
        ({"item": "ITEM", "colour": "green"}, ["green"]),
    ],
)
def test_filters(api_client, token_for, supervisor, department, reviewer, version, board, params, expected):
    ids = {"DEPT": department.pk, "REVIEWER": reviewer.pk, "ITEM": version.item_id}
    query = {k: ids.get(v, v) for k, v in params.items()}
    assert numbers(api_client.get(URL, query, **token_for(supervisor))) == [board[k].number for k in expected]


def test_keyset_pages(api_client, token_for, manager, board):
    headers = token_for(manager)
    first = api_client.get(URL, {"limit": 3}, **headers).json()
    second = api_client.get(URL, {"limit": 3, "cursor": first["next_cursor"]}, **headers).json()
    assert [r["number"] for r in first["results"] + second["results"]] == [
        board[k].number for k in ("red", "yellow", "green", "other_dept")
    ]
    assert second["next_cursor"] is None


def test_reviewer_sees_only_own_cases(api_client, token_for, reviewer, board):
    assert numbers(api_client.get(URL, **token_for(reviewer))) == [board["red"].number, board["green"].number]


def test_clerk_is_forbidden_and_anonymous_unauthenticated(api_client, token_for, clerk, board):
    resp = api_client.get(URL, **token_for(clerk))
    assert resp.status_code == 403 and resp.json()["code"] == "role_not_allowed"
    resp = api_client.get(URL)
    assert resp.status_code == 401 and resp.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"colour": "purple"}, 422, "invalid_colour"),
        ({"centre": "abc"}, 422, "validation_error"),
        ({"cursor": "%%%not-a-cursor"}, 422, "invalid_cursor"),
        ({"cursor": "MjAyNi0xMy0wMXw1"}, 422, "invalid_cursor"),  # "2026-13-01|5"
        ({"limit": "0"}, 422, "invalid_limit"),
        ({"limit": "99999999999999999999999"}, 422, None),
        ({"centre": "OTHER"}, 404, "centre_not_found"),
        ({"department": "999999"}, 404, "department_not_found"),
        ({"item": "999999"}, 404, "item_not_found"),
        ({"staff": "OUTSIDER"}, 404, "staff_not_found"),
    ],
)
def test_bad_input_is_never_a_500(api_client, token_for, manager, outsider, board, params, status, code):
    ids = {"OTHER": outsider.centre_id, "OUTSIDER": outsider.pk}
    resp = api_client.get(URL, {k: ids.get(v, v) for k, v in params.items()}, **token_for(manager))
    assert resp.status_code == status, resp.content
    body = resp.json()
    assert set(body) == {"code", "message", "message_en", "detail"}
    if code:
        assert body["code"] == code


def test_outsider_cannot_see_our_cases(api_client, token_for, board, other_centre):
    from onewindow.network.models import Role
    from tests.factories import StaffFactory, UserFactory

    their_manager = StaffFactory(
        user=UserFactory(username="m2"), centre=other_centre, roles=[Role.CENTRE_MANAGER]
    )
    assert numbers(api_client.get(URL, **token_for(their_manager))) == [board["other_centre"].number]


def test_anomalies_api(api_client, token_for, manager, supervisor, board, outsider):
    Anomaly.objects.create(
        rule="extension_without_reason",
        subject=f"case:{board['red'].pk}",
        case=board["red"],
        centre=board["red"].centre,
        first_seen=dt.datetime(2026, 9, 29, tzinfo=dt.UTC),
    )
    Anomaly.objects.create(
        rule="extension_without_reason",
        subject="case:x",
        centre=outsider.centre,
        first_seen=dt.datetime(2026, 9, 29, tzinfo=dt.UTC),
    )
    resp = api_client.get("/api/v1/supervision/anomalies", **token_for(manager))
    assert resp.status_code == 200
    assert [a["case"] for a in resp.json()["results"]] == [board["red"].number]
    assert resp.json()["results"][0]["label"]
    resp = api_client.get("/api/v1/supervision/anomalies", {"rule": "nope"}, **token_for(supervisor))
    assert resp.status_code == 422 and resp.json()["code"] == "invalid_rule"
