"""Catalogue test fixtures. Time is frozen at 2025-06-16 10:00 Asia/Shanghai (a Monday) for every
catalogue test so that "today" and effective dates are deterministic."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.network.models import CentreLevel
from tests.factories import CentreFactory, DepartmentFactory, RegionFactory, UserFactory

TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def township(centre):
    """A township centre below the county centre of tests/conftest.py."""
    return CentreFactory(name="测试镇便民服务中心", level=CentreLevel.TOWNSHIP, parent=centre,
                         region=RegionFactory(code="990101001", name="测试镇"))


@pytest.fixture
def village(township):
    return CentreFactory(name="测试村便民服务室", level=CentreLevel.VILLAGE, parent=township,
                         region=RegionFactory(code="990101001001", name="测试村"))


@pytest.fixture
def other_township(other_centre):
    """A township below the neighbouring county, not below `centre`."""
    return CentreFactory(name="邻镇便民服务中心", level=CentreLevel.TOWNSHIP, parent=other_centre,
                         region=RegionFactory(code="990102001", name="邻镇"))


@pytest.fixture
def township_department(township):
    return DepartmentFactory(centre=township, name="测试镇综合窗口", code="ZH")


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="root")
    user.is_staff = user.is_superuser = True
    user.save()
    return user
