"""licence_verify: the signature is checked on every call; tampering, revocation, expiry, key rotation
and seal revocation each show."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.cases import services as case_svc
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.licences.crypto import key_file_write, public_key_of
from onewindow.licences.identifiers import identifier_build
from onewindow.licences.models import Licence, LicenceStatus
from onewindow.licences.selectors import licence_lookup
from onewindow.licences.services import (
    licence_issue_for_case,
    licence_revoke,
    licences_sweep,
    seal_key_register,
)
from onewindow.network.services import seal_revoke
from tests.licences.conftest import SECOND_PRIVATE_KEY, SHANGHAI, intake, verified


def test_a_fresh_licence_is_valid(licence):
    v = verified(licence)
    assert (v.valid, v.status, v.reason) == (True, "valid", None)
    assert (v.seal_revoked_on, v.replaced_by) == (None, None)
    assert v.record["holder"]["name"] == "张小三"
    assert v.message == ("有效", "Valid")


def test_one_byte_of_the_record_changed(licence):
    record = licence.record
    i = record.index("张小三")
    Licence.objects.filter(pk=licence.pk).update(record=record[:i] + "李" + record[i + 1:])
    v = verified(licence)
    assert (v.valid, v.status, v.reason, v.record) == (False, "invalid", "signature_mismatch", None)


def test_whitespace_added_to_the_record(licence):
    Licence.objects.filter(pk=licence.pk).update(record=licence.record + " ")
    assert verified(licence).reason == "signature_mismatch"


def test_one_byte_of_the_pdf_changed(licence):
    path = licence.pdf.path
    with open(path, "rb") as fh:
        data = bytearray(fh.read())
    data[len(data) // 2] ^= 0x01
    with open(path, "wb") as fh:
        fh.write(bytes(data))
    v = verified(licence)
    assert (v.valid, v.reason) == (False, "signature_mismatch")


def test_pdf_missing(licence):
    import os

    os.remove(licence.pdf.path)
    assert verified(licence).reason == "pdf_missing"


def test_a_column_changed_behind_the_signature(licence):
    # The signed record is intact, but the library's row says something else: not trusted either.
    Licence.objects.filter(pk=licence.pk).update(holder_id_number="110105198001010024")
    assert verified(licence).reason == "record_mismatch"
    Licence.objects.filter(pk=licence.pk).update(holder_id_number=licence.holder_id_number,
                                                 valid_to=dt.date(2099, 1, 1))
    assert verified(licence).reason == "record_mismatch"


def test_signature_replaced_by_garbage(licence):
    Licence.objects.filter(pk=licence.pk).update(signature="00" * 64)
    assert verified(licence).reason == "signature_mismatch"


def test_revoked(licence, chief):
    licence_revoke(licence=licence, reason="以欺骗手段取得", by=chief)
    v = verified(licence)
    assert (v.valid, v.status, v.reason) == (False, "revoked", None)
    assert v.message == ("已撤销", "Revoked")


def test_expired_derived_at_read_time_then_swept(licence, frozen):
    assert licence.valid_to == dt.date(2031, 3, 8)
    frozen.move_to(dt.datetime(2031, 3, 8, 23, 0, tzinfo=SHANGHAI))
    assert verified(licence).status == "valid"  # the last day of validity
    frozen.move_to(dt.datetime(2031, 3, 9, 0, 30, tzinfo=SHANGHAI))
    v = verified(licence)
    assert (v.valid, v.status, v.reason) == (False, "expired", None)
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.VALID  # not yet recorded
    assert licences_sweep()["licences_expired"] == 1
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.EXPIRED
    assert licence.events.filter(kind="expired").count() == 1
    assert licences_sweep()["licences_expired"] == 0


def test_key_rotation_old_licences_still_verify(licence, seal, tmp_path, frozen, clerk, chief, issuer,
                                                version):
    old_key = seal.test_key
    new_file = key_file_write(tmp_path / "rotated.key", SECOND_PRIVATE_KEY)
    seal.key_ref = f"file:{new_file}"
    seal.save(update_fields=["key_ref"])
    new_key = seal_key_register(seal=seal, public_key=public_key_of(SECOND_PRIVATE_KEY))
    frozen.shift(dt.timedelta(hours=1))

    case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
    newer = licence_issue_for_case(case=case, by=issuer)
    assert newer.seal_key == new_key and newer.key_id != licence.key_id
    old_v, new_v = verified(licence), verified(newer)
    assert old_v.valid and new_v.valid
    assert old_v.licence.seal_key == old_key and old_v.licence.seal_key.retired_at is not None


def test_the_old_key_file_cannot_sign_after_rotation(licence, seal, frozen, clerk, chief, issuer, version):
    seal_key_register(seal=seal, public_key=public_key_of(SECOND_PRIVATE_KEY))  # key_ref still the old file
    case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
    with pytest.raises(Conflict) as exc:
        licence_issue_for_case(case=case, by=issuer)
    assert exc.value.code == "seal_key_mismatch"


def test_signed_by_a_key_retired_before_signing(licence, seal):
    seal.test_key.retired_at = licence.signed_at - dt.timedelta(minutes=1)
    seal.test_key.save()
    assert verified(licence).reason == "key_retired"


def test_seal_revoked_after_signing_shows_but_keeps_the_licence_valid(licence, seal, frozen):
    frozen.shift(dt.timedelta(days=1))
    seal_revoke(seal=seal, reason="印章更换")
    v = verified(licence)
    assert (v.valid, v.status, v.seal_revoked_on) == (True, "valid", dt.date(2026, 3, 10))


def test_seal_revoked_as_of_the_signing_day_invalidates(licence, seal):
    seal_revoke(seal=seal, reason="印章被盗用", on=dt.date(2026, 3, 9))
    v = verified(licence)
    assert (v.valid, v.status, v.reason, v.seal_revoked_on) == (False, "invalid", "seal_revoked",
                                                                dt.date(2026, 3, 9))


def test_a_revoked_seal_cannot_sign(approved_case, seal, issuer):
    seal_revoke(seal=seal, reason="印章遗失")
    with pytest.raises(Conflict) as exc:
        licence_issue_for_case(case=approved_case, by=issuer)
    assert exc.value.code == "no_active_seal"


def test_lookup(licence):
    assert licence_lookup(identifier=licence.identifier.lower()) == licence
    bad = licence.identifier[:-1] + ("A" if licence.identifier[-1] != "A" else "B")
    with pytest.raises(Invalid) as exc:
        licence_lookup(identifier=bad)
    assert exc.value.code == "invalid_identifier"
    unknown = identifier_build(type_code="SPJY", issuer_uscc=licence.issuer_uscc, serial="2026009999",
                               version=1)
    with pytest.raises(NotFound) as exc:
        licence_lookup(identifier=str(unknown))
    assert exc.value.code == "licence_not_found"


def test_sweep_command(licence, frozen, capsys):
    from django.core.management import call_command

    frozen.move_to(dt.datetime(2031, 3, 9, 9, 0, tzinfo=SHANGHAI))
    call_command("licences_sweep")
    assert "licences_expired: 1" in capsys.readouterr().out
    assert Licence.objects.get(pk=licence.pk).status == LicenceStatus.EXPIRED
