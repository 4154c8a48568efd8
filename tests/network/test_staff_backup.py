import pytest

from onewindow.core.errors import Invalid
from onewindow.network.models import Role
from onewindow.network.services import staff_set_backup
from tests.factories import StaffFactory, UserFactory


def colleague(centre, roles, name="同事"):
    return StaffFactory(user=UserFactory(username=name), name=name, centre=centre, roles=roles)


def test_sets_a_backup_sharing_a_role(clerk, centre):
    other = colleague(centre, [Role.CLERK])
    staff_set_backup(staff=clerk, backup=other)
    clerk.refresh_from_db()
    assert clerk.backup == other


def test_two_people_backing_each_other_is_allowed(clerk, centre):
    other = colleague(centre, [Role.CLERK])
    staff_set_backup(staff=clerk, backup=other)
    staff_set_backup(staff=other, backup=clerk)
    clerk.refresh_from_db()
    other.refresh_from_db()
    assert (clerk.backup, other.backup) == (other, clerk)


def test_clearing_the_backup(clerk, centre):
    staff_set_backup(staff=clerk, backup=colleague(centre, [Role.CLERK]))
    staff_set_backup(staff=clerk, backup=None)
    clerk.refresh_from_db()
    assert clerk.backup is None


def test_not_oneself(clerk):
    with pytest.raises(Invalid) as exc:
        staff_set_backup(staff=clerk, backup=clerk)
    assert exc.value.code == "backup_is_self"


def test_same_centre_only(clerk, other_centre):
    with pytest.raises(Invalid) as exc:
        staff_set_backup(staff=clerk, backup=colleague(other_centre, [Role.CLERK]))
    assert exc.value.code == "backup_other_centre"


def test_backup_must_hold_one_of_the_roles(clerk, issuer):
    with pytest.raises(Invalid) as exc:
        staff_set_backup(staff=clerk, backup=issuer)
    assert exc.value.code == "backup_lacks_role"
    clerk.refresh_from_db()
    assert clerk.backup is None


def test_one_shared_role_is_enough(centre):
    a = colleague(centre, [Role.CLERK, Role.ISSUER], name="甲")
    b = colleague(centre, [Role.ISSUER], name="乙")
    staff_set_backup(staff=a, backup=b)
    a.refresh_from_db()
    assert a.backup == b
