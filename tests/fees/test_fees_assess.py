from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.fees.models import FeeAssessment
from onewindow.fees.selectors import fees_due
from onewindow.fees.services import fees_assess, payment_record
from onewindow.network.models import Authorisation
from tests.factories import FeeFactory, ItemVersionFactory
from tests.fees.factories import fees_for

WAIVABLE = "低保对象、特困人员免收"


def rows(case):
    return list(FeeAssessment.objects.filter(case=case).order_by("fee_id")
                .values_list("name", "amount", "waived", "waiver_reason"))


def test_assesses_every_fee_of_the_pinned_version(case, clerk):
    fees_for(case, "10.00", "25.50")
    # A later version of the same item has other fees: the case keeps the version it was accepted under.
    FeeFactory(version=ItemVersionFactory(item=case.item, number=2), amount=Decimal("99.00"))

    total = fees_assess(case=case, by=clerk)

    assert total == Decimal("35.50")
    assert rows(case) == [("收费1", Decimal("10.00"), False, ""), ("收费2", Decimal("25.50"), False, "")]
    assert FeeAssessment.objects.get(case=case, name="收费1").assessed_by == clerk
    assert fees_due(case=case) == Decimal("35.50")


def test_no_fees_assesses_nothing(case):
    assert fees_assess(case=case) == Decimal("0.00")
    assert FeeAssessment.objects.filter(case=case).count() == 0
    assert fees_due(case=case) == Decimal("0.00")


def test_waiver_by_chief_representative(case, chief):
    fee, other = fees_for(case, "10.00", "5.00", waivers=WAIVABLE)

    total = fees_assess(case=case, by=chief.user, waive={fee.pk: "申请人持有低保证"})

    assert total == Decimal("5.00")
    assert rows(case) == [("收费1", Decimal("10.00"), True, "申请人持有低保证"),
                          ("收费2", Decimal("5.00"), False, "")]
    assert fees_due(case=case) == Decimal("5.00")


@pytest.mark.parametrize(("waivers", "reason", "code"), [
    ("", "低保", "fee_not_waivable"),
    (WAIVABLE, "  ", "waiver_reason_required"),
])
def test_bad_waiver_is_refused_and_writes_nothing(case, chief, waivers, reason, code):
    (fee,) = fees_for(case, "10.00", waivers=waivers)
    fees_assess(case=case, by=chief)
    before = rows(case)

    with pytest.raises(Invalid) as exc:
        fees_assess(case=case, by=chief, waive={fee.pk: reason})

    assert exc.value.code == code
    assert rows(case) == before


def test_waiver_of_a_fee_of_another_version_is_unknown(case, chief):
    fees_for(case, "10.00", waivers=WAIVABLE)
    stranger = FeeFactory(waivers=WAIVABLE)
    with pytest.raises(Invalid) as exc:
        fees_assess(case=case, by=chief, waive={stranger.pk: "x"})
    assert exc.value.code == "unknown_fee"
    with pytest.raises(Invalid):
        fees_assess(case=case, by=chief, waive={"not-a-number": "x"})
    assert FeeAssessment.objects.filter(case=case).count() == 0


def test_only_a_chief_with_the_fee_power_may_waive(case, clerk, chief):
    (fee,) = fees_for(case, "10.00", waivers=WAIVABLE)
    for by in (clerk, None):
        with pytest.raises(Forbidden) as exc:
            fees_assess(case=case, by=by, waive={fee.pk: "低保"})
        assert exc.value.code == "waiver_not_authorised"
    Authorisation.objects.filter(staff=chief).update(fee_collection=False)
    with pytest.raises(Forbidden):
        fees_assess(case=case, by=chief, waive={fee.pk: "低保"})
    assert FeeAssessment.objects.filter(case=case).count() == 0


def test_reassessment_replaces_and_never_duplicates(case, chief):
    fee, _ = fees_for(case, "10.00", "5.00", waivers=WAIVABLE)
    fees_assess(case=case)
    ids = set(FeeAssessment.objects.filter(case=case).values_list("pk", flat=True))

    assert fees_assess(case=case, by=chief, waive={fee.pk: "低保"}) == Decimal("5.00")
    assert fees_assess(case=case, by=chief, waive={fee.pk: "低保"}) == Decimal("5.00")
    assert set(FeeAssessment.objects.filter(case=case).values_list("pk", flat=True)) == ids

    # Re-assessing without the waiver takes it back.
    assert fees_assess(case=case) == Decimal("15.00")
    assert FeeAssessment.objects.filter(case=case, waived=True).count() == 0
    assert FeeAssessment.objects.filter(case=case).count() == 2


def test_assessment_is_settled_once_paid(case, chief, clerk):
    fee, _ = fees_for(case, "10.00", "5.00", waivers=WAIVABLE)
    fees_assess(case=case)
    payment_record(case=case, method="cash", by=clerk, amount=Decimal("3.00"))
    before = rows(case)

    assert fees_assess(case=case) == Decimal("15.00")
    assert rows(case) == before
    with pytest.raises(Conflict) as exc:
        fees_assess(case=case, by=chief, waive={fee.pk: "低保"})
    assert exc.value.code == "fees_already_paid"
    assert rows(case) == before
