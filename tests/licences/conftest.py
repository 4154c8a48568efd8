"""Fixtures of the licence tests: a department with a USCC and an approval seal whose SM2 key is a
fixed test key written to a tmp file, a licence type, an item whose result is that licence, and an
approved case built through the cases services (intake at the window, decision by the chief)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from onewindow.cases import services as case_svc
from onewindow.catalogue.models import CaseClass, MaterialSource
from onewindow.licences.crypto import key_file_write, public_key_of
from onewindow.licences.models import LicenceType
from onewindow.licences.services import licence_issue_for_case, seal_key_register
from onewindow.licences.services.issue import licence_sign_and_store
from onewindow.licences.verification import licence_verify, licences_with_relations
from onewindow.network.models import Seal
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A working Monday inside the published 2026 calendar.
MONDAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=SHANGHAI)
# The deterministic test key (the private key of the worked example in GB/T 32918.2; any d in
# [1, n-2] is a key on the recommended curve). Never use it for anything but tests and the demo.
TEST_PRIVATE_KEY = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8"
SECOND_PRIVATE_KEY = "128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263"
DEPARTMENT_USCC = "12990101MB00000016"
PERSON_ID = "11010519491231002X"
OTHER_PERSON_ID = "110105198001010024"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ONEWINDOW_PUBLIC_BASE_URL = "https://zwfw.example.gov.cn"
    return settings.MEDIA_ROOT


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def key_file(tmp_path):
    return key_file_write(tmp_path / "keys" / "seal.key", TEST_PRIVATE_KEY, comment="test seal key")


@pytest.fixture
def seal(department, key_file):
    department.uscc = DEPARTMENT_USCC
    department.save(update_fields=["uscc"])
    seal = Seal.objects.create(centre=department.centre, department=department,
                               name="测试县市场监督管理局行政审批专用章", code="SEAL-SCJG",
                               key_ref=f"file:{key_file}", registered_on=dt.date(2020, 1, 1))
    seal.test_key = seal_key_register(seal=seal, public_key=public_key_of(TEST_PRIVATE_KEY))
    return seal


@pytest.fixture
def licence_type(db):
    return LicenceType.objects.create(code="food_business_licence", identifier_code="SPJY",
                                      name="食品经营许可证", validity_years=5,
                                      fields_schema=["经营场所", "经营项目"])


@pytest.fixture
def business_type(db):
    return LicenceType.objects.create(code="business_licence", identifier_code="YYZZ", name="营业执照",
                                      validity_years=0, fields_schema=["住所"])


@pytest.fixture
def version(department, licence_type):
    """A 许可 item whose result is a 食品经营许可证; one of its materials (营业执照) may come from the
    licence library."""
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可",
                              implementation_code="11990101MB0000001X400011100001")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, case_class=CaseClass.PROMISED,
                           result_type="食品经营许可证", result_licence_type="food_business_licence",
                           conclude_on_delivery=False)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    v.m_business = MaterialFactory(version=v, name="营业执照", position=3,
                                   source=MaterialSource.LICENCE_LIBRARY, licence_type="business_licence")
    return v


def intake(clerk, version, *, name="张小三", id_number=PERSON_ID, **applicant):
    lines = [case_svc.MaterialIn(material=m.pk, provided="original") for m in (version.m_form, version.m_id)]
    person = case_svc.ApplicantIn(kind="person", name=name, id_type="resident_id", id_number=id_number,
                                  phone="13800001234", **applicant)
    return case_svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=person,
                                materials=lines).case


@pytest.fixture
def approved_case(frozen, clerk, chief, version, seal):
    case = intake(clerk, version)
    return case_svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")


@pytest.fixture
def licence(approved_case, issuer):
    return licence_issue_for_case(case=approved_case, by=issuer, fields={"经营场所": "测试县人民路1号",
                                                                        "经营项目": "预包装食品销售"})


def direct_licence(*, licence_type, department, holder=("张小三", "resident_id", PERSON_ID), fields=None,
                   valid_from=None, valid_to=None):
    """A licence issued without a case (e.g. an earlier one already in the library)."""
    if fields is None:
        fields = {n: "x" for n in licence_type.fields_schema}
    return licence_sign_and_store(licence_type=licence_type, title=licence_type.name,
                                  centre=department.centre, department=department, holder=holder,
                                  fields=fields, valid_from=valid_from or dt.date(2026, 1, 5),
                                  valid_to=valid_to)


def verified(licence):
    return licence_verify(licence=licences_with_relations().get(pk=licence.pk))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def pdf_bytes(licence) -> bytes:
    with licence.pdf.open("rb") as fh:
        return fh.read()
