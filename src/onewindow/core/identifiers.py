"""Checks of resident ID numbers (GB 11643) and unified social credit codes (GB 32100).

python-stdnum does the arithmetic; this module only normalises input and turns its exceptions into
our Invalid error with a bilingual message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from onewindow.core.errors import Invalid


@dataclass(frozen=True)
class ResidentIdInfo:
    number: str
    birth_date: dt.date
    sex: str  # "male" | "female"
    region_code: str


def validate_resident_id(value: str) -> ResidentIdInfo:
    try:
        number = ric.validate(value)
    except StdnumError as exc:
        raise Invalid("invalid_resident_id", "居民身份证号码无效", "Invalid resident ID number",
                      detail={"value": mask_id(value), "reason": str(exc)}) from exc
    sex = "male" if int(number[16]) % 2 else "female"
    return ResidentIdInfo(number=number, birth_date=ric.get_birth_date(number), sex=sex,
                          region_code=number[:6])


def validate_uscc(value: str) -> str:
    try:
        return uscc.validate(value)
    except StdnumError as exc:
        raise Invalid("invalid_uscc", "统一社会信用代码无效", "Invalid unified social credit code",
                      detail={"value": value, "reason": str(exc)}) from exc


def validate_identifier(id_type: str, value: str) -> str:
    if id_type == "resident_id":
        return validate_resident_id(value).number
    if id_type == "uscc":
        return validate_uscc(value)
    raise Invalid("invalid_id_type", "证件类型无效", "Unknown identifier type", detail={"id_type": id_type})


def mask_id(value: str) -> str:
    """Keep the first 3 and last 4 characters: 110***********1234."""
    value = (value or "").strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    value = (value or "").strip()
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
