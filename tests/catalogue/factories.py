"""Catalogue builders for tests: items made through the services (so they obey the rules) and a few
factory_boy factories for rows the services do not create directly."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from onewindow.catalogue import services
from onewindow.catalogue.models import (
    CaseClass,
    Delegation,
    GuideReview,
    ItemType,
    ServiceItem,
    Situation,
    SituationOption,
)
from onewindow.catalogue.selectors import item_draft
from tests.factories import ServiceItemFactory

_codes = itertools.count(1)


def next_codes() -> tuple[str, str]:
    """(basic code, implementation code) pairs that never repeat within a test run."""
    n = next(_codes)
    basic = f"0001{n:08d}"
    return basic, f"11990100MB0000000X4{basic}"


def draft_item(*, department, name: str = "食品经营许可", statutory_days: int = 20, promised_days: int = 10,
               **fields) -> ServiceItem:
    basic, impl = next_codes()
    fields.setdefault("basic_code", basic)
    fields.setdefault("implementation_code", impl)
    return services.item_create(centre=department.centre, department=department, name=name,
                                item_type=fields.pop("item_type", ItemType.LICENSING),
                                statutory_days=statutory_days, promised_days=promised_days, **fields)


def published_item(*, department, materials: tuple[str, ...] = ("居民身份证", "营业执照"),
                   effective_from: dt.date | None = None, **fields) -> ServiceItem:
    """An item whose first version is published with the given required materials."""
    item = draft_item(department=department, **fields)
    draft = item_draft(item=item)
    for name in materials:
        services.material_add(version=draft, name=name)
    if effective_from is not None:
        services.item_version_update(version=draft, effective_from=effective_from)
    services.item_version_publish(version=draft)
    item.refresh_from_db()
    return item


def joint_bundle(*, department, **fields) -> ServiceItem:
    return published_item(department=department, name="企业开办", case_class=CaseClass.JOINT, materials=(),
                          **fields)


class SituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Situation

    question = factory.Sequence(lambda n: f"问题{n}")
    position = factory.Sequence(lambda n: n + 1)


class SituationOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SituationOption

    situation = factory.SubFactory(SituationFactory)
    label = factory.Sequence(lambda n: f"答案{n}")
    position = factory.Sequence(lambda n: n + 1)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    item = factory.SubFactory(ServiceItemFactory)
    valid_from = dt.date(2024, 1, 1)


class GuideReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideReview

    item = factory.SubFactory(ServiceItemFactory)
    reviewed_on = dt.date(2025, 1, 1)


def sample_catalogue(*, department, other_department, township) -> dict[str, ServiceItem]:
    """A small but complete catalogue built with factory_boy (rows written directly, as a data load
    would): every sheet of the exchange format has rows, positions are arbitrary."""
    from decimal import Decimal

    from onewindow.catalogue.models import BundleComponent, ItemVersion, VersionStatus
    from tests.factories import FeeFactory, ItemVersionFactory, MaterialFactory

    def item(dept, n, **version):
        basic, impl = next_codes()
        version.setdefault("name", f"事项{n}")
        it = ServiceItemFactory(department=dept, centre=dept.centre, basic_code=basic,
                                implementation_code=impl,
                                name=version["name"])
        v = ItemVersionFactory(item=it, **version)
        services.item_refresh_search(item=it, version=v)
        return it, v

    food, food_v = item(department, 1, name="食品经营许可", theme="production", keywords="餐饮 食品",
                        special_procedures=["field_survey"], handling_forms=["window", "online"],
                        life_events=["开餐馆"], delivery_methods=["pickup", "mail"],
                        flow=[{"name": "受理", "description": "窗口受理"},
                              {"name": "审查", "description": ""}],
                        review_steps=[{"name": "初审", "description": "首席代表"}],
                        faq=[{"question": "要多久?", "answer": "10个工作日"}], phone="0999-1234567",
                        content="食品经营许可证的核发", conditions="有固定场所",
                        case_class=CaseClass.PROMISED)
    id_card = MaterialFactory(version=food_v, name="居民身份证", position=7, form="original_and_copy")
    licence = MaterialFactory(version=food_v, name="营业执照", position=3, source="licence_library",
                              licence_type="BL")
    proxy = MaterialFactory(version=food_v, name="授权委托书", position=12, requirement="conditional")
    FeeFactory(version=food_v, name="工本费", amount=Decimal("10.00"), standard="每证10元")
    FeeFactory(version=food_v, name="加急费", amount=Decimal("0.50"))
    who = SituationFactory(version=food_v, question="是否委托办理?", position=5)
    SituationOptionFactory(situation=who, label="否", position=2)
    yes = SituationOptionFactory(situation=who, label="是", position=9)
    yes.adds.set([proxy])
    yes.removes.set([id_card])
    where = SituationFactory(version=food_v, question="场所?", position=1)
    rented = SituationOptionFactory(situation=where, label="租赁", position=1)
    rented.removes.set([licence])

    seal, _ = item(other_department, 2, name="公章刻制备案", case_class=CaseClass.IMMEDIATE, statutory_days=1,
                   promised_days=0)
    old, _ = item(department, 3, name="已停用事项")
    old.active = False
    old.resident_in_hall = False
    old.entrusted_department = other_department
    old.save()
    bundle, _ = item(department, 4, name="企业开办", case_class=CaseClass.JOINT)
    BundleComponent.objects.create(bundle=bundle, component=food, is_lead=True, position=4)
    BundleComponent.objects.create(bundle=bundle, component=seal, is_lead=False, position=8)
    draft_only = services.item_create(centre=department.centre, department=department,
                                      basic_code="000300000001",
                                      implementation_code="11990100MB0000000X4000300000001", name="草稿事项",
                                      item_type=ItemType.PUBLIC_SERVICE, statutory_days=5, promised_days=5)
    services.material_add(version=ItemVersion.objects.get(item=draft_only, status=VersionStatus.DRAFT),
                          name="申请表")
    Delegation.objects.create(item=food, to_centre=township, valid_from=dt.date(2025, 1, 1),
                              document_no="测政发〔2025〕1号")
    Delegation.objects.create(item=seal, to_centre=township, valid_from=dt.date(2024, 1, 1),
                              valid_to=dt.date(2024, 12, 31), revoked=True)
    return {"food": food, "seal": seal, "old": old, "bundle": bundle, "draft_only": draft_only}


def wipe_catalogue() -> None:
    from onewindow.catalogue.models import BundleComponent, ItemVersion

    BundleComponent.objects.all().delete()
    Delegation.objects.all().delete()
    GuideReview.objects.all().delete()
    ServiceItem.objects.update(current_version=None)
    ItemVersion.objects.all().delete()
    ServiceItem.objects.all().delete()
