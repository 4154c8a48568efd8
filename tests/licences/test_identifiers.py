"""Licence identifiers: type code + issuer USCC + serial + version + ISO 7064 MOD 37,36 check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_37_36

from onewindow.core.errors import Invalid
from onewindow.licences.identifiers import check_character, identifier_build, identifier_parse

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
USCC = "12990101MB00000016"


def test_hand_worked_vector():
    # ISO 7064 MOD 37,36 (hybrid system, M = 36, M + 1 = 37), body "A1":
    #   P0 = M / 2 = 18
    #   'A' (value 10): (P0 * 2) mod 37 = 36; (36 + 10) mod 36 = 10  -> P1 = 10
    #   '1' (value 1):  (P1 * 2) mod 37 = 20; (20 + 1)  mod 36 = 21  -> P2 = 21
    #   check c: ((P2 * 2) mod 37 + c) mod 36 must be 1: 42 mod 37 = 5, 5 + c ≡ 1 (mod 36) -> c = 32 = 'W'
    assert check_character("A1") == "W"
    assert mod_37_36.is_valid("A1W")


def test_known_vectors_agree_with_stdnum():
    # python-stdnum's own documented vector, and ours built from parts.
    assert check_character("A12425GABC1234002") == "M"
    ident = identifier_build(type_code="SPJY", issuer_uscc=USCC, serial="2026000001", version=1)
    body = "SPJY" + USCC + "2026000001" + "01"
    assert ident.body == body
    assert ident.check == mod_37_36.calc_check_digit(body) == "7"
    assert str(ident) == body + "7"
    # A new version of the same licence has another check character.
    second = identifier_build(type_code="SPJY", issuer_uscc=USCC, serial="2026000001", version=2)
    assert second.check == "5"


def test_parse_round_trip():
    text = "SPJY" + USCC + "2026000001" + "01" + "7"
    parsed = identifier_parse(text.lower())
    assert (parsed.type_code, parsed.issuer_uscc, parsed.serial, parsed.version, parsed.check) == (
        "SPJY", USCC, "2026000001", 1, "7")
    assert str(parsed) == text


@pytest.mark.parametrize("position", [0, 3, 4, 21, 30, 33, 34])
def test_a_changed_character_is_rejected(position):
    good = "SPJY" + USCC + "2026000001" + "01" + "7"
    assert mod_37_36.is_valid(good)
    wrong = good[:position] + ("B" if good[position] != "B" else "C") + good[position + 1:]
    assert not mod_37_36.is_valid(wrong)
    with pytest.raises(Invalid) as exc:
        identifier_parse(wrong)
    assert exc.value.code == "invalid_identifier"
    assert exc.value.status == 422


@pytest.mark.parametrize(("value", "reason"), [
    ("", "length"),
    ("SPJY", "length"),
    ("SPJY" + USCC + "2026000001" + "01" + "7" + "X" * 30, "length"),
    ("SPJY-" + USCC + "2026000001017", "characters"),
    ("SPJY" + USCC + "2026000001" + "01" + "8", "check_character"),
])
def test_malformed(value, reason):
    with pytest.raises(Invalid) as exc:
        identifier_parse(value)
    assert exc.value.detail["reason"] == reason


def test_issuer_code_must_be_a_valid_uscc():
    body = "SPJY" + "12990101MB00000017" + "2026000001" + "01"
    with pytest.raises(Invalid) as exc:
        identifier_parse(body + check_character(body))
    assert exc.value.detail["reason"] == "issuer_uscc"


@given(type_code=st.text(ALPHABET, min_size=2, max_size=20), seq=st.integers(1, 999_999),
       version=st.integers(1, 99))
def test_every_built_identifier_parses_back(type_code, seq, version):
    ident = identifier_build(type_code=type_code, issuer_uscc=USCC, serial=f"2026{seq:06d}", version=version)
    assert identifier_parse(str(ident)) == ident
