"""Licence identifiers in the style of the national e-licence identifier:

    type code (2–20 of 0-9A-Z) + issuer USCC (18) + serial (10: year + 6 digits) + version (2) + check (1)

e.g. ``SPJY`` ``91350100M000100Y43`` ``2026000001`` ``01`` ``T``. The check character is ISO 7064
MOD 37,36 over everything before it (python-stdnum does the arithmetic). The fixed-length tail makes
the identifier parse from the right without separators, so it is URL- and QR-safe as it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.cn import uscc as stdnum_uscc
from stdnum.iso7064 import mod_37_36

from onewindow.core.errors import Invalid

TYPE_CODE_RE = re.compile(r"^[0-9A-Z]{2,20}$")
USCC_LENGTH = 18
SERIAL_LENGTH = 10
VERSION_LENGTH = 2
TAIL_LENGTH = USCC_LENGTH + SERIAL_LENGTH + VERSION_LENGTH + 1
MAX_VERSION = 10**VERSION_LENGTH - 1
_CHARSET_RE = re.compile(r"^[0-9A-Z]+$")


@dataclass(frozen=True)
class LicenceIdentifier:
    type_code: str
    issuer_uscc: str
    serial: str
    version: int
    check: str

    def __str__(self) -> str:
        return f"{self.body}{self.check}"

    @property
    def body(self) -> str:
        return f"{self.type_code}{self.issuer_uscc}{self.serial}{self.version:0{VERSION_LENGTH}d}"


def check_character(body: str) -> str:
    """The ISO 7064 MOD 37,36 check character of `body` (0-9A-Z)."""
    return mod_37_36.calc_check_digit(body)


def serial_format(year: int, sequence: int) -> str:
    return f"{year:04d}{sequence:06d}"


def identifier_build(*, type_code: str, issuer_uscc: str, serial: str, version: int) -> LicenceIdentifier:
    """A new identifier; the parts are ours (validated when the type and issuer were set up), so a bad
    part is a programming or configuration error, not user input."""
    if not TYPE_CODE_RE.match(type_code):
        raise ValueError(f"bad licence type code {type_code!r}")
    if len(issuer_uscc) != USCC_LENGTH or not _CHARSET_RE.match(issuer_uscc):
        raise ValueError(f"bad issuer USCC {issuer_uscc!r}")
    if len(serial) != SERIAL_LENGTH or not serial.isdigit():
        raise ValueError(f"bad serial {serial!r}")
    if not 1 <= version <= MAX_VERSION:
        raise ValueError(f"bad version {version!r}")
    body = f"{type_code}{issuer_uscc}{serial}{version:0{VERSION_LENGTH}d}"
    return LicenceIdentifier(type_code, issuer_uscc, serial, version, check_character(body))


def _invalid(value: str, reason: str) -> Invalid:
    return Invalid("invalid_identifier", "电子证照标识无效", "Invalid licence identifier",
                   detail={"identifier": value[:80], "reason": reason})


def identifier_parse(value: str) -> LicenceIdentifier:
    """Parse and check an identifier from outside (a QR code, a URL, a clerk). 422 invalid_identifier
    for a wrong length, character, check character or issuer code."""
    text = (value or "").strip().upper()
    if not 2 + TAIL_LENGTH <= len(text) <= 20 + TAIL_LENGTH:
        raise _invalid(text, "length")
    if not _CHARSET_RE.match(text):
        raise _invalid(text, "characters")
    if not mod_37_36.is_valid(text):
        raise _invalid(text, "check_character")
    type_code = text[:-TAIL_LENGTH]
    tail = text[-TAIL_LENGTH:]
    issuer = tail[:USCC_LENGTH]
    serial = tail[USCC_LENGTH:USCC_LENGTH + SERIAL_LENGTH]
    version = tail[USCC_LENGTH + SERIAL_LENGTH:-1]
    if not stdnum_uscc.is_valid(issuer):
        raise _invalid(text, "issuer_uscc")
    if not serial.isdigit() or not version.isdigit() or int(version) < 1:
        raise _invalid(text, "serial_or_version")
    return LicenceIdentifier(type_code, issuer, serial, int(version), text[-1])
