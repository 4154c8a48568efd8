"""Fixtures of the portal tests: one published item with a situation, keywords, a theme and a
life-event tag; life events; queue lines with weekday and Saturday appointment rules; a frozen
Wednesday morning in March 2026 (a working day inside the published calendar)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.catalogue.models import MaterialRequirement, MaterialSource, Situation, SituationOption
from onewindow.catalogue.search import build_search_text
from onewindow.portal.models import LifeEvent
from onewindow.queueing.models import AppointmentRule, DayType, QueueLine
from tests.factories import FeeFactory, ItemVersionFactory, MaterialFactory, ServiceItemFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEDNESDAY = dt.date(2026, 3, 11)
SATURDAY = dt.date(2026, 3, 14)
SUNDAY = dt.date(2026, 3, 15)
FOOD_CODE = "11990101MB0000001X400011100001"


def at(hour: int, minute: int = 0, day: dt.date = WEDNESDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def frozen():
    with time_machine.travel(at(9, 0), tick=False) as traveller:
        yield traveller


def _item(department, name: str, code: str, *, keywords: str = "", theme: str = "", events=(),
          forms=("window",)):
    item = ServiceItemFactory(department=department, centre=department.centre, name=name,
                              implementation_code=code, theme=theme,
                              search_text=build_search_text(name=name, codes=[code], keywords=keywords))
    return ItemVersionFactory(item=item, theme=theme, keywords=keywords, life_events=list(events),
                              handling_forms=list(forms), statutory_days=20, promised_days=10,
                              content="食品经营许可的申请与审查", conditions="有与经营食品相适应的场所",
                              flow=[{"name": "申请", "description": "提交材料"}, {"name": "受理"},
                                    {"name": "审查"}, {"name": "决定"}])


@pytest.fixture
def food(department):
    """食品经营许可 (theme production, life event 开办企业, online): two required materials, one
    conditional material added by the 租赁 answer, one removed by 自有, one from the licence library."""
    v = _item(department, "食品经营许可", FOOD_CODE, keywords="餐饮 小卖部", theme="production",
              events=["开办企业"], forms=("window", "online"))
    v.m_form = MaterialFactory(version=v, name="食品经营许可申请书", position=1,
                               blank_form="https://example.org/form.pdf", sample="现场领取")
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    v.m_lease = MaterialFactory(version=v, name="租赁合同", position=3,
                                requirement=MaterialRequirement.CONDITIONAL)
    v.m_deed = MaterialFactory(version=v, name="场所平面图", position=4)
    v.m_licence = MaterialFactory(version=v, name="营业执照", position=5,
                                  source=MaterialSource.LICENCE_LIBRARY)
    v.situation = Situation.objects.create(version=v, question="经营场所是否租赁？")
    v.opt_rented = SituationOption.objects.create(situation=v.situation, label="租赁")
    v.opt_rented.adds.add(v.m_lease)
    v.opt_owned = SituationOption.objects.create(situation=v.situation, label="自有")
    v.opt_owned.removes.add(v.m_deed)
    FeeFactory(version=v, name="工本费", amount=Decimal("10.00"))
    return v


@pytest.fixture
def id_card(department):
    """居民身份证申领 (theme social, life event 身份证件办理), window only."""
    v = _item(department, "居民身份证申领", "11990101MB0000001X400011100005", keywords="身份证 补领",
              theme="social", events=["身份证件办理"])
    MaterialFactory(version=v, name="户口簿", position=1)
    return v


@pytest.fixture
def start_business():
    return LifeEvent.objects.create(name="开办企业", slug="start-business", description="一次办成",
                                    position=1)


@pytest.fixture
def social(centre):
    return QueueLine.objects.create(centre=centre, code="social", name="社会民生", prefix="A", theme="social",
                                    position=1)


@pytest.fixture
def weekday_rule(centre, social):
    """Working days 09:00–12:00, 60-minute slots of 2."""
    return AppointmentRule.objects.create(centre=centre, line=social, day_type=DayType.WORKING,
                                          start=dt.time(9), end=dt.time(12), slot_minutes=60, capacity=2)


@pytest.fixture
def saturday_rule(centre, social):
    """Saturday mornings only (seed 001 #13 weekend appointments), 60-minute slots of 3."""
    return AppointmentRule.objects.create(centre=centre, line=social, day_type=DayType.WEEKEND, weekdays=[6],
                                          start=dt.time(9), end=dt.time(12), slot_minutes=60, capacity=3)
