"""Cases built directly through the ORM (the fees and notices tests must not depend on the cases
services' rules), plus the catalogue fees and a seal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from onewindow.cases.models import Applicant, ApplicantKind, Case, CaseClass, IdType, State
from onewindow.network.models import Seal
from tests.factories import DepartmentFactory, FeeFactory, ItemVersionFactory, ServiceItemFactory

ACCEPTED_AT = timezone.make_aware(dt.datetime(2025, 3, 3, 10, 0))


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Applicant

    kind = ApplicantKind.PERSON
    name = "张三"
    id_type = IdType.RESIDENT_ID
    id_number = "11010519491231002X"
    phone = "13800138000"


class CaseFactory(factory.django.DjangoModelFactory):
    """An accepted promised case of `department`'s item (pass centre/department to place it)."""

    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"990101202503030{n:05d}")
    department = factory.SubFactory(DepartmentFactory)
    centre = factory.LazyAttribute(lambda o: o.department.centre)
    item = factory.LazyAttribute(lambda o: ServiceItemFactory(department=o.department, centre=o.centre,
                                                              name="食品经营许可"))
    item_version = factory.LazyAttribute(lambda o: ItemVersionFactory(item=o.item))
    applicant = factory.SubFactory(ApplicantFactory)
    case_class = CaseClass.PROMISED
    state = State.ACCEPTED
    received_at = ACCEPTED_AT
    received_on = dt.date(2025, 3, 3)
    accepted_at = ACCEPTED_AT
    accepted_on = dt.date(2025, 3, 3)
    statutory_days = 20
    promised_days = 10
    statutory_due_date = dt.date(2025, 3, 31)
    promised_due_date = dt.date(2025, 3, 17)
    decision_due_date = dt.date(2025, 3, 17)


def fees_for(case, *amounts: str, waivers: str = "") -> list:
    """Fees on the case's pinned version: fees_for(case, "10.00", "25.50")."""
    return [FeeFactory(version=case.item_version, name=f"收费{i}", amount=Decimal(a), waivers=waivers)
            for i, a in enumerate(amounts, start=1)]


def seal_for(*, centre, department=None, name="测试县市场监督管理局行政审批专用章", code=None):
    return Seal.objects.create(centre=centre, department=department, name=name,
                               code=code or f"SEAL-{centre.pk}-{department.pk if department else 0}",
                               registered_on=dt.date(2020, 1, 1))
