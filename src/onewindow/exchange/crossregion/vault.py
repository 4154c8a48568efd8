"""Secrets at rest: SM4-CBC under a key derived from SECRET_KEY (rotate both together). The admin
never shows them; only the services decrypt, at the moment of signing or calling."""

from __future__ import annotations

import base64
import hashlib
import secrets

from django.conf import settings
from gmssl.sm4 import SM4_DECRYPT, SM4_ENCRYPT, CryptSM4


def _key() -> bytes:
    return hashlib.sha256(b"onewindow-crossregion:" + settings.SECRET_KEY.encode()).digest()[:16]


def seal(value: str) -> str:
    if not value:
        return ""
    iv = secrets.token_bytes(16)
    sm4 = CryptSM4()
    sm4.set_key(_key(), SM4_ENCRYPT)
    return base64.b64encode(iv + sm4.crypt_cbc(iv, value.encode())).decode()


def unseal(value: str) -> str:
    if not value:
        return ""
    raw = base64.b64decode(value)
    sm4 = CryptSM4()
    sm4.set_key(_key(), SM4_DECRYPT)
    return sm4.crypt_cbc(raw[:16], raw[16:]).decode()
