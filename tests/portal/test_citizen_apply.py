# ruff: noqa: F811 - the fixtures imported from tests.accounts.citizens are used as parameters
"""Apply online: the form per item, the draft, per-material uploads checked by content and size,
submission; then resubmission after the one-time notice; zero-visit items and delivery."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.services import online
from onewindow.core.errors import Conflict, Invalid
from tests.accounts.citizens import (  # noqa: F401 - fixtures
    PDF,
    PNG,
    _clear_cache,
    citizen,
    citizen_client,
    draft,
    frozen,
    online_version,
    other_citizen,
    pdf,
    submitted,
    zero_visit_version,
)

pytestmark = pytest.mark.django_db


def test_apply_page_shows_the_questionnaire(frozen, citizen_client, online_version):
    page = citizen_client.get(reverse("portal:apply", args=[online_version.item.implementation_code]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "经营场所是否租赁？" in body and 'data-action="draft"' in body


def test_apply_page_of_an_unknown_item_is_404(frozen, citizen_client):
    assert citizen_client.get(reverse("portal:apply", args=["NOPE"])).status_code == 404


def test_apply_page_needs_a_login(frozen, client, online_version):
    resp = client.get(reverse("portal:apply", args=[online_version.item.implementation_code]))
    assert resp.status_code == 302 and reverse("portal:login") in resp["Location"]


def test_posting_the_form_creates_a_draft_with_the_answers_material_list(frozen, citizen, citizen_client,
                                                                         online_version):
    v = online_version
    resp = citizen_client.post(reverse("portal:apply", args=[v.item.implementation_code]),
                               {"as": "", f"s{v.situation.pk}": v.opt_rented.pk})
    case = Case.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("portal:my_case", args=[case.number])
    assert case.state == "draft" and case.channel == "online" and case.receiving_clerk is None
    assert case.applicant.id_number == citizen.id_number
    required = set(case.materials.filter(required=True).values_list("material_id", flat=True))
    assert required == {v.m_form.pk, v.m_id.pk, v.m_lease.pk}
    event = CaseEvent.objects.get(case=case)
    assert (event.action, event.actor_id, event.actor_role) == ("draft", citizen.pk, "citizen")
    assert event.hash  # chained like every other event


def test_a_bad_situation_answer_is_422(frozen, citizen_client, online_version):
    v = online_version
    resp = citizen_client.post(reverse("portal:apply", args=[v.item.implementation_code]),
                               {f"s{v.situation.pk}": 999999})
    assert resp.status_code == 422 and not Case.objects.exists()


def test_upload_marks_the_material_electronic(frozen, citizen, citizen_client, online_version):
    case = draft(citizen, online_version)
    resp = citizen_client.post(reverse("portal:case_upload", args=[case.number]),
                               {"material": online_version.m_form.pk, "file": pdf("申请书.pdf")})
    assert resp.status_code == 302
    row = case.materials.get(material=online_version.m_form)
    assert row.status == "electronic"
    a = case.attachments.get()
    assert a.content_type == "application/pdf" and a.uploaded_by == citizen


@pytest.mark.parametrize(("name", "data", "code"), [
    ("evil.pdf", b"MZ\x90\x00 this is an exe", "file_type_not_allowed"),
    ("page.pdf", b"<html><script>alert(1)</script>", "file_type_not_allowed"),
    ("empty.pdf", b"", "file_empty"),
])
def test_uploads_are_checked_by_content_not_name(frozen, citizen, online_version, name, data, code):
    case = draft(citizen, online_version)
    with pytest.raises(Invalid) as exc:
        online.online_attach(user=citizen, case=case, upload=pdf(name, data),
                             material_id=online_version.m_form.pk)
    assert exc.value.code == code
    assert not case.attachments.exists()


def test_a_png_named_pdf_is_stored_as_png(frozen, citizen, online_version):
    case = draft(citizen, online_version)
    a = online.online_attach(user=citizen, case=case, upload=pdf("photo.pdf", PNG),
                             material_id=online_version.m_form.pk)
    assert a.content_type == "image/png"


@override_settings(ONEWINDOW_ATTACHMENT_MAX_BYTES=100)
def test_too_large_upload_is_refused(frozen, citizen, citizen_client, online_version):
    case = draft(citizen, online_version)
    resp = citizen_client.post(reverse("portal:case_upload", args=[case.number]),
                               {"material": online_version.m_form.pk,
                                "file": pdf("big.pdf", PDF + b"0" * 200)},
                               follow=True)
    assert "过大" in resp.content.decode() or "too large" in resp.content.decode()
    assert not case.attachments.exists()


def test_upload_for_a_material_not_in_the_list_is_refused(frozen, citizen, online_version,
                                                          zero_visit_version):
    case = draft(citizen, online_version)
    with pytest.raises(Invalid) as exc:
        online.online_attach(user=citizen, case=case, upload=pdf(), material_id=zero_visit_version.m_form.pk)
    assert exc.value.code == "material_not_in_list"


def test_submit_receives_the_case_and_closes_uploads(frozen, citizen, citizen_client, online_version):
    case = draft(citizen, online_version)
    resp = citizen_client.post(reverse("portal:case_submit", args=[case.number]))
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "submitted" and case.received_on is not None and case.notice_due_date is not None
    assert {m["material"] for m in case.missing} == {online_version.m_form.pk, online_version.m_id.pk}
    with pytest.raises(Conflict) as exc:
        online.online_attach(user=citizen, case=case, upload=pdf(), material_id=online_version.m_form.pk)
    assert exc.value.code == "upload_closed"
    with pytest.raises(Conflict) as exc:
        online.online_submit(user=citizen, case=case)
    assert exc.value.code == "invalid_transition"


def test_withdraw_before_acceptance(frozen, citizen, citizen_client, online_version):
    case = submitted(citizen, online_version)
    resp = citizen_client.post(reverse("portal:case_withdraw", args=[case.number]), {"reason": "不办了"})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "withdrawn" and case.outcome == "withdrawn"


def test_delivery_choice(frozen, citizen, citizen_client, online_version):
    case = draft(citizen, online_version)
    url = reverse("portal:case_delivery", args=[case.number])
    citizen_client.post(url, {"method": "mail", "address": ""})
    assert case.citizen_link.delivery_method == ""  # mail needs an address
    citizen_client.post(url, {"method": "mail", "address": "青禾县人民路1号"})
    case.citizen_link.refresh_from_db()
    link = case.citizen_link
    assert (link.delivery_method, link.delivery_address) == ("mail", "青禾县人民路1号")
    with pytest.raises(Invalid):  # download is for zero-visit items only
        online.online_delivery_choose(user=citizen, case=case, method="download")


def test_zero_visit_item_offers_download(frozen, citizen, citizen_client, zero_visit_version):
    case = draft(citizen, zero_visit_version)
    page = citizen_client.get(reverse("portal:my_case", args=[case.number])).content.decode()
    assert 'value="download"' in page
    link = online.online_delivery_choose(user=citizen, case=case, method="download")
    assert link.delivery_method == "download"
