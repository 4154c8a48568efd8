import pytest

from onewindow.core.errors import Invalid
from onewindow.network.models import Role, StaffRole
from onewindow.network.services import staff_set_roles
from tests.factories import StaffFactory


def roles_of(staff):
    return set(StaffRole.objects.filter(staff=staff).values_list("role", flat=True))


def test_replaces_the_roles(clerk):
    staff = staff_set_roles(staff=clerk, roles=[Role.ISSUER, Role.PROXY_AGENT])
    assert roles_of(clerk) == {"issuer", "proxy_agent"}
    assert staff.role_codes() == {"issuer", "proxy_agent"}


def test_empty_roles_clear_everything(clerk):
    staff_set_roles(staff=clerk, roles=[])
    assert roles_of(clerk) == set()


def test_reviewer_must_be_a_civil_servant(clerk):
    assert clerk.civil_servant is False
    with pytest.raises(Invalid) as exc:
        staff_set_roles(staff=clerk, roles=[Role.CLERK, Role.REVIEWER])
    assert exc.value.code == "reviewer_must_be_civil_servant"
    assert roles_of(clerk) == {"clerk"}  # nothing half-written


def test_civil_servant_may_review(centre, department):
    staff = StaffFactory(centre=centre, department=department, civil_servant=True)
    staff_set_roles(staff=staff, roles=[Role.REVIEWER])
    assert roles_of(staff) == {"reviewer"}


def test_chief_representative_needs_a_department(centre):
    staff = StaffFactory(centre=centre, department=None)
    with pytest.raises(Invalid) as exc:
        staff_set_roles(staff=staff, roles=[Role.CHIEF_REPRESENTATIVE])
    assert exc.value.code == "chief_needs_department"


def test_chief_representative_with_department(centre, department):
    staff = StaffFactory(centre=centre, department=department)
    staff_set_roles(staff=staff, roles=[Role.CHIEF_REPRESENTATIVE])
    assert roles_of(staff) == {"chief_representative"}


def test_chief_representative_must_be_a_civil_servant(centre, department):
    staff = StaffFactory(centre=centre, department=department, civil_servant=False)
    with pytest.raises(Invalid) as exc:
        staff_set_roles(staff=staff, roles=[Role.CHIEF_REPRESENTATIVE])
    assert exc.value.code == "chief_must_be_civil_servant"


def test_unknown_role_is_invalid(clerk):
    with pytest.raises(Invalid) as exc:
        staff_set_roles(staff=clerk, roles=["clerk", "king"])
    assert exc.value.code == "unknown_role"
    assert exc.value.detail["roles"] == ["king"]
