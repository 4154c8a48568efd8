"""Receipt numbers: one per succeeded payment, unique and gapless per centre and year."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection

from onewindow.core.errors import Conflict
from onewindow.fees.gateways import FakeOnlineGateway
from onewindow.fees.models import Receipt
from onewindow.fees.services import fees_assess, payment_record
from tests.factories import DepartmentFactory
from tests.fees.conftest import SHANGHAI
from tests.fees.factories import CaseFactory, fees_for


def paid_case(department, by, *, amount="10.00"):
    case = CaseFactory(department=department)
    fees_for(case, amount)
    fees_assess(case=case)
    return payment_record(case=case, method="cash", by=by).receipt


def test_numbers_are_sequential_per_centre_and_year(department, clerk, other_centre, outsider, frozen):
    first, second, third = (paid_case(department, clerk) for _ in range(3))
    assert [r.seq for r in (first, second, third)] == [1, 2, 3]
    assert [r.number for r in (first, second, third)] == ["990101-2025-000001", "990101-2025-000002",
                                                          "990101-2025-000003"]

    elsewhere = paid_case(DepartmentFactory(centre=other_centre), outsider)
    assert (elsewhere.number, elsewhere.seq) == ("990102-2025-000001", 1)

    frozen.move_to(dt.datetime(2026, 1, 2, 9, 0, tzinfo=SHANGHAI))
    new_year = paid_case(department, clerk)
    assert (new_year.year, new_year.seq, new_year.number) == (2026, 1, "990101-2026-000001")
    assert Receipt.objects.filter(centre=department.centre).count() == 4
    assert len(set(Receipt.objects.values_list("number", flat=True))) == 5


def test_failed_payment_takes_no_number(department, clerk, online):
    case = CaseFactory(department=department)
    fees_for(case, "10.00")
    fees_assess(case=case)
    with FakeOnlineGateway.failing(), pytest.raises(Conflict):
        payment_record(case=case, method="online", by=clerk, reference="A")
    receipt = payment_record(case=case, method="cash", by=clerk, amount=Decimal("4.00")).receipt
    assert receipt.seq == 1


def test_receipt_number_format_is_configurable(department, clerk, settings):
    settings.ONEWINDOW_RECEIPT_NUMBER_FORMAT = "SF{year}{region}{seq:05d}"
    assert paid_case(department, clerk).number == "SF202599010100001"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_get_distinct_gapless_numbers(department, clerk):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    cases = []
    for _ in range(8):
        case = CaseFactory(department=department)
        fees_for(case, "10.00")
        fees_assess(case=case)
        cases.append(case)
    barrier = threading.Barrier(len(cases))

    def pay(case):
        try:
            barrier.wait()
            return payment_record(case=case, method="cash", by=clerk).receipt.seq
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(cases)) as pool:
        seqs = sorted(pool.map(pay, cases))
    assert seqs == list(range(1, 9))
