"""Shared fixtures: personas of DEVELOPERS.md built on one small county network.

clerk, reviewer, chief (chief representative), issuer, manager, supervisor, agent (proxy agent),
outsider (staff of another centre). Each is a network.Staff; `.user` is the login.
"""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

from onewindow.network.models import CentreLevel, Role
from tests.factories import (
    AuthorisationFactory,
    CentreFactory,
    DepartmentFactory,
    RegionFactory,
    StaffFactory,
    UserFactory,
    WindowFactory,
)

# Shared 2-core machines make per-example timing meaningless; properties are about results.
settings.register_profile("onewindow", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("onewindow")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Hashing with the production hasher dominates factory time; tests do not need its cost."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _scratch_var_dir(tmp_path_factory):
    """Files written by tests (uploads, notices, licence PDFs, demo seal keys) go to a scratch
    directory, never into the developer's var/."""
    from django.test import override_settings

    var = tmp_path_factory.mktemp("var")
    with override_settings(VAR_DIR=var, MEDIA_ROOT=var / "media"):
        yield var


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Lockout counters and rate limits live in the Django cache: each test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The working-day calendar is cached per process; start every test without it so that query
    counts do not depend on test order."""
    from onewindow.calendar.services import calendar_cache_clear

    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture
def centre(db):
    return CentreFactory(name="测试县政务服务中心", level=CentreLevel.COUNTY,
                         region=RegionFactory(code="990101", name="测试县"))


@pytest.fixture
def other_centre(db):
    return CentreFactory(name="邻县政务服务中心", level=CentreLevel.COUNTY,
                         region=RegionFactory(code="990102", name="邻县"))


@pytest.fixture
def department(centre):
    return DepartmentFactory(centre=centre, name="测试县市场监督管理局", code="SCJG")


@pytest.fixture
def other_department(centre):
    return DepartmentFactory(centre=centre, name="测试县公安局", code="GA")


@pytest.fixture
def window(centre):
    return WindowFactory(centre=centre, number="A01", name="综合受理一号窗")


def _staff(username, centre, roles, **kw):
    return StaffFactory(user=UserFactory(username=username), name=username, centre=centre, roles=roles, **kw)


@pytest.fixture
def clerk(centre, window):
    return _staff("clerk", centre, [Role.CLERK], window=window, civil_servant=False)


@pytest.fixture
def reviewer(centre, department):
    return _staff("reviewer", centre, [Role.REVIEWER], department=department)


@pytest.fixture
def chief(centre, department):
    staff = _staff("chief", centre, [Role.CHIEF_REPRESENTATIVE], department=department)
    AuthorisationFactory(staff=staff, department=department)
    return staff


@pytest.fixture
def issuer(centre):
    return _staff("issuer", centre, [Role.ISSUER])


@pytest.fixture
def manager(centre):
    return _staff("manager", centre, [Role.CENTRE_MANAGER])


@pytest.fixture
def supervisor(centre):
    return _staff("supervisor", centre, [Role.SUPERVISOR])


@pytest.fixture
def agent(centre):
    return _staff("agent", centre, [Role.PROXY_AGENT], civil_servant=False)


@pytest.fixture
def outsider(other_centre):
    return _staff("outsider", other_centre, [Role.CLERK, Role.REVIEWER])


@pytest.fixture
def api_client():
    return Client()


@pytest.fixture
def token_for(api_client):
    """token_for(staff) -> headers dict with a bearer token for that staff member's login."""
    from tests.factories import PASSWORD

    def make(staff):
        resp = api_client.post("/api/v1/auth/token", {"username": staff.user.username, "password": PASSWORD},
                               content_type="application/json")
        assert resp.status_code == 200, resp.content
        return {"HTTP_AUTHORIZATION": f"Bearer {resp.json()['token']}"}

    return make
