import datetime as dt

import pytest
import time_machine

from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import Seal, SealStatus
from onewindow.network.services import seal_register, seal_revoke, seal_update
from tests.factories import DepartmentFactory
from tests.network.helpers import township

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@time_machine.travel(NOW, tick=False)
def test_register_defaults_to_today(centre, department):
    seal = seal_register(centre=centre, department=department, name=" 测试县市场监督管理局行政审批专用章 ",
                         code="SEAL-1", key_ref="env:SEAL_1_KEY")
    seal.refresh_from_db()
    assert (seal.name, seal.status, seal.registered_on) == ("测试县市场监督管理局行政审批专用章", "active",
                                                            dt.date(2026, 3, 2))


def test_code_is_unique(centre):
    seal_register(centre=centre, name="章一", code="SEAL-1", registered_on=dt.date(2026, 1, 1))
    with pytest.raises(Conflict) as exc:
        seal_register(centre=centre, name="章二", code="SEAL-1", registered_on=dt.date(2026, 1, 1))
    assert exc.value.code == "seal_code_taken"


def test_one_active_seal_per_department(centre, department, other_department):
    seal_register(centre=centre, department=department, name="章一", code="S1",
                  registered_on=dt.date(2026, 1, 1))
    with pytest.raises(Conflict) as exc:
        seal_register(centre=centre, department=department, name="章二", code="S2",
                      registered_on=dt.date(2026, 1, 1))
    assert exc.value.code == "department_has_seal"
    seal_register(centre=centre, department=other_department, name="章三", code="S3",
                  registered_on=dt.date(2026, 1, 1))


def test_township_has_one_seal(db):
    town = township()
    first = seal_register(centre=town, name="测试县城关镇审批服务专用章", code="T1",
                          registered_on=dt.date(2026, 1, 1))
    with pytest.raises(Conflict) as exc:
        seal_register(centre=town, name="另一枚章", code="T2", registered_on=dt.date(2026, 1, 1))
    assert exc.value.code == "township_has_seal"
    seal_revoke(seal=first, reason="换发新章", on=dt.date(2026, 2, 1))
    seal_register(centre=town, name="测试县城关镇审批服务专用章", code="T2",
                  registered_on=dt.date(2026, 2, 1))


def test_department_of_another_centre(centre, other_centre):
    with pytest.raises(Invalid) as exc:
        seal_register(centre=centre, department=DepartmentFactory(centre=other_centre), name="章", code="X")
    assert exc.value.code == "department_not_in_centre"


def test_revoke_needs_a_reason_and_happens_once(centre):
    seal = seal_register(centre=centre, name="章", code="S1", registered_on=dt.date(2026, 1, 1))
    with pytest.raises(Invalid) as exc:
        seal_revoke(seal=seal, reason=" ", on=dt.date(2026, 2, 1))
    assert exc.value.code == "revocation_reason_required"
    seal_revoke(seal=seal, reason="机构改革", on=dt.date(2026, 2, 1))
    seal.refresh_from_db()
    assert (seal.status, seal.revoked_on, seal.revoked_reason) == (SealStatus.REVOKED, dt.date(2026, 2, 1),
                                                                   "机构改革")
    with pytest.raises(Conflict) as exc:
        seal_revoke(seal=seal, reason="again", on=dt.date(2026, 2, 2))
    assert exc.value.code == "seal_already_revoked"


def test_cannot_revoke_before_registration(centre):
    seal = seal_register(centre=centre, name="章", code="S1", registered_on=dt.date(2026, 1, 10))
    with pytest.raises(Invalid) as exc:
        seal_revoke(seal=seal, reason="错误", on=dt.date(2026, 1, 9))
    assert exc.value.code == "revoked_before_registered"
    assert Seal.objects.get(pk=seal.pk).status == SealStatus.ACTIVE


def test_update_changes_name_and_key_only(centre):
    seal = seal_register(centre=centre, name="章", code="S1", registered_on=dt.date(2026, 1, 10))
    seal_update(seal=seal, name="新章名", key_ref="file:/etc/onewindow/s1.pem")
    seal.refresh_from_db()
    assert (seal.name, seal.key_ref, seal.code) == ("新章名", "file:/etc/onewindow/s1.pem", "S1")
