import datetime as dt

import pytest

from onewindow.network.models import Role
from onewindow.network.selectors import chief_has_power
from onewindow.network.services import authorisation_revoke, staff_set_roles
from tests.factories import AuthorisationFactory

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_chief_with_an_authorisation_in_force(chief, department):
    assert chief_has_power(staff=chief, department=department, power="direct_approval") is True
    assert chief_has_power(staff=chief, department=department.pk, power="seal_use") is True


def test_other_department(chief, other_department):
    assert chief_has_power(staff=chief, department=other_department, power="direct_approval") is False


def test_missing_power(chief, department):
    chief.authorisations.update(fee_collection=False)
    assert chief_has_power(staff=chief, department=department, power="fee_collection") is False
    assert chief_has_power(staff=chief, department=department, power="first_review") is True


def test_expired(chief, department):
    chief.authorisations.update(valid_to=dt.date(2026, 3, 1))
    assert chief_has_power(staff=chief, department=department, power="direct_approval") is False
    assert chief_has_power(staff=chief, department=department, power="direct_approval",
                           on=dt.date(2026, 3, 1)) is True


def test_valid_to_is_inclusive(chief, department):
    chief.authorisations.update(valid_to=dt.date(2026, 3, 2))
    assert chief_has_power(staff=chief, department=department, power="direct_approval") is True


def test_future_valid_from(chief, department):
    chief.authorisations.update(valid_from=dt.date(2026, 3, 3))
    assert chief_has_power(staff=chief, department=department, power="direct_approval") is False
    assert chief_has_power(staff=chief, department=department, power="direct_approval",
                           on=dt.date(2026, 3, 3)) is True


def test_revoked_today(chief, department):
    authorisation_revoke(authorisation=chief.authorisations.get(), reason="调岗")
    assert chief_has_power(staff=chief, department=department, power="direct_approval") is False
    # Earlier decisions stay covered: the revocation counts from its day.
    assert chief_has_power(staff=chief, department=department, power="direct_approval",
                           on=dt.date(2026, 3, 1)) is True


def test_revoked_by_hand_without_a_date(chief, department):
    chief.authorisations.update(revoked=True)
    assert chief_has_power(staff=chief, department=department, power="direct_approval",
                           on=dt.date(2021, 1, 1)) is False


def test_no_longer_chief_representative(chief, department):
    staff_set_roles(staff=chief, roles=[Role.REVIEWER])
    chief.refresh_from_db()
    assert chief_has_power(staff=chief, department=department, power="direct_approval") is False


def test_reviewer_with_a_stray_authorisation(reviewer, department):
    AuthorisationFactory(staff=reviewer, department=department)
    assert chief_has_power(staff=reviewer, department=department, power="direct_approval") is False


def test_unknown_power_is_a_programming_error(chief, department):
    with pytest.raises(ValueError):
        chief_has_power(staff=chief, department=department, power="pardon")
