"""The contract with the cases app, through its own services: acceptance assesses the fees and asks
for the acceptance notice; a one-time notice lists what the checklist says is missing; the issuing
window's payment settles the fees."""

from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.cases import services as svc
from onewindow.fees.models import FeeAssessment, Receipt
from onewindow.fees.selectors import fees_due
from onewindow.notices.models import Notice, NoticeStatus
from tests.factories import FeeFactory, ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.notices.conftest import notice_text

APPLICANT = svc.ApplicantIn(kind="person", name="李四", id_type="resident_id", id_number="11010519491231002X")


@pytest.fixture
def version(centre, department):
    item = ServiceItemFactory(department=department, centre=centre, name="食品经营许可")
    version = ItemVersionFactory(item=item)
    MaterialFactory(version=version, name="申请书", acceptance_standard="申请人签字")
    MaterialFactory(version=version, name="营业执照", acceptance_standard="加盖公章的复印件")
    FeeFactory(version=version, name="工本费", amount=Decimal("30.00"))
    return version


def intake(clerk, version, *, provided):
    lines = [svc.MaterialIn(material=m.pk, provided="original" if m.name in provided else "missing")
             for m in version.materials.all()]
    return svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=APPLICANT,
                           materials=lines).case


def test_acceptance_assesses_fees_and_renders_the_notice(version, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = intake(clerk, version, provided={"申请书", "营业执照"})

    assert case.state == "accepted"
    assert FeeAssessment.objects.filter(case=case).count() == 1
    assert fees_due(case=case) == Decimal("30.00")
    notice = Notice.objects.get(case=case)
    assert (notice.kind, notice.status) == ("acceptance", NoticeStatus.READY)
    assert notice.event.action == "accept"
    text = notice_text(notice)
    assert "受理通知书" in text and case.number in text and "李四" in text

    svc.case_pay(case=case, by=clerk, method="cash")
    assert fees_due(case=case) == Decimal("0.00")
    assert Receipt.objects.get(payment__case=case).payer_name == "李四"


def test_one_time_notice_from_the_intake(version, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = intake(clerk, version, provided={"申请书"})

    assert case.state == "supplement_required"
    notice = Notice.objects.get(case=case)
    assert notice.kind == "one_time" and notice.status == NoticeStatus.READY
    text = notice_text(notice)
    assert "营业执照" in text and "加盖公章的复印件" in text
    assert "申请人签字" not in text  # provided, so not listed
    assert not FeeAssessment.objects.filter(case=case).exists()  # fees come with acceptance
