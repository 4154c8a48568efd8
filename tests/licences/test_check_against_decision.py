"""check_against_decision: the issuing window's check that the licence matches the decision."""

from __future__ import annotations

from onewindow.cases import services as case_svc
from onewindow.licences.models import Licence
from onewindow.licences.selectors import check_against_decision, licence_required
from onewindow.licences.services import licence_issue_for_case, licence_replace
from tests.licences.conftest import OTHER_PERSON_ID, direct_licence, intake


def test_matching_licence(licence, approved_case):
    check = check_against_decision(licence=licence, case=approved_case)
    assert (check.ok, check.problems, check.verification.valid) == (True, [], True)
    assert licence_required(case=approved_case)


def test_a_later_version_still_matches(licence, approved_case, issuer):
    new = licence_replace(licence=licence, by=issuer, reason="变更", fields={"经营场所": "新址"})
    assert check_against_decision(licence=new, case=approved_case).ok
    # The replaced one no longer passes.
    assert check_against_decision(licence=licence, case=approved_case).problems == ["licence_replaced"]


def test_licence_of_another_case_and_holder(licence, clerk, chief, issuer, version, frozen):
    other = case_svc.case_decide(case=intake(clerk, version, name="李四", id_number=OTHER_PERSON_ID),
                                 by=chief, outcome="approve")
    check = check_against_decision(licence=licence, case=other)
    assert not check.ok
    assert check.problems == ["not_from_case", "holder_name_mismatch", "holder_id_mismatch"]
    assert check_against_decision(licence=licence_issue_for_case(case=other, by=issuer), case=other).ok


def test_wrong_type_and_tampered(licence, approved_case, business_type, department):
    wrong = direct_licence(licence_type=business_type, department=department)
    assert check_against_decision(licence=wrong, case=approved_case).problems == [
        "not_from_case", "licence_type_mismatch"]
    Licence.objects.filter(pk=licence.pk).update(record=licence.record.replace("人民路", "人民街"))
    problems = check_against_decision(licence=licence, case=approved_case).problems
    assert problems == ["licence_signature_mismatch"]
