"""Fixtures of the cases tests: a published item with a material list and a situation, a joint
bundle of two departments, a higher-level centre, and helpers that drive a case into any state
through the services (the same path the API takes)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from onewindow.cases import services as svc
from onewindow.catalogue.models import (
    BundleComponent,
    CaseClass,
    MaterialRequirement,
    MaterialSource,
    Situation,
    SituationOption,
)
from onewindow.network.models import CentreLevel, Role
from tests.factories import (
    AuthorisationFactory,
    CentreFactory,
    DepartmentFactory,
    ItemVersionFactory,
    MaterialFactory,
    RegionFactory,
    ServiceItemFactory,
    StaffFactory,
    UserFactory,
)

# A working Monday well inside the published 2026 calendar.
TZ_MONDAY = dt.timezone(dt.timedelta(hours=8))
MONDAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=TZ_MONDAY)
PERSON_ID = "11010519491231002X"
ORG_USCC = "91350100M000100Y43"


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def version(department):
    """许可 item of `department`: statutory 20 / promised 10 working days, two required materials, one
    conditional material added by a situation answer, one taken from the licence library."""
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可",
                              implementation_code="11990101MB0000001X400011100001")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, conclude_on_delivery=False,
                           result_type="", case_class=CaseClass.PROMISED)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    v.m_lease = MaterialFactory(version=v, name="租赁合同", position=3,
                                requirement=MaterialRequirement.CONDITIONAL)
    v.m_licence = MaterialFactory(version=v, name="营业执照", position=4,
                                  source=MaterialSource.LICENCE_LIBRARY)
    v.situation = Situation.objects.create(version=v, question="经营场所是否租赁？")
    v.opt_rented = SituationOption.objects.create(situation=v.situation, label="租赁")
    v.opt_rented.adds.add(v.m_lease)
    v.opt_owned = SituationOption.objects.create(situation=v.situation, label="自有")
    return v


@pytest.fixture
def immediate_version(department):
    item = ServiceItemFactory(department=department, centre=department.centre, name="即办证明",
                              implementation_code="11990101MB0000001X400011100002")
    v = ItemVersionFactory(item=item, statutory_days=1, promised_days=0, case_class=CaseClass.IMMEDIATE,
                           result_type="证明")
    v.m_form = MaterialFactory(version=v, name="申请表", position=1)
    return v


@pytest.fixture
def joint_version(centre, department, other_department):
    """A bundle (企业开办) of two components: department (lead, 3 days) and other_department (5 days)."""
    comp_a = ServiceItemFactory(department=department, centre=centre, name="设立登记",
                                implementation_code="11990101MB0000001X400011100010")
    ItemVersionFactory(item=comp_a, statutory_days=20, promised_days=3)
    comp_b = ServiceItemFactory(department=other_department, centre=centre, name="公章刻制备案",
                                implementation_code="11990101MB0000001X400011100011")
    ItemVersionFactory(item=comp_b, statutory_days=20, promised_days=5)
    bundle = ServiceItemFactory(department=department, centre=centre, name="企业开办",
                                implementation_code="11990101MB0000001X400011100012")
    v = ItemVersionFactory(item=bundle, statutory_days=45, promised_days=10, case_class=CaseClass.JOINT,
                           result_type="营业执照")
    v.m_form = MaterialFactory(version=v, name="企业开办申请表", position=1)
    BundleComponent.objects.create(bundle=bundle, component=comp_a, is_lead=True, position=1)
    BundleComponent.objects.create(bundle=bundle, component=comp_b, position=2)
    return v


@pytest.fixture
def other_chief(centre, other_department):
    staff = StaffFactory(user=UserFactory(username="chief2"), name="chief2", centre=centre,
                         department=other_department, roles=[Role.CHIEF_REPRESENTATIVE])
    AuthorisationFactory(staff=staff, department=other_department)
    return staff


@pytest.fixture
def city(centre):
    """A city centre above `centre`, with a department of the same code as `department`."""
    city = CentreFactory(name="测试市政务服务中心", level=CentreLevel.CITY,
                         region=RegionFactory(code="990100", name="测试市"))
    centre.parent = city
    centre.save(update_fields=["parent"])
    city.dept = DepartmentFactory(centre=city, name="测试市市场监督管理局", code="SCJG")
    city.clerk = StaffFactory(user=UserFactory(username="cityclerk"), centre=city, roles=[Role.CLERK])
    city.chief = StaffFactory(user=UserFactory(username="citychief"), centre=city, department=city.dept,
                              roles=[Role.CHIEF_REPRESENTATIVE])
    AuthorisationFactory(staff=city.chief, department=city.dept)
    city.issuer = StaffFactory(user=UserFactory(username="cityissuer"), centre=city, roles=[Role.ISSUER])
    return city


def applicant(**kw) -> svc.ApplicantIn:
    data = {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": PERSON_ID,
            "phone": "13800001234"}
    data.update(kw)
    return svc.ApplicantIn(**data)


def complete(version, *, skip=()) -> list[svc.MaterialIn]:
    return [svc.MaterialIn(material=m.pk, provided="original") for m in (version.m_form, version.m_id)
            if m not in skip] if hasattr(version, "m_id") else [svc.MaterialIn(material=version.m_form.pk,
                                                                               provided="original")]


def intake(by, version, **kw):
    kw.setdefault("materials", complete(version))
    kw.setdefault("applicant", applicant())
    return svc.case_intake(by=by, item_code=version.item.implementation_code, **kw)

