"""Every unmasked view is logged: not only explicit reveals, also the views by need to know (the
receiving clerk at intake, the issuer at pickup) — in the API and on the staff case page."""

from __future__ import annotations

from onewindow.cases import services as svc
from onewindow.security.models import PersonalDataAccess
from tests.cases.conftest import PERSON_ID, intake
from tests.security.test_personal_data import applicant_of


def test_receiving_clerk_view_at_intake_is_logged(client, frozen, clerk, version):
    case = intake(clerk, version, accept=False).case
    assert applicant_of(client, clerk, case.number)["id_number"] == PERSON_ID
    log = PersonalDataAccess.objects.get()
    assert log.user == clerk.user and log.subject_ref == case.number
    assert "intake" in log.reason and "id_number" in log.fields


def test_masked_views_are_not_logged(client, frozen, clerk, reviewer, version):
    case = intake(clerk, version).case  # accepted: the clerk no longer needs it
    applicant_of(client, clerk, case.number)
    applicant_of(client, reviewer, case.number)
    assert not PersonalDataAccess.objects.exists()


def test_issuer_case_page_at_pickup_is_logged(client, frozen, clerk, chief, issuer, version):
    case = intake(clerk, version).case
    svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")
    client.force_login(issuer.user)
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert PERSON_ID in page
    log = PersonalDataAccess.objects.get()
    assert log.user == issuer.user and "pickup" in log.reason


def test_reviewer_case_page_is_masked_and_not_logged(client, frozen, clerk, reviewer, version):
    case = intake(clerk, version).case
    client.force_login(reviewer.user)
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert PERSON_ID not in page
    assert not PersonalDataAccess.objects.exists()
