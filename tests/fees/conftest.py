from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.fees.gateways import FakeOnlineGateway
from tests.fees.factories import CaseFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ONLINE = {
    "cash": "onewindow.fees.gateways.OfflineGateway",
    "offline_card": "onewindow.fees.gateways.OfflineGateway",
    "online": "onewindow.fees.gateways.FakeOnlineGateway",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 3, 4, 10, 0, tzinfo=SHANGHAI), tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fake_gateway():
    FakeOnlineGateway.reset()
    yield FakeOnlineGateway
    FakeOnlineGateway.reset()


@pytest.fixture
def online(settings):
    settings.ONEWINDOW_PAYMENT_GATEWAYS = ONLINE
    return ONLINE


@pytest.fixture
def case(department):
    return CaseFactory(department=department)
