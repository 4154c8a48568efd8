"""Delegation (赋权): grant, update, revoke, and items_available_at."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.catalogue import services
from onewindow.catalogue.models import Delegation
from onewindow.catalogue.selectors import items_available_at
from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import CentreLevel
from tests.catalogue.conftest import TODAY
from tests.catalogue.factories import published_item
from tests.factories import CentreFactory, DepartmentFactory


@pytest.fixture
def county_item(department):
    return published_item(department=department)


def grant(item, centre, **kw):
    kw.setdefault("valid_from", dt.date(2025, 1, 1))
    return services.delegation_grant(item=item, to_centre=centre, **kw)


def test_grant_to_township_and_village_below(county_item, township, village, manager):
    d = grant(county_item, township, document_no="测政发〔2025〕1号", by=manager.user)
    assert (d.document_no, d.revoked, d.granted_by) == ("测政发〔2025〕1号", False, manager.user)
    assert d.granted_at is not None
    grant(county_item, village)  # a village two levels below
    assert Delegation.objects.filter(item=county_item).count() == 2


def test_city_item_may_be_delegated_to_a_township_below_its_counties(centre, township):
    city = CentreFactory(level=CentreLevel.CITY)
    centre.parent = city
    centre.save()
    item = published_item(department=DepartmentFactory(centre=city))
    township.refresh_from_db()
    assert grant(item, township).pk


def test_only_county_or_city_items(township, township_department, village):
    item = published_item(department=township_department)
    with pytest.raises(Invalid) as exc:
        grant(item, village)
    assert exc.value.code == "delegation_item_level"
    assert not Delegation.objects.exists()


def test_only_to_township_or_village(county_item, other_centre):
    with pytest.raises(Invalid) as exc:
        grant(county_item, other_centre)
    assert exc.value.code == "delegation_target_level"


def test_only_below_in_the_centre_tree(county_item, other_township):
    with pytest.raises(Invalid) as exc:
        grant(county_item, other_township)
    assert exc.value.code == "delegation_not_below"


def test_dates_must_be_ordered(county_item, township):
    with pytest.raises(Invalid) as exc:
        grant(county_item, township, valid_from=dt.date(2025, 5, 1), valid_to=dt.date(2025, 4, 30))
    assert exc.value.code == "delegation_dates"


def test_no_duplicate_active_delegation_but_regrant_after_revoke(county_item, township, manager):
    d = grant(county_item, township)
    with pytest.raises(Conflict) as exc:
        grant(county_item, township)
    assert exc.value.code == "delegation_exists"
    services.delegation_revoke(delegation=d, by=manager.user)
    d.refresh_from_db()
    assert d.revoked and d.revoked_by == manager.user and d.revoked_at
    with pytest.raises(Conflict) as exc:
        services.delegation_revoke(delegation=d)
    assert exc.value.code == "delegation_revoked"
    again = grant(county_item, township, valid_from=dt.date(2025, 6, 1))
    assert again.pk == d.pk and not again.revoked and again.valid_from == dt.date(2025, 6, 1)
    assert again.revoked_at is None


def test_update_dates(county_item, township):
    d = grant(county_item, township)
    services.delegation_update(delegation=d, valid_from=dt.date(2025, 2, 1), valid_to=dt.date(2025, 12, 31),
                               document_no="新文号")
    d.refresh_from_db()
    assert (d.valid_from, d.valid_to, d.document_no) == (dt.date(2025, 2, 1), dt.date(2025, 12, 31), "新文号")


def test_items_available_at(county_item, department, township, township_department, village):
    own = published_item(department=township_department)
    expired = published_item(department=department)
    future = published_item(department=department)
    revoked = published_item(department=department)
    grant(county_item, township)
    grant(expired, township, valid_to=TODAY - dt.timedelta(days=1))
    grant(future, township, valid_from=TODAY + dt.timedelta(days=1))
    services.delegation_revoke(delegation=grant(revoked, township))
    available = set(items_available_at(centre=township))
    assert available == {own, county_item}
    tomorrow, yesterday = TODAY + dt.timedelta(days=1), TODAY - dt.timedelta(days=1)
    assert set(items_available_at(centre=township, on=tomorrow)) == {own, county_item, future}
    assert set(items_available_at(centre=township, on=yesterday)) == {own, county_item, expired}
    assert set(items_available_at(centre=village)) == set()
    # The county keeps its own items.
    assert county_item in set(items_available_at(centre=department.centre))


def test_items_available_at_excludes_inactive(county_item, township):
    grant(county_item, township)
    services.item_update(item=county_item, active=False)
    assert list(items_available_at(centre=township)) == []
