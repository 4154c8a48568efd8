"""Identifiers of the demo data: unified social credit codes (GB 32100) and implementation codes.

A USCC is 1 registration-authority digit + 1 category digit + 6-digit region code + 9-character
organisation code (GB 11714: 8 body characters and a mod-11 check character) + 1 mod-31 check
character. python-stdnum computes the USCC check character; it does not know GB 11714, whose check
is computed here so that the organisation codes look real too.
"""

from __future__ import annotations

from stdnum.cn import uscc as stdnum_uscc

_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _gb11714_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def organisation_code(body: str) -> str:
    """The 9-character organisation code for an 8-character body (GB 11714 check character)."""
    if len(body) != 8:
        raise ValueError(f"an organisation code body has 8 characters, not {body!r}")
    remainder = sum(_gb11714_value(c) * w for c, w in zip(body, _GB11714_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(kind: str, region: str, body: str) -> str:
    """kind: the first two characters, e.g. "11" government body, "12" public institution,
    "13" people's organisation, "91" company. region: 6-digit GB/T 2260 code."""
    first17 = kind + region + organisation_code(body)
    return first17 + stdnum_uscc.calc_check_digit(first17)


def implementation_code(*, uscc: str, level: int, basic_code: str) -> str:
    """DOMAIN §2: the implementing body's USCC + the exercise-level digit + the 12-character basic code."""
    return f"{uscc}{level}{basic_code}"
