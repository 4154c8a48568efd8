"""SM2 signatures over SM3 hashes (GB/T 38540 style) with gmssl, and the seal keys' storage.

What is signed: SM3(canonical record, UTF-8) || SM3(PDF bytes) — two 32-byte digests — with
SM2-with-SM3 (gmssl's sign_with_sm3: e = SM3(Z_A || M), default user id 1234567812345678).

Private keys never enter the database. A seal's `key_ref` names where its private key is:
``env:ONEWINDOW_SEAL_KEY_…`` (an environment variable) or ``file:/path`` (a file whose first
non-comment line is the key as 64 hex digits). Only the public key is stored (SealKey).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from gmssl import func as gm_func
from gmssl import sm2 as gm_sm2
from gmssl import sm3 as gm_sm3

_CURVE = gm_sm2.default_ecc_table
_N = int(_CURVE["n"], 16)
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_HEX128 = re.compile(r"^[0-9a-fA-F]{128}$")
ENV_PREFIX = "ONEWINDOW_SEAL_KEY"
_ENV_NAME = re.compile(rf"^{ENV_PREFIX}[A-Z0-9_]*$")


class KeyUnavailable(Exception):
    """The private key named by a key_ref cannot be used; `code` says why (never the key itself)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


# --- hashes -----------------------------------------------------------------------------------------

def _openssl_sm3() -> bool:
    try:
        hashlib.new("sm3")
    except ValueError:
        return False
    return True


_HAVE_OPENSSL_SM3 = _openssl_sm3()


def sm3_hex(data: bytes) -> str:
    """SM3 digest as hex. OpenSSL's SM3 through hashlib when the build has it (gmssl's pure-Python SM3
    runs at ~60 kB/s, too slow for PDFs on every verification); gmssl's otherwise. The tests check
    that both give the same digests."""
    if _HAVE_OPENSSL_SM3:
        return hashlib.new("sm3", data).hexdigest()
    return gm_sm3.sm3_hash(gm_func.bytes_to_list(data))


def sm3_hex_gmssl(data: bytes) -> str:
    return gm_sm3.sm3_hash(gm_func.bytes_to_list(data))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(obj: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 text (not \\u escapes)."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def signed_message(*, record: str, pdf: bytes) -> bytes:
    return bytes.fromhex(sm3_hex(record.encode("utf-8"))) + bytes.fromhex(sm3_hex(pdf))


# --- keys -------------------------------------------------------------------------------------------

def _crypt(private_key: str, public_key: str) -> gm_sm2.CryptSM2:
    crypt = gm_sm2.CryptSM2(private_key=private_key, public_key=public_key)
    # gmssl drops a "04" prefix with str.lstrip("04"), which also eats leading 0/4 digits of x:
    # set the key ourselves (always the bare 128-hex x || y).
    crypt.public_key = public_key
    return crypt


def private_key_generate() -> str:
    """A private key d in [1, n-2] from the OS's CSPRNG, 64 hex digits."""
    return f"{secrets.randbelow(_N - 2) + 1:064x}"


def private_key_check(value: str) -> str:
    value = value.strip().lower()
    if not _HEX64.match(value) or not 1 <= int(value, 16) <= _N - 2:
        raise KeyUnavailable("key_malformed")
    return value


def public_key_of(private_key: str) -> str:
    """d·G as 128 hex digits (x || y). gmssl has no public helper for it; _kg is its scalar multiply."""
    crypt = _crypt(private_key, "")
    return crypt._kg(int(private_key, 16), _CURVE["g"])


def key_id_of(public_key: str) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SM3, upper-case."""
    return sm3_hex(bytes.fromhex(public_key))[:16].upper()


def private_key_load(key_ref: str) -> str:
    """The private key named by `key_ref`; KeyUnavailable if it is missing or malformed."""
    key_ref = (key_ref or "").strip()
    if not key_ref:
        raise KeyUnavailable("key_ref_missing")
    scheme, _, target = key_ref.partition(":")
    if scheme == "env":
        # Only our own variables: a key_ref must not be able to point at unrelated secrets.
        if not _ENV_NAME.match(target):
            raise KeyUnavailable("key_ref_invalid")
        raw = os.environ.get(target)
        if raw is None:
            raise KeyUnavailable("key_not_found")
        return private_key_check(raw)
    if scheme == "file":
        if not target:
            raise KeyUnavailable("key_ref_invalid")
        try:
            text = Path(target).expanduser().read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            raise KeyUnavailable("key_not_found") from None
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if not lines:
            raise KeyUnavailable("key_malformed")
        return private_key_check(lines[0])
    raise KeyUnavailable("key_ref_invalid")


def key_file_write(path: Path, private_key: str, *, comment: str = "", overwrite: bool = False) -> Path:
    """Write a private key file readable by its owner only (0600), refusing to replace an existing
    file unless asked. The mode is set at creation, so the key is never briefly world-readable."""
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
        header = "".join(f"# {line}\n" for line in comment.splitlines() if line.strip())
        os.write(fd, f"{header}{private_key}\n".encode("ascii"))
    finally:
        os.close(fd)
    return path


# --- sign and verify --------------------------------------------------------------------------------

def sign(*, private_key: str, public_key: str, message: bytes) -> str:
    """SM2-with-SM3 signature r || s (128 hex). The nonce comes from `secrets`: gmssl's default uses
    random.choice, and a predictable nonce gives the private key away."""
    crypt = _crypt(private_key, public_key)
    while True:
        nonce = f"{secrets.randbelow(_N - 1) + 1:064x}"
        signature = crypt.sign_with_sm3(message, nonce)
        if signature:  # None in the (negligible) degenerate cases r = 0, r + k = n, s = 0
            return signature


def verify(*, public_key: str, signature: str, message: bytes) -> bool:
    """True only for a well-formed signature with r, s in [1, n-1] that verifies; never raises."""
    if not isinstance(signature, str) or not _HEX128.match(signature):
        return False
    if not isinstance(public_key, str) or not _HEX128.match(public_key):
        return False
    r, s = int(signature[:64], 16), int(signature[64:], 16)
    if not (1 <= r < _N and 1 <= s < _N):
        return False
    try:
        return bool(_crypt("", public_key.lower()).verify_with_sm3(signature.lower(), message))
    except (ValueError, TypeError, IndexError):
        return False
