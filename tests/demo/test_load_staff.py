"""load_staff: staff in every role with AB posts, the duty board, authorisations and the demo logins."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from onewindow.demo import refs
from onewindow.network.models import (
    Authorisation,
    CentreLevel,
    DutyStatus,
    Role,
    Staff,
    StaffRole,
    WindowKind,
)
from onewindow.network.selectors import chief_has_power
from tests.demo.conftest import LOADED_ON


def test_forty_plus_staff_in_every_role(demo):
    assert Staff.objects.count() >= 40
    assert set(StaffRole.objects.values_list("role", flat=True)) == set(Role.values)


def test_every_clerk_and_reviewer_has_a_backup_holding_one_of_their_roles(demo):
    staff = (Staff.objects.filter(roles__role__in=[Role.CLERK, Role.REVIEWER]).distinct()
             .prefetch_related("roles"))
    assert staff.count() > 30
    for s in staff:
        assert s.backup is not None, s.name
        assert s.backup.centre_id == s.centre_id and s.backup_id != s.pk
        assert s.role_codes() & s.backup.role_codes(), s.name


def test_reviewers_are_civil_servants_and_some_clerks_are_contract_staff(demo):
    assert not Staff.objects.filter(roles__role__in=[Role.REVIEWER, Role.CHIEF_REPRESENTATIVE],
                                    civil_servant=False).exists()
    assert Staff.objects.filter(roles__role=Role.CLERK, civil_servant=False).exists()
    assert Staff.objects.filter(roles__role=Role.CLERK, civil_servant=True).exists()


def test_duty_board_shows_some_staff_out_with_a_note(demo):
    out = Staff.objects.filter(duty_status=DutyStatus.OUT)
    assert out.exists() and all(s.duty_note and s.duty_changed_at for s in out)
    assert Staff.objects.filter(duty_status=DutyStatus.ON_DUTY).count() > out.count()


def test_chief_representatives_hold_all_six_powers_on_the_load_day(demo):
    chiefs = Staff.objects.filter(roles__role=Role.CHIEF_REPRESENTATIVE)
    assert chiefs.count() >= 10
    for chief in chiefs:
        for power in Authorisation.POWERS:
            assert chief_has_power(staff=chief, department=chief.department, power=power, on=LOADED_ON), chief
    expired = Authorisation.objects.filter(staff__user__username="chief", valid_to__lt=LOADED_ON)
    assert expired.count() == 1


def test_fixed_demo_logins(demo):
    county = refs.centre("county")
    scjg = refs.department("SCJG")
    manager = refs.staff("manager")
    assert manager.has_role(Role.CENTRE_MANAGER) and manager.centre == county
    assert manager.user.is_staff and not manager.user.is_superuser
    assert manager.user.has_perm("network.change_window")
    assert manager.user.has_perm("catalogue.change_serviceitem")
    clerk = refs.staff("clerk")
    assert clerk.has_role(Role.CLERK) and clerk.centre == county
    assert clerk.window.kind == WindowKind.COMPREHENSIVE
    reviewer = refs.staff("reviewer")
    assert reviewer.has_role(Role.REVIEWER) and reviewer.department == scjg
    chief = refs.staff("chief")
    assert chief.has_role(Role.CHIEF_REPRESENTATIVE) and chief.department == scjg
    assert chief_has_power(staff=chief, department=scjg, power="seal_use", on=LOADED_ON)
    issuer = refs.staff("issuer")
    assert issuer.has_role(Role.ISSUER) and issuer.window.kind == WindowKind.ISSUING
    assert refs.staff("supervisor").has_role(Role.SUPERVISOR)
    agent = refs.staff("agent")
    assert agent.has_role(Role.PROXY_AGENT) and agent.centre.level == CentreLevel.VILLAGE
    users = get_user_model().objects
    citizen = users.get(username="citizen")
    assert not Staff.objects.filter(user=citizen).exists() and not citizen.is_staff
    admin = users.get(username="admin")
    assert admin.is_superuser and admin.is_staff

