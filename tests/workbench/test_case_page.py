"""The shared case page /workbench/cases/<number>/: scope, applicant masking, clock, timeline."""

from __future__ import annotations

import pytest

from onewindow.cases import services as svc
from onewindow.network.models import Role
from tests.factories import DepartmentFactory, StaffFactory, UserFactory
from tests.workbench.backoffice_support import *  # noqa: F403

PERSON_ID = "11010519491231002X"


def url(case):
    return f"/workbench/cases/{case.number}/"


def test_reviewer_sees_case_with_clock_materials_and_timeline(client, reviewer, accepted):
    client.force_login(reviewer.user)
    resp = client.get(url(accepted))
    page = resp.content.decode()
    assert resp.status_code == 200
    assert accepted.number in page
    assert "食品经营许可" in page
    assert "申请书" in page and "身份证明" in page      # materials
    assert 'data-event="accept"' in page                 # timeline
    assert accepted.decision_due_date.isoformat() in page  # clock: due date
    assert 'data-colour="green"' in page                   # 10 working days left
    assert PERSON_ID not in page                           # need to know: a reviewer sees it masked
    for action in ("review", "suspend", "return"):
        assert f'data-action="{action}"' in page


@pytest.mark.parametrize("persona", ["manager", "supervisor"])
def test_centre_roles_see_masked_identifiers(client, request, accepted, persona):
    staff = request.getfixturevalue(persona)
    client.force_login(staff.user)
    page = client.get(url(accepted)).content.decode()
    assert PERSON_ID not in page
    assert "110***********002X" in page
    assert "13800001234" not in page


def test_outsider_and_other_department_get_404(client, outsider, centre, accepted):
    client.force_login(outsider.user)
    assert client.get(url(accepted)).status_code == 404
    other = StaffFactory(user=UserFactory(username="rev2"), centre=centre, roles=[Role.REVIEWER],
                         department=DepartmentFactory(centre=centre, code="ZZ", name="另一局"))
    client.force_login(other.user)
    assert client.get(url(accepted)).status_code == 404


def test_unknown_number_and_citizen_get_404(client, reviewer, accepted, db):
    client.force_login(reviewer.user)
    assert client.get("/workbench/cases/NO-SUCH/").status_code == 404
    client.force_login(UserFactory(username="citizen"))
    assert client.get(url(accepted)).status_code == 404


def test_anonymous_is_sent_to_login(client, accepted):
    resp = client.get(url(accepted))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_clerk_sees_no_back_office_panels(client, clerk, accepted):
    client.force_login(clerk.user)
    page = client.get(url(accepted)).content.decode()
    assert 'data-action="review"' not in page
    assert 'data-action="suspend"' not in page


def test_paused_case_shows_the_pause_and_resume(client, reviewer, accepted, frozen):
    svc.case_suspend(case=accepted, by=reviewer, kind="field_survey", reason="现场踏勘")
    client.force_login(reviewer.user)
    page = client.get(url(accepted)).content.decode()
    assert 'data-action="resume"' in page
    assert 'data-action="suspend"' not in page
    assert "现场踏勘" in page


def test_case_page_query_count(client, reviewer, accepted, django_assert_max_num_queries):
    svc.case_review(case=accepted, by=reviewer, opinion="材料齐全")
    client.force_login(reviewer.user)
    client.get(url(accepted))  # warm the session and the calendar
    with django_assert_max_num_queries(15):
        assert client.get(url(accepted)).status_code == 200


def test_issuer_is_pointed_to_the_issuing_window(client, issuer, chief, accepted):
    from django.urls import NoReverseMatch, reverse

    svc.case_decide(case=accepted, by=chief, outcome="approve", opinion="同意")
    client.force_login(issuer.user)
    page = client.get(url(accepted)).content.decode()
    try:
        assert f'href="{reverse("workbench:issuing")}"' in page
    except NoReverseMatch:  # the issuing window is not there yet: no dead link either
        assert "/workbench/issuing/" not in page


def test_decided_case_shows_on_time(client, chief, accepted):
    svc.case_decide(case=accepted, by=chief, outcome="approve", opinion="同意")
    client.force_login(chief.user)
    page = client.get(url(accepted)).content.decode()
    assert 'data-clock="on-time"' in page
    assert 'data-action="decide"' not in page  # nothing left to decide
