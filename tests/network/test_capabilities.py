import datetime as dt

import pytest
from django.utils import translation

from onewindow.network.models import Role
from onewindow.network.selectors import staff_capabilities
from onewindow.network.services import staff_set_roles

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def caps(staff):
    with translation.override("en"):
        return staff_capabilities(staff=staff)


def test_clerk(clerk):
    found = caps(clerk)
    assert "Give a one-time notice listing all missing materials" in found
    assert "Refuse applications in writing with the reason" in found
    assert not any("Review" in c for c in found)


def test_reviewer(reviewer):
    found = caps(reviewer)
    assert "Suspend and resume the clock for special procedures" in found
    assert "Request an extension of the time limit" in found


def test_chief_lists_the_powers_of_the_authorisation(chief, department):
    chief.authorisations.update(fee_collection=False)
    found = caps(chief)
    assert len(found) == 5
    assert all(department.name in c for c in found)
    assert any(c.startswith("(1) direct approval of immediate cases") for c in found)
    assert not any("fee collection" in c for c in found)


def test_chief_without_authorisation_in_force(chief):
    chief.authorisations.update(valid_to=dt.date(2026, 1, 1))
    assert caps(chief) == ["No authorisation in force: chief-representative powers are not available"]


def test_several_roles_add_up(clerk, manager, supervisor, agent, issuer):
    staff_set_roles(staff=issuer, roles=[Role.ISSUER, Role.DEPARTMENT_ADMIN])
    issuer.refresh_from_db()
    assert "Deliver results by pickup, mail or self-service locker" in caps(issuer)
    assert "Maintain the department's service items and guides" in caps(issuer)
    assert "Manage the centre's halls, windows, staff and seals" in caps(manager)
    assert "Handle complaints and bad reviews" in caps(supervisor)
    assert "Follow escalated cases to the end" in caps(agent)
