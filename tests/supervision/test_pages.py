"""The staff pages: board (query count, scope, filters, links), anomalies, and the public duty board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from onewindow.network.models import DutyStatus
from onewindow.supervision.models import Anomaly
from tests.factories import PASSWORD

D = dt.date


def login(staff) -> Client:
    client = Client()
    assert client.login(username=staff.user.username, password=PASSWORD)
    return client


def test_board_shows_colours_as_text_and_links(db, frozen, case_factory, manager, reviewer):
    red = case_factory(due=D(2026, 9, 25), reviewer=reviewer)
    case_factory(due=D(2026, 10, 8))
    resp = login(manager).get("/supervision/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert red.number in html and "colour-red" in html and "colour-yellow" in html
    assert html.index(red.number) < html.index("colour-yellow")


def test_board_query_count_does_not_grow_with_cases(
    db, frozen, case_factory, manager, reviewer, django_assert_max_num_queries
):
    for n in range(40):
        case_factory(due=D(2026, 9, 25) + dt.timedelta(days=n % 20), reviewer=reviewer)
    client = login(manager)
    client.get("/supervision/")  # warm the calendar cache and the session
    with django_assert_max_num_queries(7):
        resp = client.get("/supervision/", {"colour": "yellow"})
    assert resp.status_code == 200


def test_reviewer_sees_own_cases_clerk_is_refused(db, frozen, case_factory, reviewer, second_reviewer, clerk):
    mine = case_factory(due=D(2026, 10, 8), reviewer=reviewer)
    theirs = case_factory(due=D(2026, 10, 8), reviewer=second_reviewer)
    html = login(reviewer).get("/supervision/").content.decode()
    assert mine.number in html and theirs.number not in html
    assert login(clerk).get("/supervision/").status_code == 403


def test_bad_filters_answer_in_the_page(db, frozen, manager):
    client = login(manager)
    assert client.get("/supervision/", {"colour": "purple"}).status_code == 422
    assert client.get("/supervision/", {"cursor": "!!"}).status_code == 422
    assert client.get("/supervision/", {"centre": "99999"}).status_code == 404


def test_anonymous_is_sent_to_login(db):
    resp = Client().get("/supervision/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_anomaly_page(db, frozen, case_factory, supervisor):
    case = case_factory()
    Anomaly.objects.create(
        rule="extension_without_reason",
        subject=f"case:{case.pk}",
        case=case,
        centre=case.centre,
        first_seen=dt.datetime(2026, 9, 29, tzinfo=dt.UTC),
    )
    html = login(supervisor).get("/supervision/anomalies/").content.decode()
    assert case.number in html


@pytest.mark.parametrize("by", ["id", "region"])
def test_public_duty_board(db, centre, clerk, reviewer, by):
    reviewer.duty_status = DutyStatus.OUT
    reviewer.duty_note = "外出踏勘 13800001234"
    reviewer.save()
    key = centre.pk if by == "id" else centre.region_id
    resp = Client().get(f"/supervision/duty/{key}/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "clerk" in html and "A01" in html and "reviewer" in html
    assert "13800001234" not in html and clerk.user.username + "@" not in html
    api = Client().get(f"/api/v1/supervision/duty/{key}").json()
    assert {"name", "window", "status"} <= set(api[0]) and "phone" not in api[0]


def test_duty_board_unknown_centre(db):
    assert Client().get("/supervision/duty/nope/").status_code == 404
    assert Client().get("/api/v1/supervision/duty/424242").status_code == 404
