import datetime as dt

import pytest
import time_machine

from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import Authorisation, Role
from onewindow.network.services import authorisation_grant, authorisation_revoke
from tests.factories import StaffFactory

ALL = dict.fromkeys(Authorisation.POWERS, True)
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def new_chief(centre, department):
    return StaffFactory(centre=centre, department=department, roles=[Role.CHIEF_REPRESENTATIVE])


def test_grants_only_the_named_powers(new_chief, department):
    auth = authorisation_grant(staff=new_chief, department=department, document_no=" 授〔2026〕1号 ",
                               powers={"direct_approval": True, "seal_use": True, "fee_collection": False},
                               valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31))
    auth.refresh_from_db()
    assert auth.document_no == "授〔2026〕1号"
    assert [p for p in Authorisation.POWERS if getattr(auth, p)] == ["direct_approval", "seal_use"]


def test_only_a_chief_representative(reviewer, department):
    with pytest.raises(Invalid) as exc:
        authorisation_grant(staff=reviewer, department=department, powers=ALL, valid_from=dt.date(2026, 1, 1))
    assert exc.value.code == "not_chief_representative"


def test_own_department_only(new_chief, other_department):
    with pytest.raises(Invalid) as exc:
        authorisation_grant(staff=new_chief, department=other_department, powers=ALL,
                            valid_from=dt.date(2026, 1, 1))
    assert exc.value.code == "department_mismatch"


def test_unknown_power(new_chief, department):
    with pytest.raises(Invalid) as exc:
        authorisation_grant(staff=new_chief, department=department, powers={"pardon": True},
                            valid_from=dt.date(2026, 1, 1))
    assert exc.value.code == "unknown_power"


def test_at_least_one_power(new_chief, department):
    with pytest.raises(Invalid) as exc:
        authorisation_grant(staff=new_chief, department=department, powers={"seal_use": False},
                            valid_from=dt.date(2026, 1, 1))
    assert exc.value.code == "no_power_granted"


def test_validity_must_not_end_before_it_starts(new_chief, department):
    with pytest.raises(Invalid) as exc:
        authorisation_grant(staff=new_chief, department=department, powers=ALL,
                            valid_from=dt.date(2026, 2, 1), valid_to=dt.date(2026, 1, 31))
    assert exc.value.code == "invalid_validity"


def test_overlapping_grant_is_a_conflict_but_a_later_one_is_fine(new_chief, department):
    authorisation_grant(staff=new_chief, department=department, powers=ALL,
                        valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 6, 30))
    with pytest.raises(Conflict) as exc:
        authorisation_grant(staff=new_chief, department=department, powers=ALL,
                            valid_from=dt.date(2026, 6, 1))
    assert exc.value.code == "authorisation_overlaps"
    authorisation_grant(staff=new_chief, department=department, powers=ALL, valid_from=dt.date(2026, 7, 1))
    assert Authorisation.objects.filter(staff=new_chief).count() == 2


@time_machine.travel(TODAY, tick=False)
def test_revoke_from_today(chief):
    auth = chief.authorisations.get()
    authorisation_revoke(authorisation=auth, reason="岗位调整")
    auth.refresh_from_db()
    assert (auth.revoked, auth.revoked_on, auth.revoked_reason) == (True, dt.date(2026, 3, 2), "岗位调整")
    with pytest.raises(Conflict) as exc:
        authorisation_revoke(authorisation=auth)
    assert exc.value.code == "authorisation_already_revoked"


def test_revoked_authorisation_frees_the_period(chief, department):
    authorisation_revoke(authorisation=chief.authorisations.get(), on=dt.date(2020, 1, 1))
    authorisation_grant(staff=chief, department=department, powers=ALL, valid_from=dt.date(2026, 1, 1))
