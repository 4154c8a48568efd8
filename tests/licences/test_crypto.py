"""SM3 hashes, SM2 signatures (gmssl) and the loading of private keys from a key_ref."""

from __future__ import annotations

import os
import stat

import pytest

from onewindow.licences import crypto
from onewindow.licences.crypto import KeyUnavailable
from tests.licences.conftest import SECOND_PRIVATE_KEY, TEST_PRIVATE_KEY


def test_sm3_standard_vector_and_both_implementations_agree():
    # GB/T 32905-2016 appendix A, example 1: SM3("abc").
    expected = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert crypto.sm3_hex(b"abc") == crypto.sm3_hex_gmssl(b"abc") == expected
    data = bytes(range(256)) * 20
    assert crypto.sm3_hex(data) == crypto.sm3_hex_gmssl(data)


def test_canonical_json_is_sorted_compact_utf8():
    text = crypto.canonical_json({"b": 1, "a": {"名": "张三", "z": [1, 2]}})
    assert text == '{"a":{"z":[1,2],"名":"张三"},"b":1}'


def test_sign_and_verify():
    public = crypto.public_key_of(TEST_PRIVATE_KEY)
    message = crypto.signed_message(record='{"a":1}', pdf=b"%PDF-1.4 test")
    assert len(message) == 64
    signature = crypto.sign(private_key=TEST_PRIVATE_KEY, public_key=public, message=message)
    assert len(signature) == 128
    assert crypto.verify(public_key=public, signature=signature, message=message)
    # Another message, another key, a changed signature: all fail.
    assert not crypto.verify(public_key=public, signature=signature,
                             message=crypto.signed_message(record='{"a":2}', pdf=b"%PDF-1.4 test"))
    assert not crypto.verify(public_key=crypto.public_key_of(SECOND_PRIVATE_KEY), signature=signature,
                             message=message)
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    assert not crypto.verify(public_key=public, signature=flipped, message=message)


@pytest.mark.parametrize("signature", ["", "zz" * 64, "0" * 128, "ab" * 10, None,
                                       "f" * 128])  # r = s = 2^256 - 1 > n
def test_malformed_signatures_are_false_not_errors(signature):
    public = crypto.public_key_of(TEST_PRIVATE_KEY)
    assert crypto.verify(public_key=public, signature=signature, message=b"x" * 64) is False


def test_nonces_are_fresh():
    public = crypto.public_key_of(TEST_PRIVATE_KEY)
    one = crypto.sign(private_key=TEST_PRIVATE_KEY, public_key=public, message=b"m" * 64)
    two = crypto.sign(private_key=TEST_PRIVATE_KEY, public_key=public, message=b"m" * 64)
    assert one != two


def test_public_key_is_set_verbatim():
    # gmssl's constructor strips "04" with lstrip, which would also eat an x coordinate's leading 0/4.
    key = "04" + "ab" * 63
    assert crypto._crypt("", key).public_key == key


def test_key_id_is_stable():
    public = crypto.public_key_of(TEST_PRIVATE_KEY)
    assert crypto.key_id_of(public) == crypto.sm3_hex(bytes.fromhex(public))[:16].upper()
    assert crypto.key_id_of(public) != crypto.key_id_of(crypto.public_key_of(SECOND_PRIVATE_KEY))


def test_generated_keys_are_in_range_and_distinct():
    keys = {crypto.private_key_generate() for _ in range(5)}
    assert len(keys) == 5
    assert all(crypto.private_key_check(k) == k for k in keys)


def test_load_from_file(tmp_path):
    path = crypto.key_file_write(tmp_path / "k" / "seal.key", TEST_PRIVATE_KEY, comment="seal X\nkey_id Y")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text().startswith("# seal X\n# key_id Y\n")
    assert crypto.private_key_load(f"file:{path}") == TEST_PRIVATE_KEY
    with pytest.raises(FileExistsError):
        crypto.key_file_write(path, SECOND_PRIVATE_KEY)
    crypto.key_file_write(path, SECOND_PRIVATE_KEY, overwrite=True)
    assert crypto.private_key_load(f"file:{path}") == SECOND_PRIVATE_KEY


def test_load_from_environment(monkeypatch):
    monkeypatch.setenv("ONEWINDOW_SEAL_KEY_TEST", TEST_PRIVATE_KEY.upper() + "\n")
    assert crypto.private_key_load("env:ONEWINDOW_SEAL_KEY_TEST") == TEST_PRIVATE_KEY


@pytest.mark.parametrize(("ref", "code"), [
    ("", "key_ref_missing"),
    ("vault:seal", "key_ref_invalid"),
    ("env:DJANGO_SECRET_KEY", "key_ref_invalid"),  # not one of our variables
    ("env:ONEWINDOW_SEAL_KEY_ABSENT", "key_not_found"),
    ("env:ONEWINDOW_SEAL_KEY_BAD", "key_malformed"),
    ("file:", "key_ref_invalid"),
    ("file:/nonexistent/seal.key", "key_not_found"),
])
def test_unusable_key_refs(monkeypatch, ref, code):
    monkeypatch.delenv("ONEWINDOW_SEAL_KEY_ABSENT", raising=False)
    monkeypatch.setenv("ONEWINDOW_SEAL_KEY_BAD", "not-a-key")
    with pytest.raises(KeyUnavailable) as exc:
        crypto.private_key_load(ref)
    assert exc.value.code == code
    assert "not-a-key" not in str(exc.value)


@pytest.mark.parametrize("value", ["0" * 64, "f" * 64, "abc"])
def test_out_of_range_private_keys(value):
    with pytest.raises(KeyUnavailable):
        crypto.private_key_check(value)
