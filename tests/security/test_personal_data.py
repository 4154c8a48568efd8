"""Personal data in the cases API: masked unless the viewer needs it; reveal logs who/what/when/why;
retention masks applicants of long-ended cases (dry run by default)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from onewindow.accounts.services import api_token_issue
from onewindow.cases import services as svc
from onewindow.cases.models import Applicant, Case
from onewindow.security.models import PersonalDataAccess
from tests.cases.conftest import PERSON_ID, intake
from tests.factories import PASSWORD

PHONE = "13800001234"


def auth(staff) -> dict:
    token = api_token_issue(username=staff.user.username, password=PASSWORD)
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def applicant_of(client, staff, number, **query):
    resp = client.get(f"/api/v1/cases/{number}", query, **auth(staff))
    assert resp.status_code == 200, resp.content
    return resp.json()["applicant"]


@pytest.fixture
def received(frozen, clerk, version):
    return intake(clerk, version, accept=False).case


@pytest.fixture
def accepted(frozen, clerk, version):
    return intake(clerk, version).case


def test_receiving_clerk_sees_identifiers_at_intake(client, clerk, received):
    a = applicant_of(client, clerk, received.number)
    assert (a["id_number"], a["phone"]) == (PERSON_ID, PHONE)


def test_same_clerk_sees_them_masked_after_acceptance(client, clerk, accepted):
    a = applicant_of(client, clerk, accepted.number)
    assert a["id_number"] == "110***********002X" and a["phone"] == "138****1234"


@pytest.mark.parametrize("persona", ["reviewer", "chief", "manager", "supervisor", "issuer"])
def test_other_roles_see_masked_identifiers(client, request, accepted, persona):
    a = applicant_of(client, request.getfixturevalue(persona), accepted.number)
    assert PERSON_ID not in a["id_number"] and a["phone"] != PHONE
    assert a["id_number"].endswith("002X")


def test_issuer_sees_identifiers_when_the_case_waits_for_pickup(client, frozen, clerk, chief, issuer,
                                                                 version):
    case = intake(clerk, version).case
    svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")
    a = applicant_of(client, issuer, case.number)
    assert a["id_number"] == PERSON_ID


def test_action_answers_are_masked_too(client, reviewer, accepted):
    resp = client.post(f"/api/v1/cases/{accepted.number}/actions/review", {"opinion": "审查通过"},
                       content_type="application/json", **auth(reviewer))
    assert resp.status_code == 200
    assert resp.json()["applicant"]["id_number"] != PERSON_ID


def test_reveal_with_reason_shows_and_logs(client, frozen, reviewer, accepted):
    a = applicant_of(client, reviewer, accepted.number, reveal="id_number", reason="核对身份证明材料")
    assert a["id_number"] == PERSON_ID
    assert a["phone"] == "138****1234"  # only what was asked for
    log = PersonalDataAccess.objects.get()
    assert (log.user_id, log.subject, log.subject_ref, log.fields, log.reason) == (
        reviewer.user_id, "case", accepted.number, ["id_number"], "核对身份证明材料")
    assert log.at is not None and log.ip == "127.0.0.1"


def test_reveal_without_reason_is_refused_and_not_logged(client, reviewer, accepted):
    resp = client.get(f"/api/v1/cases/{accepted.number}", {"reveal": "id_number"}, **auth(reviewer))
    assert resp.status_code == 422 and resp.json()["code"] == "reveal_reason_required"
    assert not PersonalDataAccess.objects.exists()


def test_reveal_of_unknown_field_is_422(client, reviewer, accepted):
    resp = client.get(f"/api/v1/cases/{accepted.number}", {"reveal": "password", "reason": "x y"},
                      **auth(reviewer))
    assert resp.status_code == 422 and resp.json()["code"] == "unknown_reveal_field"


def test_reveal_of_a_case_out_of_scope_is_404_and_not_logged(client, outsider, accepted):
    resp = client.get(f"/api/v1/cases/{accepted.number}", {"reveal": "id_number", "reason": "看看"},
                      **auth(outsider))
    assert resp.status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_public_progress_stays_masked(client, accepted):
    resp = client.get(f"/api/v1/public/progress/{accepted.number}", {"verify": "002X"})
    assert resp.status_code == 200
    assert PERSON_ID not in resp.content.decode() and PHONE not in resp.content.decode()


def _age(case, days):
    Case.objects.filter(pk=case.pk).update(state="concluded",
                                           updated_at=case.updated_at - dt.timedelta(days=days))


def test_purge_is_a_dry_run_by_default(frozen, accepted):
    _age(accepted, 4000)
    out = io.StringIO()
    call_command("purge_personal_data", "--older-than", "1095", stdout=out)
    assert "would mask" in out.getvalue() and "1 applicants" in out.getvalue()
    assert Applicant.objects.get().id_number == PERSON_ID


def test_purge_masks_only_applicants_whose_cases_all_ended_long_ago(frozen, clerk, version, accepted):
    _age(accepted, 4000)
    recent = intake(clerk, version, applicant=svc.ApplicantIn(
        kind="person", name="李四", id_type="resident_id", id_number="110105198001010016",
        phone="13900001111")).case
    call_command("purge_personal_data", "--older-than", "1095", "--apply", stdout=io.StringIO())
    old_a = Applicant.objects.get(pk=accepted.applicant_id)
    assert old_a.id_number == "110***********002X" and old_a.phone == "138****1234"
    assert Applicant.objects.get(pk=recent.applicant_id).id_number == "110105198001010016"
    # Masked values still answer the public progress check (last 4 characters kept).
    assert old_a.id_number.endswith("002X")
