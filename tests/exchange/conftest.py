from __future__ import annotations

import pytest

from onewindow.exchange.services import api_client_create
from tests.cases.conftest import MONDAY, frozen, version  # noqa: F401  (fixtures reused)
from tests.cases.conftest import intake as case_intake


@pytest.fixture
def make_client(centre):
    def make(scopes, **kw):
        kw.setdefault("centre", centre)
        client, key = api_client_create(name="部门业务系统", scopes=scopes, **kw)
        return client, {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return make


@pytest.fixture
def accepted_case(frozen, clerk, version):  # noqa: F811
    return case_intake(clerk, version).case


__all__ = ["MONDAY"]
