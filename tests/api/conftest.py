"""Catalogue data for the API tests: published items with materials, fees and a situation, built
with tests/factories.py and indexed for search by catalogue.services.item_refresh_search."""

from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.catalogue.models import (
    ItemType,
    MaterialRequirement,
    Situation,
    SituationOption,
    VersionStatus,
)
from onewindow.catalogue.services import item_refresh_search
from tests.factories import FeeFactory, ItemVersionFactory, MaterialFactory, ServiceItemFactory


def assert_error(resp, status: int, code: str | None = None) -> dict:
    """The error format of every non-2xx answer: {code, message, message_en, detail}."""
    assert resp.status_code == status, resp.content
    assert resp["Content-Type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"code", "message", "message_en", "detail"}, body
    assert body["code"] and body["message"] and body["message_en"]
    if code is not None:
        assert body["code"] == code, body
    return body


def make_item(*, department, name="测试事项", keywords="", item_type=ItemType.LICENSING, theme="",
              materials=0, fees=(), situation=False, basic_code=None, implementation_code=None,
              status=VersionStatus.PUBLISHED, **version_kw):
    """One item with a version (published and current unless status says otherwise), indexed."""
    item_kw = {"department": department, "name": name, "item_type": item_type, "theme": theme}
    if basic_code:
        item_kw["basic_code"] = basic_code
    if implementation_code:
        item_kw["implementation_code"] = implementation_code
    item = ServiceItemFactory(**item_kw)
    version = ItemVersionFactory(item=item, status=status, keywords=keywords, theme=theme, **version_kw)
    mats = [MaterialFactory(version=version, name=f"{name}材料{i + 1}", position=i,
                            requirement=MaterialRequirement.CONDITIONAL if i == materials - 1 and i
                            else MaterialRequirement.REQUIRED)
            for i in range(materials)]
    for fee_name, amount in fees:
        FeeFactory(version=version, name=fee_name, amount=Decimal(amount))
    if situation and mats:
        sit = Situation.objects.create(version=version, question="是否委托他人办理？", position=0)
        yes = SituationOption.objects.create(situation=sit, label="是", position=0)
        no = SituationOption.objects.create(situation=sit, label="否", position=1)
        yes.adds.add(mats[-1])
        no.removes.add(mats[-1])
    if status == VersionStatus.PUBLISHED:
        item_refresh_search(item=item, version=version)
    item.refresh_from_db()
    return item


@pytest.fixture
def item_maker(department):
    def make(**kw):
        kw.setdefault("department", department)
        return make_item(**kw)

    return make
