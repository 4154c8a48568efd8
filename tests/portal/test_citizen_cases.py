# ruff: noqa: F811 - the fixtures imported from tests.accounts.citizens are used as parameters
"""My cases: the list and one case with state, timeline, working-day clock, one-time notice,
documents; delivery closes once issued; evaluate and complain links; query counts stay flat."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onewindow.cases import services as svc
from onewindow.cases.services import online
from onewindow.cases.services.online import Defect
from onewindow.core.errors import Conflict
from onewindow.notices.models import Notice
from tests.accounts.citizens import (  # noqa: F401 - fixtures
    _clear_cache,
    citizen,
    citizen_client,
    draft,
    frozen,
    online_version,
    other_citizen,
    other_client,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(frozen, citizen, clerk, online_version, django_capture_on_commit_callbacks):
    case = submitted(citizen, online_version)
    with django_capture_on_commit_callbacks(execute=True):
        return online.prereview_accept(case=case, by=clerk)


def page(client, case) -> str:
    resp = client.get(reverse("portal:my_case", args=[case.number]))
    assert resp.status_code == 200
    return resp.content.decode()


def test_list_shows_own_cases_only(frozen, citizen, other_citizen, online_version, citizen_client):
    mine = draft(citizen, online_version)
    theirs = draft(other_citizen, online_version)
    body = citizen_client.get(reverse("portal:my_cases")).content.decode()
    assert mine.number in body and theirs.number not in body
    body = citizen_client.get(reverse("portal:my_cases") + "?state=accepted").content.decode()
    assert mine.number not in body


def test_draft_page_offers_uploads_submit_and_withdraw(frozen, citizen, online_version, citizen_client):
    body = page(citizen_client, draft(citizen, online_version))
    for action in ('data-action="attach"', 'data-action="submit"', 'data-action="withdraw"'):
        assert action in body
    assert 'data-action="supplement"' not in body


def test_one_time_notice_is_shown_with_each_defect(frozen, citizen, clerk, online_version, citizen_client):
    v = online_version
    case = submitted(citizen, v)
    online.prereview_notice(case=case, by=clerk, defects=[Defect(material=v.m_id.pk, note="照片模糊")])
    body = page(citizen_client, case)
    assert "照片模糊" in body and f'data-material="{v.m_id.pk}"' in body
    assert 'data-action="supplement"' in body and 'data-action="attach"' in body


def test_accepted_case_shows_the_clock_and_notices_download_only_for_the_owner(accepted, citizen_client,
                                                                               other_client):
    body = page(citizen_client, accepted)
    assert str(accepted.decision_due_date) in body
    assert 'data-action="attach"' not in body  # uploads are closed after acceptance
    notice = Notice.objects.filter(case=accepted, kind="acceptance", status="ready").first()
    assert notice is not None, "the acceptance notice is rendered after commit"
    url = reverse("portal:notice_download", args=[accepted.number, notice.pk])
    resp = citizen_client.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert other_client.get(url).status_code == 404


def test_delivery_can_be_chosen_until_issued(accepted, citizen, chief, issuer, citizen_client):
    online.online_delivery_choose(user=citizen, case=accepted, method="mail", address="青禾县人民路1号")
    case = svc.case_decide(case=accepted, by=chief, outcome="approve", opinion="同意")
    case = svc.case_issue(case=case, by=issuer)
    with pytest.raises(Conflict) as exc:
        online.online_delivery_choose(user=citizen, case=case, method="pickup")
    assert exc.value.code == "delivery_closed"
    assert 'data-action="delivery"' not in page(citizen_client, case)


def test_concluded_case_links_to_evaluation_and_complaint_when_those_pages_exist(accepted, chief, issuer,
                                                                                 citizen_client):
    case = svc.case_decide(case=accepted, by=chief, outcome="approve", opinion="同意")
    case = svc.case_issue(case=case, by=issuer)
    case = svc.case_deliver(case=case, by=issuer, method="pickup")
    case = svc.case_conclude(case=case, by=issuer)
    body = page(citizen_client, case)  # renders whether or not the feedback URLs exist yet
    from onewindow.portal.templatetags.portal_tags import url_if

    evaluate = url_if("feedback:evaluate_case", case.number)
    complaint = url_if("feedback:complaint_new")
    if evaluate:
        assert evaluate in body
    if complaint:
        assert f"{complaint}?case={case.number}" in body
    assert "已办结" in body or "Concluded" in body


def test_case_page_query_count_does_not_grow_with_events(accepted, citizen, online_version, citizen_client,
                                                         django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        page(citizen_client, accepted)
    for _ in range(5):
        draft(citizen, online_version)
    with django_assert_max_num_queries(12):
        assert citizen_client.get(reverse("portal:my_cases")).status_code == 200
