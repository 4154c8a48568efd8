import datetime as dt

import pytest
from stdnum.cn import uscc

from onewindow.core.errors import Invalid
from onewindow.core.identifiers import (
    mask_id,
    mask_phone,
    validate_identifier,
    validate_resident_id,
    validate_uscc,
)

# GB 11643 example number (check digit "X"), and a valid one with a digit check.
VALID_RIC = "11010519491231002X"


def test_resident_id_valid_gives_birth_date_and_sex():
    info = validate_resident_id(VALID_RIC)
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.sex == "female"  # 17th digit 2 is even
    assert info.region_code == "110105"


@pytest.mark.parametrize("bad", ["110105194912310021", "11010519491231002", "1101051949123100XX", "",
                                 "11010519491331002X"])
def test_resident_id_invalid(bad):
    with pytest.raises(Invalid) as exc:
        validate_resident_id(bad)
    assert exc.value.code == "invalid_resident_id"
    assert exc.value.status == 422


def test_uscc_known_valid():
    assert validate_uscc("91110000600037341L") == "91110000600037341L"


def test_uscc_check_character_zero_when_remainder_maps_to_31():
    # GB 32100: check = 31 - (weighted sum mod 31); a result of 31 is written "0".
    body = "91350100016M00010"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(ch) * w for ch, w in zip(body, weights, strict=True))
    assert 31 - total % 31 == 31  # the edge case itself, computed independently of stdnum
    assert uscc.calc_check_digit(body) == "0"
    assert validate_uscc(body + "0") == body + "0"
    with pytest.raises(Invalid):
        validate_uscc(body + "1")


@pytest.mark.parametrize("bad", ["91110000600037341A", "9111000060003734", "abc"])
def test_uscc_invalid(bad):
    with pytest.raises(Invalid) as exc:
        validate_uscc(bad)
    assert exc.value.code == "invalid_uscc"


def test_validate_identifier_dispatch():
    assert validate_identifier("resident_id", VALID_RIC) == VALID_RIC
    assert validate_identifier("uscc", "91110000600037341L") == "91110000600037341L"
    with pytest.raises(Invalid):
        validate_identifier("passport", "E1234567")


def test_masks():
    assert mask_id(VALID_RIC) == "110***********002X"
    assert mask_phone("13800138000") == "138****8000"
