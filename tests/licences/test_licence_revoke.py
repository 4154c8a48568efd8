"""licence_revoke: the issuing department's chief or the centre manager, with the reason."""

from __future__ import annotations

import pytest

from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.licences.models import LicenceStatus
from onewindow.licences.services import licence_revoke
from onewindow.network.models import Role
from tests.factories import AuthorisationFactory, StaffFactory, UserFactory


def test_revoke(licence, chief, frozen):
    lic = licence_revoke(licence=licence, reason="以欺骗手段取得许可", by=chief)
    assert (lic.status, lic.revoked_reason) == (LicenceStatus.REVOKED, "以欺骗手段取得许可")
    assert lic.revoked_at is not None
    event = lic.events.get(kind="revoked")
    assert (event.actor, event.reason) == (chief, "以欺骗手段取得许可")
    with pytest.raises(Conflict) as exc:
        licence_revoke(licence=licence, reason="again", by=chief)
    assert exc.value.code == "licence_already_revoked"


def test_the_manager_may_revoke(licence, manager):
    assert licence_revoke(licence=licence, reason="注销", by=manager).status == LicenceStatus.REVOKED


def test_who_may_not(licence, issuer, centre, other_department):
    with pytest.raises(Forbidden) as exc:
        licence_revoke(licence=licence, reason="x", by=issuer)
    assert exc.value.code == "role_not_allowed"
    other_chief = StaffFactory(user=UserFactory(username="chief-ga"), centre=centre,
                               department=other_department, roles=[Role.CHIEF_REPRESENTATIVE])
    AuthorisationFactory(staff=other_chief, department=other_department)
    with pytest.raises(Forbidden) as exc:
        licence_revoke(licence=licence, reason="x", by=other_chief)
    assert exc.value.code == "out_of_scope"
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID


def test_reason_required(licence, chief):
    with pytest.raises(Invalid):
        licence_revoke(licence=licence, reason="  ", by=chief)
