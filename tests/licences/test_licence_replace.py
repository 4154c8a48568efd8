"""licence_replace: a new version (same serial, version + 1), the old one shows replaced."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from stdnum.iso7064 import mod_37_36

from onewindow.core.errors import Conflict, Invalid
from onewindow.licences.models import LicenceStatus
from onewindow.licences.services import licence_replace, licence_revoke
from tests.licences.conftest import pdf_bytes, pdf_text, verified


def test_replace(licence, issuer, frozen):
    frozen.shift(dt.timedelta(days=30))
    new = licence_replace(licence=licence, by=issuer, reason="经营场所变更",
                          fields={"经营场所": "测试县新华路8号"})

    assert (new.serial, new.version, new.replaces) == (licence.serial, 2, licence)
    assert new.identifier[:-3] == licence.identifier[:-3] and new.identifier[-3:-1] == "02"
    assert mod_37_36.is_valid(new.identifier) and new.identifier != licence.identifier
    assert new.fields == {"经营场所": "测试县新华路8号", "经营项目": "预包装食品销售"}
    assert (new.valid_from, new.valid_to) == (dt.date(2026, 4, 8), licence.valid_to)
    assert json.loads(new.record)["replaces"] == licence.identifier
    assert "（第2版）" in pdf_text(pdf_bytes(new))

    old_v, new_v = verified(licence), verified(new)
    assert (old_v.valid, old_v.status, old_v.replaced_by) == (False, "replaced", new.identifier)
    assert new_v.valid
    assert licence.events.filter(kind="replaced").get().payload == {"replaced_by": new.identifier}
    assert new.events.get(kind="issued").payload["replaces"] == licence.identifier


def test_replace_with_a_new_validity_and_holder_name(licence, issuer):
    new = licence_replace(licence=licence, by=issuer, reason="延续", holder_name="张小叁", valid_to=None)
    assert (new.holder_name, new.valid_to, new.holder_id_number) == ("张小叁", None, licence.holder_id_number)


def test_only_a_licence_in_force_is_replaced(licence, issuer, chief):
    new = licence_replace(licence=licence, by=issuer, reason="变更")
    with pytest.raises(Conflict) as exc:
        licence_replace(licence=licence, by=issuer, reason="再次变更")
    assert (exc.value.code, exc.value.detail) == ("licence_not_valid", {"status": "replaced"})
    licence_revoke(licence=new, by=chief, reason="撤销")
    with pytest.raises(Conflict):
        licence_replace(licence=new, by=issuer, reason="变更")


def test_replace_validates_input(licence, issuer):
    with pytest.raises(Invalid) as exc:
        licence_replace(licence=licence, by=issuer, reason="")
    assert exc.value.code == "field_required"
    with pytest.raises(Invalid) as exc:
        licence_replace(licence=licence, by=issuer, reason="变更", fields={"未知": "x"})
    assert exc.value.code == "unknown_licence_fields"
    with pytest.raises(Invalid) as exc:
        licence_replace(licence=licence, by=issuer, reason="变更", valid_to=dt.date(2020, 1, 1))
    assert exc.value.code == "invalid_valid_to"
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID and not licence.events.filter(kind="replaced").exists()
