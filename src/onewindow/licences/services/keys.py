"""Seal keys: registering a public key (rotation retires the old one), generating a key pair into a
0600 file, and finding the key a seal signs with today."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import IntegrityError, transaction

from onewindow.core.errors import Conflict, Invalid
from onewindow.core.timeutil import now, today
from onewindow.licences.crypto import (
    KeyUnavailable,
    key_file_write,
    key_id_of,
    private_key_generate,
    private_key_load,
    public_key_of,
)
from onewindow.licences.models import SealKey
from onewindow.network.models import Seal, SealStatus, Staff

_HEX128 = re.compile(r"^[0-9a-f]{128}$")
KEY_REF_MAX = 200


def _seal_revoked(seal: Seal) -> Conflict:
    return Conflict("seal_revoked", "该印章已撤销，不能再用于签章", "The seal is revoked and cannot sign",
                    detail={"seal": seal.code,
                            "revoked_on": seal.revoked_on.isoformat() if seal.revoked_on else None})


def _user_of(by):
    if isinstance(by, Staff):
        return by.user
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def seal_key_register(*, seal: Seal, public_key: str, by=None) -> SealKey:
    """Record the seal's new public key; the key in use so far is retired (it still verifies what it
    signed). `by` is the user doing it (None from a management command)."""
    public_key = (public_key or "").strip().lower()
    if public_key.startswith("04") and len(public_key) == 130:
        public_key = public_key[2:]
    if not _HEX128.match(public_key):
        raise Invalid("invalid_public_key", "公钥格式无效", "The public key must be 128 hex digits (x || y)")
    seal = Seal.objects.select_for_update().get(pk=seal.pk)
    if seal.status != SealStatus.ACTIVE:
        raise _seal_revoked(seal)
    key_id = key_id_of(public_key)
    if SealKey.objects.filter(key_id=key_id).exists():
        raise Conflict("seal_key_exists", "该公钥已登记", "This public key is already registered",
                       detail={"key_id": key_id})
    at = now()
    SealKey.objects.filter(seal=seal, retired_at__isnull=True).update(retired_at=at)
    user = _user_of(by)
    try:
        with transaction.atomic():
            return SealKey.objects.create(seal=seal, key_id=key_id, public_key=public_key, created_at=at,
                                          created_by=user)
    except IntegrityError:  # the same key registered concurrently
        raise Conflict("seal_key_exists", "该公钥已登记", "This public key is already registered",
                       detail={"key_id": key_id}) from None


@transaction.atomic
def seal_key_generate(*, seal: Seal, out: Path, by=None, overwrite: bool = False) -> tuple[SealKey, Path]:
    """A new SM2 key pair for `seal`: the private key goes to `out` (mode 0600), the public key to a
    SealKey, and the seal's key_ref is pointed at the file. The file is written last inside the
    transaction, so a failed write leaves no key registered."""
    from onewindow.network.services import seal_update

    private_key = private_key_generate()
    key = seal_key_register(seal=seal, public_key=public_key_of(private_key), by=by)
    path = Path(out).expanduser().resolve()
    key_ref = f"file:{path}"
    if len(key_ref) > KEY_REF_MAX:
        raise Invalid("key_path_too_long", "密钥文件路径过长", "The key file path is too long",
                      detail={"max_length": KEY_REF_MAX - 5})
    locked = Seal.objects.select_for_update().get(pk=seal.pk)
    seal_update(seal=locked, name=locked.name, key_ref=key_ref)
    try:
        key_file_write(path, private_key, overwrite=overwrite,
                       comment=f"onewindow SM2 seal key\nseal {locked.code}\nkey_id {key.key_id}")
    except FileExistsError:
        raise Conflict("key_file_exists", "密钥文件已存在", "The key file already exists",
                       detail={"path": str(path)}) from None
    except OSError as exc:
        raise Conflict("key_file_unwritable", "无法写入密钥文件", "Cannot write the key file",
                       detail={"path": str(path), "error": exc.strerror}) from None
    return key, path


def signing_key(*, seal: Seal) -> tuple[SealKey, str]:
    """The seal's active key and its private half, checked against each other: a key_ref pointing at
    another key than the registered one is refused rather than producing unverifiable licences."""
    if seal.status != SealStatus.ACTIVE or (seal.revoked_on is not None and seal.revoked_on <= today()):
        raise _seal_revoked(seal)
    try:
        private_key = private_key_load(seal.key_ref)
    except KeyUnavailable as exc:
        raise Conflict("seal_key_unavailable", "无法读取印章的签名私钥",
                       "The seal's private key is not available",
                       detail={"seal": seal.code, "reason": exc.code}) from None
    key = SealKey.objects.filter(seal=seal, retired_at__isnull=True).first()
    if key is None:
        raise Conflict("seal_key_not_registered", "印章尚未登记签名公钥",
                       "The seal has no registered public key", detail={"seal": seal.code})
    if key.public_key != public_key_of(private_key):
        raise Conflict("seal_key_mismatch", "印章私钥与登记的公钥不一致",
                       "The seal's private key does not match its registered public key",
                       detail={"seal": seal.code, "key_id": key.key_id})
    return key, private_key


def seal_for(*, centre_id: int, department_id: int | None) -> Seal:
    """The approval seal a licence is signed with: the department's active seal, else the centre's
    own (a township's one seal, 一枚印章)."""
    active = Seal.objects.filter(centre_id=centre_id, status=SealStatus.ACTIVE, registered_on__lte=today())
    seal = None
    if department_id is not None:
        seal = active.filter(department_id=department_id).order_by("-registered_on", "-id").first()
    seal = seal or active.filter(department__isnull=True).order_by("-registered_on", "-id").first()
    if seal is None:
        raise Conflict("no_active_seal", "没有可用的审批专用章", "No active approval seal to sign with",
                       detail={"centre": centre_id, "department": department_id})
    return seal
