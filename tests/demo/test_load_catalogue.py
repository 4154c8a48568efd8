"""load_catalogue: 120+ real-world items covering every type and case class, with bundles,
delegations, situations, e-licence materials, township items and the disclosure item."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count

from onewindow.catalogue.models import (
    BundleComponent,
    CaseClass,
    Delegation,
    ExerciseLevel,
    ItemType,
    ItemVersion,
    Material,
    MaterialRequirement,
    MaterialSource,
    ServiceItem,
    SituationOption,
    SpecialProcedure,
    VersionStatus,
)
from onewindow.catalogue.selectors import materials_for
from onewindow.demo import refs
from onewindow.demo.codes import implementation_code
from onewindow.network.models import CentreLevel

LIFE_EVENTS = ("开办企业", "生育", "退休", "就业", "购房", "结婚", "入学", "就医", "养老", "身后事",
               "残疾人服务", "退役军人服务")


def _current():
    return ItemVersion.objects.filter(pk__in=ServiceItem.objects.values("current_version"))


def test_120_plus_items_all_published_with_materials_and_a_legal_basis(demo):
    items = ServiceItem.objects.select_related("current_version", "department")
    assert items.count() >= 120
    for item in items:
        v = item.current_version
        assert v is not None and v.status == VersionStatus.PUBLISHED, item.name
        assert v.legal_basis.strip() and v.conditions.strip(), item.name
        assert v.materials.exists(), item.name
        assert v.promised_days <= v.statutory_days, item.name
        assert v.flow and v.review_steps and v.address and v.phone, item.name
        assert item.search_text and item.name == v.name


def test_every_item_type_and_case_class_is_present(demo):
    current = _current()
    assert set(current.values_list("item_type", flat=True)) == set(ItemType.values)
    assert set(current.values_list("case_class", flat=True)) == set(CaseClass.values)


def test_codes_follow_uscc_level_and_basic_code(demo):
    for item in ServiceItem.objects.select_related("department"):
        assert len(item.basic_code) == 12 and item.basic_code[:2] == item.item_type
        assert item.implementation_code == implementation_code(uscc=item.department.uscc,
                                                               level=item.exercise_level,
                                                               basic_code=item.basic_code)
    per_centre = ServiceItem.objects.values("centre", "basic_code").annotate(n=Count("id"))
    assert all(row["n"] == 1 for row in per_centre)


def test_three_joint_bundles_each_with_one_lead_and_two_departments(demo):
    bundles = ServiceItem.objects.filter(components__isnull=False).distinct()
    assert set(bundles.values_list("name", flat=True)) == {
        "企业开办一件事", "存量房买卖转移登记一件事", "社会保障联办一件事"}
    for bundle in bundles:
        components = BundleComponent.objects.filter(bundle=bundle).select_related("component")
        assert sum(c.is_lead for c in components) == 1
        assert len({c.component.department_id for c in components}) >= 2
        assert bundle.current_version.case_class == CaseClass.JOINT
    startup = {c.component.name for c in BundleComponent.objects.filter(bundle__name="企业开办一件事")
               .select_related("component")}
    assert {"公司设立登记", "印章刻制备案", "社会保险登记(单位参保登记)"} <= startup


def test_disclosure_item_has_the_regulation_limits(demo):
    v = ServiceItem.objects.get(name="政府信息公开申请").current_version
    assert (v.statutory_days, v.max_extension_days, v.notice_days) == (20, 20, 7)
    assert v.promised_days <= 20 and "第三十三条" in v.legal_basis


def test_county_items_are_delegated_to_townships(demo):
    delegations = Delegation.objects.select_related("item__centre", "to_centre")
    assert delegations.count() >= 1
    assert all(d.item.centre.level == CentreLevel.COUNTY and d.to_centre.level == CentreLevel.TOWNSHIP
               for d in delegations)
    assert delegations.filter(item__name="个体工商户设立登记").count() == 3


def test_proxy_situation_adds_the_letter_and_the_agents_id(demo):
    v = ServiceItem.objects.get(name="公司设立登记").current_version
    option = SituationOption.objects.get(situation__version=v, label="委托他人办理")
    assert set(option.adds.values_list("name", flat=True)) == {"授权委托书", "代理人居民身份证"}
    required = {m.name for m in materials_for(version=v, answers={})}
    with_proxy = {m.name for m in materials_for(version=v, answers={option.situation_id: option.pk})}
    assert with_proxy - required == {"授权委托书", "代理人居民身份证"}
    assert SituationOption.objects.filter(removes__isnull=False).exists()


def test_every_conditional_material_is_added_by_some_answer(demo):
    added = set(SituationOption.adds.through.objects.values_list("material_id", flat=True))
    conditional = Material.objects.filter(requirement=MaterialRequirement.CONDITIONAL)
    assert conditional.count() > 50
    assert list(conditional.exclude(pk__in=added).values_list("version__name", "name")) == []


def test_versions_record_their_publisher(demo):
    publisher = refs.user("zhangyu")
    assert not _current().exclude(published_by=publisher).exists()


def test_licence_library_materials_name_their_licence_type(demo):
    library = Material.objects.filter(source=MaterialSource.LICENCE_LIBRARY)
    assert library.exists() and not library.filter(licence_type="").exists()
    assert {"resident_id_card", "business_licence", "household_register"} <= set(
        library.values_list("licence_type", flat=True))
    assert Material.objects.filter(requirement=MaterialRequirement.CONDITIONAL).exists()
    assert not Material.objects.filter(acceptance_standard="").exists()


def test_township_items_and_village_proxy(demo):
    for key in ("hedong", "liutang", "yunxi"):
        items = ServiceItem.objects.filter(centre=refs.centre(key), exercise_level=ExerciseLevel.TOWNSHIP)
        assert items.count() >= 4
    homestead = ServiceItem.objects.get(centre=refs.centre("liutang"), name="农村村民宅基地审批")
    assert homestead.department.code == "ZF"
    proxyable = [v for v in _current() if "proxy" in v.handling_forms]
    assert len(proxyable) >= 30


def test_life_events_special_procedures_and_fees(demo):
    events = {e for v in _current() for e in v.life_events}
    assert set(LIFE_EVENTS) <= events
    procedures = {p for v in _current() for p in v.special_procedures}
    assert procedures == set(SpecialProcedure.values)
    with_fees = _current().filter(fees__isnull=False).distinct()
    assert 0 < with_fees.count() < _current().count() / 4  # most services are free
    id_card = ServiceItem.objects.get(name="居民身份证申领、换领、补领").current_version
    assert sorted(id_card.fees.values_list("amount", flat=True)) == [Decimal("20.00"), Decimal("40.00")]


def test_an_item_with_history_keeps_its_superseded_version(demo):
    item = ServiceItem.objects.get(name="公司设立登记")
    v1, v2 = item.versions.order_by("number")
    assert item.current_version == v2 and v1.status == VersionStatus.PUBLISHED
    assert v1.effective_to == v2.effective_from and v1.promised_days > v2.promised_days
    assert item.search_text.count("gssldj")  # pinyin initials of 公司设立登记


def test_bundle_components_and_pinyin_search(demo):
    assert ServiceItem.objects.filter(search_text__contains="sfz").filter(name__contains="身份证").exists()
    assert BundleComponent.objects.count() == 13
