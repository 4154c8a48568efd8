# ruff: noqa: F811 - the fixtures imported from tests.accounts.citizens are used as parameters
"""A citizen reads only their own cases; an organisation member only the organisation's. Changing
the number (or the notice, licence or file id) in a URL gives 404, never another person's data."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from onewindow.accounts import services as accounts
from onewindow.cases.selectors_citizen import cases_visible_to_citizen
from onewindow.cases.services import online
from onewindow.notices.models import Notice, NoticeStatus
from tests.accounts.citizens import (  # noqa: F401 - fixtures
    _clear_cache,
    citizen,
    citizen_client,
    draft,
    frozen,
    make_citizen,
    online_version,
    org,
    other_citizen,
    other_client,
    pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(frozen, citizen, online_version):
    case = draft(citizen, online_version)
    online.online_attach(user=citizen, case=case, upload=pdf(), material_id=online_version.m_form.pk)
    return case


def urls(case, attachment_id):
    return [reverse("portal:my_case", args=[case.number]),
            reverse("portal:attachment_download", args=[case.number, attachment_id])]


def test_owner_reads_the_case_and_its_file(mine, citizen_client):
    a = mine.attachments.get()
    for url in urls(mine, a.pk):
        assert citizen_client.get(url).status_code == 200


def test_another_citizen_gets_404_for_every_url(mine, other_client):
    a = mine.attachments.get()
    for url in urls(mine, a.pk):
        assert other_client.get(url).status_code == 404


def test_unknown_number_and_foreign_number_answer_alike(mine, other_client):
    foreign = other_client.get(reverse("portal:my_case", args=[mine.number]))
    unknown = other_client.get(reverse("portal:my_case", args=["NO-SUCH-NUMBER"]))
    assert foreign.status_code == unknown.status_code == 404


def test_a_file_of_another_case_under_my_number_is_404(frozen, mine, citizen, other_citizen, online_version,
                                                       other_client):
    theirs = draft(other_citizen, online_version)
    # The other citizen asks for MY attachment id under THEIR case number.
    a = mine.attachments.get()
    url = reverse("portal:attachment_download", args=[theirs.number, a.pk])
    assert other_client.get(url).status_code == 404


def test_notice_of_another_case_is_404(frozen, mine, citizen, other_client, citizen_client, tmp_path):
    notice = Notice.objects.create(case=mine, kind="one_time", status=NoticeStatus.READY,
                                   created_at=mine.created_at)
    notice.file.save("n.pdf", pdf().file, save=True)
    url = reverse("portal:notice_download", args=[mine.number, notice.pk])
    assert citizen_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 404


def test_actions_on_a_foreign_case_are_404_and_change_nothing(mine, other_client):
    for name in ("case_submit", "case_resubmit", "case_delivery", "case_withdraw"):
        resp = other_client.post(reverse(f"portal:{name}", args=[mine.number]),
                                 {"reason": "x", "method": "pickup"})
        assert resp.status_code == 404, name
    resp = other_client.post(reverse("portal:case_upload", args=[mine.number]),
                             {"material": mine.materials.first().material_id, "file": pdf()})
    assert resp.status_code == 404
    mine.refresh_from_db()
    assert mine.state == "draft" and mine.attachments.count() == 1


def test_anonymous_visitors_are_sent_to_login(mine):
    resp = Client().get(reverse("portal:my_case", args=[mine.number]))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("portal:login"))


def test_staff_of_the_centre_is_not_a_citizen_reader(mine, clerk):
    c = Client()
    c.force_login(clerk.user)
    assert c.get(reverse("portal:my_case", args=[mine.number])).status_code == 404


def test_organisation_members_see_the_organisation_cases_only(frozen, citizen, other_citizen, org,
                                                              online_version):
    personal = draft(citizen, online_version)
    org_case = draft(citizen, online_version, organisation_id=org.pk)
    third = make_citizen("13500005555", "110105197003030032", "王五")
    accounts.organisation_member_add(by=citizen, organisation_id=org.pk, phone=other_citizen.username)
    assert set(cases_visible_to_citizen(user=citizen)) == {personal, org_case}
    assert set(cases_visible_to_citizen(user=other_citizen)) == {org_case}  # not citizen's own case
    assert set(cases_visible_to_citizen(user=third)) == set()
    accounts.organisation_member_remove(by=citizen, organisation_id=org.pk, user_id=other_citizen.pk)
    assert set(cases_visible_to_citizen(user=other_citizen)) == set()


def test_applying_for_an_organisation_one_is_not_a_member_of_is_refused(frozen, other_citizen, org,
                                                                        online_version):
    from onewindow.core.errors import Invalid

    with pytest.raises(Invalid) as exc:
        draft(other_citizen, online_version, organisation_id=org.pk)
    assert exc.value.code == "organisation_not_member"
