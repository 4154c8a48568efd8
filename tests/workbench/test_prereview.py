# ruff: noqa: F811 - the fixtures imported from tests.accounts.citizens are used as parameters
"""Online pre-review in the workbench: the clerk's queue, accept, or one one-time notice listing
each missing or defective material; the resubmission comes back to the queue and is accepted."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from onewindow.cases.models import CaseEvent
from onewindow.cases.services import online
from onewindow.cases.services.online import Defect
from onewindow.core.errors import Conflict, Invalid
from onewindow.notices.models import Notice
from onewindow.workbench.prereview.selectors import prereview_queue
from tests.accounts.citizens import (  # noqa: F401 - fixtures
    _clear_cache,
    citizen,
    draft,
    frozen,
    online_version,
    other_citizen,
    pdf,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(clerk):
    c = Client()
    c.force_login(clerk.user)
    return c


def test_queue_lists_submitted_online_cases_of_the_centre(frozen, clerk, outsider, citizen, online_version,
                                                          clerk_client):
    case = submitted(citizen, online_version)
    still_draft = draft(citizen, online_version)
    assert list(prereview_queue(staff=clerk)) == [case]
    assert list(prereview_queue(staff=outsider)) == []
    page = clerk_client.get(reverse("workbench:prereview")).content.decode()
    assert case.number in page and still_draft.number not in page


def test_queue_page_is_for_clerks_only(frozen, reviewer, citizen, online_version):
    c = Client()
    c.force_login(reviewer.user)
    assert c.get(reverse("workbench:prereview")).status_code == 404
    c.force_login(citizen)
    assert c.get(reverse("workbench:prereview")).status_code == 404
    assert Client().get(reverse("workbench:prereview")).status_code == 302


def test_detail_shows_materials_and_files_and_a_file_downloads(frozen, citizen, online_version, clerk_client):
    case = submitted(citizen, online_version)
    page = clerk_client.get(reverse("workbench:prereview_case", args=[case.number])).content.decode()
    assert "申请书" in page and 'data-action="accept"' in page and 'data-action="notice"' in page
    a = case.attachments.first()
    resp = clerk_client.get(reverse("workbench:prereview_file", args=[case.number, a.pk]))
    assert resp.status_code == 200 and b"".join(resp.streaming_content).startswith(b"%PDF")


def test_outsider_cannot_open_the_case(frozen, outsider, citizen, online_version):
    case = submitted(citizen, online_version)
    c = Client()
    c.force_login(outsider.user)
    assert c.get(reverse("workbench:prereview_case", args=[case.number])).status_code == 404
    assert c.post(reverse("workbench:prereview_accept", args=[case.number])).status_code == 404


def test_accept_complete_application(frozen, clerk, citizen, online_version, clerk_client):
    case = submitted(citizen, online_version)
    resp = clerk_client.post(reverse("workbench:prereview_accept", args=[case.number]))
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted" and case.decision_due_date is not None
    assert set(case.materials.filter(required=True).values_list("status", flat=True)) == {"electronic"}
    assert list(prereview_queue(staff=clerk)) == []


def test_accept_with_a_required_material_missing_is_refused(frozen, clerk, citizen, online_version,
                                                           clerk_client):
    case = submitted(citizen, online_version, skip=(online_version.m_id,))
    with pytest.raises(Conflict) as exc:
        online.prereview_accept(case=case, by=clerk)
    assert exc.value.code == "materials_missing"
    resp = clerk_client.post(reverse("workbench:prereview_accept", args=[case.number]), follow=True)
    assert "一次性告知" in resp.content.decode() or "one-time notice" in resp.content.decode()


def test_notice_lists_each_defect_then_resubmit_then_accept(frozen, clerk, citizen, online_version,
                                                            clerk_client, django_capture_on_commit_callbacks):
    v = online_version
    case = submitted(citizen, v, skip=(v.m_id,))
    with django_capture_on_commit_callbacks(execute=True):
        resp = clerk_client.post(reverse("workbench:prereview_notice", args=[case.number]),
                                 {"defect": [v.m_form.pk, v.m_id.pk], f"note-{v.m_form.pk}": "签名缺失"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "supplement_required" and case.one_time_notice_at is not None
    assert {m["material"] for m in case.missing} == {v.m_form.pk, v.m_id.pk}
    assert case.materials.get(material=v.m_form).note == "签名缺失"
    assert Notice.objects.filter(case=case, kind="one_time").exists()
    assert list(prereview_queue(staff=clerk)) == []  # the citizen's turn

    with pytest.raises(Invalid) as exc:  # nothing uploaded since the notice
        online.online_resubmit(user=citizen, case=case)
    assert exc.value.code == "supplement_files_missing"
    frozen.shift(60)
    for m in (v.m_form, v.m_id):
        online.online_attach(user=citizen, case=case, upload=pdf(f"{m.name}-2.pdf"), material_id=m.pk)
    online.online_resubmit(user=citizen, case=case)
    case.refresh_from_db()
    assert case.state == "supplement_required"
    assert list(prereview_queue(staff=clerk)) == [case]
    page = clerk_client.get(reverse("workbench:prereview_case", args=[case.number])).content.decode()
    assert 'data-action="supplement"' in page and 'data-action="notice"' not in page  # one notice only

    clerk_client.post(reverse("workbench:prereview_accept", args=[case.number]))
    case.refresh_from_db()
    assert case.state == "accepted" and case.missing == []
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", "actor_role"))
    assert ("notice", "clerk") in actions and ("supplement", "citizen") in actions
    assert actions[-1] == ("supplement", "clerk")


def test_notice_needs_at_least_one_defect_and_only_list_materials(frozen, clerk, citizen, online_version):
    case = submitted(citizen, online_version)
    with pytest.raises(Invalid):
        online.prereview_notice(case=case, by=clerk, defects=[])
    with pytest.raises(Invalid):
        online.prereview_notice(case=case, by=clerk, defects=[Defect(material=999999)])
    case.refresh_from_db()
    assert case.state == "submitted"


def test_queue_query_count_is_flat(frozen, clerk, citizen, online_version, clerk_client,
                                   django_assert_max_num_queries):
    for _ in range(5):
        submitted(citizen, online_version)
    with django_assert_max_num_queries(12):
        assert clerk_client.get(reverse("workbench:prereview")).status_code == 200
