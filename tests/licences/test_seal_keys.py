"""Seal keys: registration and rotation, the keygen command, and the key a seal signs with."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from django.core.management import CommandError, call_command

from onewindow.core.errors import Conflict, Invalid
from onewindow.licences.crypto import key_id_of, private_key_load, public_key_of
from onewindow.licences.models import SealKey
from onewindow.licences.services import seal_key_register
from onewindow.licences.services.keys import seal_for, signing_key
from onewindow.network.models import Seal, SealStatus
from onewindow.network.services import seal_revoke
from tests.licences.conftest import SECOND_PRIVATE_KEY, TEST_PRIVATE_KEY


def test_register_retires_the_previous_key(seal):
    first = seal.test_key
    assert first.key_id == key_id_of(public_key_of(TEST_PRIVATE_KEY))
    second = seal_key_register(seal=seal, public_key="04" + public_key_of(SECOND_PRIVATE_KEY))
    first.refresh_from_db()
    assert first.retired_at is not None and second.retired_at is None
    assert second.public_key == public_key_of(SECOND_PRIVATE_KEY)
    assert list(SealKey.objects.filter(seal=seal, retired_at__isnull=True)) == [second]


def test_register_refuses_bad_or_duplicate_keys(seal):
    with pytest.raises(Invalid) as exc:
        seal_key_register(seal=seal, public_key="abc")
    assert exc.value.code == "invalid_public_key"
    with pytest.raises(Conflict) as exc:
        seal_key_register(seal=seal, public_key=public_key_of(TEST_PRIVATE_KEY))
    assert exc.value.code == "seal_key_exists"
    assert SealKey.objects.filter(seal=seal).count() == 1


def test_register_refuses_a_revoked_seal(seal):
    seal_revoke(seal=seal, reason="印章遗失")
    with pytest.raises(Conflict) as exc:
        seal_key_register(seal=seal, public_key=public_key_of(SECOND_PRIVATE_KEY))
    assert exc.value.code == "seal_revoked"


def test_keygen_command(seal, tmp_path):
    out = tmp_path / "new" / "seal.key"
    call_command("licences_seal_keygen", "--seal", seal.code, "--out", str(out))

    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    seal.refresh_from_db()
    assert seal.key_ref == f"file:{out.resolve()}"
    active = SealKey.objects.get(seal=seal, retired_at__isnull=True)
    # Only the public key is in the database, and it matches the private key in the file.
    assert active.public_key == public_key_of(private_key_load(seal.key_ref))
    assert private_key_load(seal.key_ref) not in {active.public_key, active.key_id, seal.key_ref}
    assert SealKey.objects.get(pk=seal.test_key.pk).retired_at is not None
    assert signing_key(seal=seal)[0] == active


def test_keygen_refuses_to_overwrite(seal, tmp_path):
    out = tmp_path / "seal.key"
    out.write_text("keep me")
    with pytest.raises(CommandError, match="key_file_exists"):
        call_command("licences_seal_keygen", "--seal", seal.code, "--out", str(out))
    assert out.read_text() == "keep me"
    # Nothing was registered and the seal still points at its old key.
    assert SealKey.objects.filter(seal=seal).count() == 1
    assert Seal.objects.get(pk=seal.pk).key_ref == seal.key_ref


def test_keygen_unknown_seal(db):
    with pytest.raises(CommandError, match="No seal"):
        call_command("licences_seal_keygen", "--seal", "NOPE", "--out", "/tmp/never-written.key")


def test_signing_key_checks_the_file_against_the_registered_key(seal, tmp_path, monkeypatch):
    key, private = signing_key(seal=seal)
    assert key == seal.test_key and private == TEST_PRIVATE_KEY
    monkeypatch.setenv("ONEWINDOW_SEAL_KEY_OTHER", SECOND_PRIVATE_KEY)
    seal.key_ref = "env:ONEWINDOW_SEAL_KEY_OTHER"
    with pytest.raises(Conflict) as exc:
        signing_key(seal=seal)
    assert exc.value.code == "seal_key_mismatch"
    seal.key_ref = "file:/nonexistent"
    with pytest.raises(Conflict) as exc:
        signing_key(seal=seal)
    assert (exc.value.code, exc.value.detail["reason"]) == ("seal_key_unavailable", "key_not_found")


def test_signing_key_without_a_registered_key(department, monkeypatch):
    seal = Seal.objects.create(centre=department.centre, department=department, name="章", code="S2",
                               key_ref="env:ONEWINDOW_SEAL_KEY_X", registered_on=dt.date(2020, 1, 1))
    monkeypatch.setenv("ONEWINDOW_SEAL_KEY_X", TEST_PRIVATE_KEY)
    with pytest.raises(Conflict) as exc:
        signing_key(seal=seal)
    assert exc.value.code == "seal_key_not_registered"


def test_seal_for_prefers_the_department_then_the_centre(seal, department, other_department):
    assert seal_for(centre_id=department.centre_id, department_id=department.pk) == seal
    with pytest.raises(Conflict) as exc:
        seal_for(centre_id=department.centre_id, department_id=other_department.pk)
    assert exc.value.code == "no_active_seal"
    centre_seal = Seal.objects.create(centre=department.centre, name="中心章", code="C1",
                                      registered_on=dt.date(2020, 1, 1))
    assert seal_for(centre_id=department.centre_id, department_id=other_department.pk) == centre_seal
    Seal.objects.filter(pk=seal.pk).update(status=SealStatus.REVOKED, revoked_on=dt.date(2021, 1, 1))
    assert seal_for(centre_id=department.centre_id, department_id=department.pk) == centre_seal
