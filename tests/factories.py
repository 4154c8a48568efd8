"""factory_boy factories for the network and the catalogue. Other apps keep theirs in their own
tests/<app>/factories.py and build on these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from onewindow.catalogue.models import (
    CaseClass,
    Fee,
    ItemType,
    ItemVersion,
    Material,
    ServiceItem,
    VersionStatus,
)
from onewindow.network.models import (
    Authorisation,
    Centre,
    CentreLevel,
    Department,
    Region,
    Staff,
    StaffRole,
    Window,
    WindowKind,
)

PASSWORD = "onewindow-test-pw"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{990100 + n:06d}")
    name = factory.Sequence(lambda n: f"测试县{n}")


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"测试县政务服务中心{n}")
    level = CentreLevel.COUNTY
    region = factory.SubFactory(RegionFactory)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"测试局{n}")
    code = factory.Sequence(lambda n: f"D{n:03d}")
    resident = True


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    centre = factory.SubFactory(CentreFactory)
    number = factory.Sequence(lambda n: f"W{n:02d}")
    name = "综合受理窗口"
    kind = WindowKind.COMPREHENSIVE
    themes = factory.LazyFunction(lambda: ["social"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username)
    password = factory.django.Password(PASSWORD)


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.user.username)
    centre = factory.SubFactory(CentreFactory)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            StaffRole.objects.get_or_create(staff=self, role=role)


class AuthorisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authorisation

    staff = factory.SubFactory(StaffFactory)
    department = factory.SubFactory(DepartmentFactory)
    valid_from = dt.date(2020, 1, 1)


class ServiceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceItem

    basic_code = factory.Sequence(lambda n: f"{n:012d}")
    implementation_code = factory.Sequence(lambda n: f"11990100MB0000000X4{n:012d}")
    department = factory.SubFactory(DepartmentFactory)
    centre = factory.LazyAttribute(lambda o: o.department.centre)
    name = factory.Sequence(lambda n: f"测试事项{n}")
    item_type = ItemType.LICENSING


class ItemVersionFactory(factory.django.DjangoModelFactory):
    """A published version; pass status=VersionStatus.DRAFT for a draft."""

    class Meta:
        model = ItemVersion
        skip_postgeneration_save = True

    item = factory.SubFactory(ServiceItemFactory)
    number = 1
    status = VersionStatus.PUBLISHED
    effective_from = dt.date(2020, 1, 1)
    name = factory.LazyAttribute(lambda o: o.item.name)
    item_type = factory.LazyAttribute(lambda o: o.item.item_type)
    legal_basis = "《中华人民共和国行政许可法》"
    statutory_days = 20
    promised_days = 10
    case_class = CaseClass.PROMISED

    @factory.post_generation
    def make_current(self, create, extracted, **kwargs):
        if create and self.status == VersionStatus.PUBLISHED and extracted is not False:
            ServiceItem.objects.filter(pk=self.item_id).update(current_version=self)
            self.item.current_version = self


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    version = factory.SubFactory(ItemVersionFactory)
    name = factory.Sequence(lambda n: f"材料{n}")
    position = factory.Sequence(lambda n: n)
    acceptance_standard = "原件核对一致"


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    version = factory.SubFactory(ItemVersionFactory)
    name = "工本费"
    amount = Decimal("10.00")
