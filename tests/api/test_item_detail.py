"""GET /api/v1/items/{code}: the full guide, code resolution (implementation / basic code, 409 on
ambiguity), 404 for unknown and unpublished items, and a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.catalogue.models import (
    Delegation,
    MaterialForm,
    MaterialSource,
    Situation,
    SituationOption,
    SpecialProcedure,
    VersionStatus,
)
from onewindow.catalogue.services import item_refresh_search
from tests.api.conftest import assert_error, make_item
from tests.factories import CentreFactory, DepartmentFactory, ItemVersionFactory, MaterialFactory

TODAY = dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
MAX_QUERIES = 6  # item, delegations, materials, fees, situations with options, adds and removes


def url(code):
    return f"/api/v1/items/{code}"


@pytest.fixture
def licence(department):
    item = make_item(
        department=department, name="食品经营许可", keywords="餐饮", materials=3,
        fees=[("工本费", "10"), ("检测费", "0.5")], situation=True,
        content="食品经营许可的核发", conditions="有与经营的食品品种相适应的经营场所",
        legal_basis="《中华人民共和国食品安全法》第三十五条", statutory_days=20, promised_days=10,
        max_extension_days=10, notice_days=5, special_procedures=[SpecialProcedure.FIELD_SURVEY],
        flow=[{"name": "受理", "description": "窗口收件"}, {"name": "审查", "description": "现场核查"}],
        faq=[{"question": "需要多久？", "answer": "10个工作日"}], result_type="食品经营许可证",
        effective_from=dt.date(2024, 1, 1), number=2,
    )
    first = item.current_version.materials.order_by("position").first()
    first.form = MaterialForm.ORIGINAL_AND_COPY
    first.copies = 2
    first.source = MaterialSource.LICENCE_LIBRARY
    first.blank_form = "申请书.docx"
    first.save()
    return item


@pytest.mark.django_db
def test_guide_has_all_seven_disclosures(api_client, licence, department, centre):
    resp = api_client.get(url(licence.implementation_code))
    assert resp.status_code == 200, resp.content
    g = resp.json()
    version = licence.current_version
    materials = list(version.materials.order_by("position"))
    assert g["code"] == licence.basic_code
    assert g["implementation_code"] == licence.implementation_code
    assert g["name"] == "食品经营许可"
    assert g["item_type"] == "01"
    assert g["department"] == {"id": department.pk, "code": "SCJG", "name": "测试县市场监督管理局"}
    assert g["centre"]["id"] == centre.pk
    assert g["legal_basis"] == "《中华人民共和国食品安全法》第三十五条"
    assert g["conditions"] == "有与经营的食品品种相适应的经营场所"
    assert g["content"] == "食品经营许可的核发"
    limits = (g["statutory_days"], g["promised_days"], g["max_extension_days"], g["notice_days"])
    assert limits == (20, 10, 10, 5)
    assert g["case_class"] == "promised"
    assert g["version"] == {"number": 2, "effective_from": "2024-01-01"}
    assert g["special_procedures"] == ["field_survey"]
    assert g["result_type"] == "食品经营许可证"
    assert g["flow"][1] == {"name": "审查", "description": "现场核查"}
    assert g["faq"] == [{"question": "需要多久？", "answer": "10个工作日"}]
    assert g["fees"] == [
        {"name": "工本费", "amount": "10.00", "standard": "", "basis": "", "waivers": ""},
        {"name": "检测费", "amount": "0.50", "standard": "", "basis": "", "waivers": ""},
    ]
    assert [m["id"] for m in g["materials"]] == [m.pk for m in materials]
    assert [m["required"] for m in g["materials"]] == [True, True, False]
    assert g["materials"][0] == {
        "id": materials[0].pk, "name": "食品经营许可材料1", "required": True, "requirement": "required",
        "form": "original_and_copy", "copies": 2, "medium": "paper", "source": "licence_library",
        "issuing_body": "", "licence_type": "", "acceptance_standard": "原件核对一致",
        "blank_form": "申请书.docx", "sample": "", "legal_basis": "", "note": "",
    }
    conditional = materials[-1].pk
    (situation,) = g["situations"]
    assert situation["question"] == "是否委托他人办理？"
    assert [(o["label"], o["adds"], o["removes"]) for o in situation["options"]] == [
        ("是", [conditional], []), ("否", [], [conditional])]
    assert g["delegated_to"] == []


@pytest.mark.django_db
def test_situation_options_reference_only_this_guides_materials(api_client, licence):
    g = api_client.get(url(licence.implementation_code)).json()
    ids = {m["id"] for m in g["materials"]}
    for option in g["situations"][0]["options"]:
        assert set(option["adds"]) | set(option["removes"]) <= ids


@pytest.mark.django_db
def test_guide_shows_the_current_version_not_an_older_one(api_client, licence):
    old = licence.current_version
    new = ItemVersionFactory(item=licence, number=3, name="食品经营许可（新）", promised_days=5,
                             effective_from=dt.date(2025, 1, 1))
    MaterialFactory(version=new, name="新版材料")
    item_refresh_search(item=licence, version=new)
    g = api_client.get(url(licence.implementation_code)).json()
    assert g["version"]["number"] == 3
    assert g["name"] == "食品经营许可（新）"
    assert g["promised_days"] == 5
    assert [m["name"] for m in g["materials"]] == ["新版材料"]
    assert old.materials.count() == 3


@pytest.mark.django_db
def test_delegated_to_lists_only_delegations_in_force(api_client, licence, centre):
    towns = [CentreFactory(name=f"镇{i}", parent=centre) for i in range(4)]
    Delegation.objects.create(item=licence, to_centre=towns[0], valid_from=dt.date(2025, 1, 1))
    Delegation.objects.create(item=licence, to_centre=towns[1], valid_from=dt.date(2025, 1, 1), revoked=True)
    Delegation.objects.create(item=licence, to_centre=towns[2], valid_from=dt.date(2024, 1, 1),
                              valid_to=dt.date(2025, 5, 31))
    Delegation.objects.create(item=licence, to_centre=towns[3], valid_from=dt.date(2025, 7, 1))
    with time_machine.travel(TODAY, tick=False):
        g = api_client.get(url(licence.implementation_code)).json()
    assert g["delegated_to"] == [towns[0].pk]


@pytest.mark.django_db
def test_basic_code_resolves_when_it_names_one_item(api_client, licence):
    g = api_client.get(url(licence.basic_code)).json()
    assert g["implementation_code"] == licence.implementation_code


@pytest.mark.django_db
def test_ambiguous_basic_code_is_409_unless_centre_narrows_it(api_client, licence, other_centre):
    elsewhere = make_item(department=DepartmentFactory(centre=other_centre, code="SCJG"), name="食品经营许可",
                          basic_code=licence.basic_code)
    body = assert_error(api_client.get(url(licence.basic_code)), 409, "ambiguous_item_code")
    candidates = body["detail"]["candidates"]
    assert sorted(c["implementation_code"] for c in candidates) == sorted(
        [licence.implementation_code, elsewhere.implementation_code])
    assert {c["centre"]["id"] for c in candidates} == {licence.centre_id, other_centre.pk}
    narrowed = api_client.get(url(licence.basic_code), {"centre": other_centre.pk}).json()
    assert narrowed["implementation_code"] == elsewhere.implementation_code
    # An implementation code is never ambiguous.
    assert api_client.get(url(licence.implementation_code)).json()["centre"]["id"] == licence.centre_id


@pytest.mark.django_db
def test_an_unpublished_twin_does_not_make_a_basic_code_ambiguous(api_client, licence, department):
    make_item(department=department, name="草稿", basic_code=licence.basic_code, status=VersionStatus.DRAFT)
    assert api_client.get(url(licence.basic_code)).status_code == 200


@pytest.mark.django_db
def test_unknown_and_unpublished_items_are_404(api_client, licence, department):
    draft = make_item(department=department, name="草稿事项", status=VersionStatus.DRAFT)
    retired = make_item(department=department, name="已废止事项")
    retired.current_version.status = VersionStatus.RETIRED
    retired.current_version.save()
    inactive = make_item(department=department, name="停用事项")
    inactive.active = False
    inactive.save()
    for code in ("NOPE", draft.implementation_code, draft.basic_code, retired.implementation_code,
                 inactive.implementation_code, "x" * 41, "%00", "a%00b"):
        body = assert_error(api_client.get(url(code)), 404, "item_not_found")
        assert body["message"] == "未找到该事项或事项未发布"
    # The item exists at one centre only: another centre does not find it.
    assert_error(api_client.get(url(licence.implementation_code), {"centre": 999999}), 404, "item_not_found")


@pytest.mark.django_db
def test_detail_query_count_is_constant(api_client, department, django_assert_max_num_queries):
    small = make_item(department=department, name="小事项", materials=2, fees=[("工本费", "1")],
                      situation=True)
    big = make_item(department=department, name="大事项", materials=15, fees=[("a", "1"), ("b", "2")],
                    situation=True)
    for i in range(3):  # more situations with options on the big one
        sit = Situation.objects.create(version=big.current_version, question=f"问题{i}", position=i + 1)
        for j in range(3):
            opt = SituationOption.objects.create(situation=sit, label=f"答{j}", position=j)
            opt.adds.set(big.current_version.materials.all()[: j + 1])
    counts = []
    for item in (small, big):
        with django_assert_max_num_queries(MAX_QUERIES), CaptureQueriesContext(connection) as ctx:
            resp = api_client.get(url(item.implementation_code))
        assert resp.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert len(resp.json()["situations"]) == 4
    assert len(resp.json()["materials"]) == 15


@pytest.mark.django_db
def test_guide_without_situations_or_fees(api_client, department, django_assert_max_num_queries):
    item = make_item(department=department, name="无材料事项")
    with django_assert_max_num_queries(MAX_QUERIES):
        g = api_client.get(url(item.implementation_code)).json()
    assert (g["materials"], g["fees"], g["situations"]) == ([], [], [])


@pytest.mark.django_db
def test_situation_without_options_is_still_published(api_client, licence):
    Situation.objects.create(version=licence.current_version, question="尚未设置选项的问题", position=9)
    situations = api_client.get(url(licence.implementation_code)).json()["situations"]
    assert [(s["question"], len(s["options"])) for s in situations] == [
        ("是否委托他人办理？", 2), ("尚未设置选项的问题", 0)]
