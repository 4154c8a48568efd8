"""Fixtures of the citizen side (portal-citizen): citizens, an organisation, an item open for online
applications, and helpers that drive an online application through the services. Test modules
outside tests/accounts import the fixtures they use from here (tests/portal and tests/workbench are
shared directories, so their conftest.py files are not ours)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onewindow.accounts.models import Organisation, OrganisationMember, OrganisationRole
from onewindow.cases.services import online
from onewindow.catalogue.models import MaterialRequirement, Situation, SituationOption
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory, UserFactory

# A working Monday inside the published 2026 calendar (as in tests/cases).
MONDAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
CITIZEN_ID = "110105198001010016"
OTHER_ID = "110105199002020026"
ORG_USCC = "91350100M000100Y43"
ITEM_CODE = "11990101MB0000001X400011100101"
ZERO_VISIT_CODE = "11990101MB0000001X400011100102"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "scan.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Lockout counters live in the cache; each test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def make_citizen(username: str, id_number: str, name: str = "张三"):
    return UserFactory(username=username, display_name=name, phone=username, id_number=id_number)


@pytest.fixture
def citizen(db):
    return make_citizen("13800001111", CITIZEN_ID, "张三")


@pytest.fixture
def other_citizen(db):
    return make_citizen("13900002222", OTHER_ID, "李四")


@pytest.fixture
def org(citizen):
    """An organisation whose legal representative is `citizen`."""
    o = Organisation.objects.create(uscc=ORG_USCC, name="青禾测试有限公司", legal_rep_name="张三",
                                    legal_rep_id_number=CITIZEN_ID, created_by=citizen, created_at=MONDAY)
    OrganisationMember.objects.create(organisation=o, user=citizen,
                                      role=OrganisationRole.LEGAL_REPRESENTATIVE, added_at=MONDAY)
    return o


@pytest.fixture
def online_version(department):
    """An item of `department` with two required materials and a situation adding a third."""
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可（网办）",
                              implementation_code=ITEM_CODE)
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, conclude_on_delivery=False,
                           result_type="", visits_required=1, online_depth=3)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    v.m_lease = MaterialFactory(version=v, name="租赁合同", position=3,
                                requirement=MaterialRequirement.CONDITIONAL)
    v.situation = Situation.objects.create(version=v, question="经营场所是否租赁？")
    v.opt_rented = SituationOption.objects.create(situation=v.situation, label="租赁")
    v.opt_rented.adds.add(v.m_lease)
    v.opt_owned = SituationOption.objects.create(situation=v.situation, label="自有")
    return v


@pytest.fixture
def zero_visit_version(department):
    item = ServiceItemFactory(department=department, centre=department.centre, name="证明开具（零跑动）",
                              implementation_code=ZERO_VISIT_CODE)
    v = ItemVersionFactory(item=item, statutory_days=5, promised_days=1, visits_required=0, online_depth=4,
                           result_type="")
    v.m_form = MaterialFactory(version=v, name="申请表", position=1)
    return v


@pytest.fixture
def citizen_client(citizen):
    c = Client()
    c.force_login(citizen)
    return c


@pytest.fixture
def other_client(other_citizen):
    c = Client()
    c.force_login(other_citizen)
    return c


def draft(user, version, **kw):
    return online.online_draft_create(user=user, item_code=version.item.implementation_code, **kw)


def submitted(user, version, *, skip=()):
    """A submitted application with a file for each required material except those in `skip`."""
    case = draft(user, version)
    for m in (version.m_form, version.m_id):
        if m not in skip:
            online.online_attach(user=user, case=case, upload=pdf(f"{m.name}.pdf"), material_id=m.pk)
    return online.online_submit(user=user, case=case)
