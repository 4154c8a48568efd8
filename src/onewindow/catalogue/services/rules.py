"""Pure checks of catalogue input (no writes). Services raise the first error as Invalid with every
error in `detail["errors"]`; the importer turns each error into a row error; the admin forms show them.

Each error has a stable code, a Chinese and an English message, and the field it concerns.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import override

from onewindow.catalogue.models import (
    CaseClass,
    ExerciseLevel,
    Fee,
    HandlingForm,
    ItemType,
    ItemVersion,
    Material,
    MaterialSource,
    SpecialProcedure,
)
from onewindow.core.errors import DomainError, Invalid
from onewindow.network.models import Theme

# Fields of ItemVersion that describe the version's life, not its content: never copied between
# versions, never set by item_version_update, not compared by the importer.
VERSION_META_FIELDS = frozenset({
    "id", "item", "number", "status", "effective_from", "effective_to", "published_at", "published_by",
    "created_at", "created_by", "retired_at", "retired_by",
})
# JSON fields holding a flat list of codes or words (xlsx: separated by ";").
VERSION_LIST_FIELDS = frozenset({"handling_forms", "special_procedures", "life_events", "delivery_methods"})
DELIVERY_METHODS = ("pickup", "mail", "locker")  # GLOSSARY: Delivery

MATERIAL_META_FIELDS = frozenset({"id", "version"})
FEE_META_FIELDS = frozenset({"id", "version"})

BASIC_CODE_RE = re.compile(r"^[0-9A-Z]{12}$")
IMPLEMENTATION_CODE_RE = re.compile(r"^[0-9A-Z]{12,40}$")

# Administrative Licensing Law art. 32: one-time notice within 5 days; art. 42: extension of 10
# working days, 15 for joint/centralised handling. The law governs licensing (item type 01) only;
# other items follow their own law (e.g. information disclosure: 7 and 20, DOMAIN §8), not capped here.
MAX_NOTICE_DAYS = 5
MAX_EXTENSION_DAYS = 15


def content_fields(model: type[models.Model], meta: frozenset[str]) -> list[str]:
    """Names of the model's concrete fields that carry content, in declaration order."""
    return [f.name for f in model._meta.concrete_fields if f.name not in meta]


def version_content_fields() -> list[str]:
    return content_fields(ItemVersion, VERSION_META_FIELDS)


def material_content_fields() -> list[str]:
    return content_fields(Material, MATERIAL_META_FIELDS)


def fee_content_fields() -> list[str]:
    return content_fields(Fee, FEE_META_FIELDS)


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def raise_if_any(errors: list[FieldError]) -> None:
    if errors:
        first = errors[0]
        raise Invalid(first.code, first.message, first.message_en,
                      detail={"field": first.field, "errors": [e.as_dict() for e in errors]})


def errors_of(exc: DomainError, default_field: str = "") -> list[FieldError]:
    """The field errors carried by an Invalid raised by raise_if_any (or one built from any error)."""
    detail = exc.detail if isinstance(exc.detail, dict) else {}
    listed = detail.get("errors")
    if isinstance(listed, list) and all(isinstance(e, dict) and "code" in e for e in listed):
        return [FieldError(e.get("field", default_field), e["code"], e.get("message", ""),
                           e.get("message_en", "")) for e in listed]
    return [FieldError(detail.get("field", default_field), exc.code, exc.message, exc.message_en)]


def model_errors(instance: models.Model, *, exclude: set[str] | frozenset[str]) -> list[FieldError]:
    """Django's own field checks (type, max_length, choices, blank), converted and bilingual.
    Converts the instance's attributes to Python values as a side effect (e.g. "5" → 5)."""
    try:
        instance.clean_fields(exclude=set(exclude))
    except ValidationError as exc:
        out = []
        for field, errs in exc.error_dict.items():
            for err in errs:
                with override("zh-hans"):
                    zh = " ".join(err.messages)
                with override("en"):
                    en = " ".join(err.messages)
                out.append(FieldError(field, f"field_{err.code or 'invalid'}", zh, en))
        return out
    return []


def _subset_errors(field: str, values: Any, allowed, code: str, zh: str, en: str) -> list[FieldError]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return [FieldError(field, "field_not_a_list", f"{zh}必须是代码列表", f"{en} must be a list of codes")]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        return [FieldError(field, code, f"未知的{zh}:{'、'.join(unknown)}",
                           f"Unknown {en}: {', '.join(unknown)}")]
    if len(set(values)) != len(values):
        return [FieldError(field, "field_duplicate_values", f"{zh}有重复", f"{en} has duplicates")]
    return []


def _steps_errors(field: str, value: Any, keys: tuple[str, ...]) -> list[FieldError]:
    ok = isinstance(value, list) and all(
        isinstance(step, dict) and all(isinstance(step.get(k), str) for k in keys) and step.get(keys[0])
        for step in value)
    if ok:
        return []
    return [FieldError(field, "field_invalid_entries",
                       f"每一项必须包含非空的 {keys[0]} 以及 {'、'.join(keys[1:])}",
                       f"Each entry must have a non-empty {keys[0]} and {', '.join(keys[1:])}")]


def _notice_and_extension_errors(v: ItemVersion, ok) -> list[FieldError]:
    """The licensing law's caps, for licensing items only: other items follow their own law."""
    errors: list[FieldError] = []
    if not ok("item_type") or v.item_type != ItemType.LICENSING:
        return errors
    if ok("notice_days") and v.notice_days > MAX_NOTICE_DAYS:
        errors.append(FieldError("notice_days", "notice_days_out_of_range",
                                 f"一次性告知期限不得超过{MAX_NOTICE_DAYS}日(行政许可法第三十二条)",
                                 f"The one-time notice period may not exceed {MAX_NOTICE_DAYS} days "
                                 "(Administrative Licensing Law art. 32)"))
    if ok("max_extension_days") and v.max_extension_days > MAX_EXTENSION_DAYS:
        errors.append(FieldError("max_extension_days", "max_extension_out_of_range",
                                 f"延期不得超过{MAX_EXTENSION_DAYS}个工作日(行政许可法第四十二条)",
                                 f"An extension may not exceed {MAX_EXTENSION_DAYS} working days "
                                 "(Administrative Licensing Law art. 42)"))
    return errors


def version_errors(version: ItemVersion, *, is_bundle: bool = False) -> list[FieldError]:
    """Every problem with a version's content: Django field checks, then the time and code rules."""
    errors = model_errors(version, exclude=VERSION_META_FIELDS)
    bad = {e.field for e in errors}

    def ok(*fields: str) -> bool:
        return not bad.intersection(fields)

    v = version
    if ok("statutory_days") and v.statutory_days < 1:
        errors.append(FieldError("statutory_days", "statutory_days_too_small", "法定办结时限至少为1个工作日",
                                 "The statutory limit must be at least 1 working day"))
    if ok("statutory_days", "promised_days") and v.promised_days > v.statutory_days:
        errors.append(FieldError("promised_days", "promised_exceeds_statutory",
                                 "承诺办结时限不得超过法定办结时限",
                                 "The promised limit may not exceed the statutory limit"))
    if ok("promised_days", "case_class") and v.promised_days < 1 and v.case_class != CaseClass.IMMEDIATE:
        errors.append(FieldError("promised_days", "promised_days_too_small",
                                 "只有即办件的承诺办结时限可以为0",
                                 "Only an immediate item may have a promised limit of 0 days"))
    errors += _notice_and_extension_errors(v, ok)
    if ok("online_depth") and not 1 <= v.online_depth <= 4:
        errors.append(FieldError("online_depth", "online_depth_out_of_range", "网办深度必须为1至4",
                                 "The online depth must be 1 to 4"))
    if ok("special_procedures"):
        errors += _subset_errors("special_procedures", v.special_procedures, SpecialProcedure.values,
                                 "unknown_special_procedure", "特别程序", "special procedure")
    if ok("handling_forms"):
        errors += _subset_errors("handling_forms", v.handling_forms, HandlingForm.values,
                                 "unknown_handling_form", "办理形式", "handling form")
    if ok("delivery_methods"):
        errors += _subset_errors("delivery_methods", v.delivery_methods, DELIVERY_METHODS,
                                 "unknown_delivery_method", "送达方式", "delivery method")
    if ok("life_events") and not (isinstance(v.life_events, list)
                                  and all(isinstance(x, str) and x for x in v.life_events)):
        errors.append(FieldError("life_events", "field_not_a_list", "人生事件必须是文字列表",
                                 "Life events must be a list of words"))
    if ok("theme") and v.theme and v.theme not in Theme.values:
        errors.append(FieldError("theme", "unknown_theme", f"未知的主题:{v.theme}",
                                 f"Unknown theme: {v.theme}"))
    for field in ("flow", "review_steps"):
        if ok(field):
            errors += _steps_errors(field, getattr(v, field), ("name", "description"))
    if ok("faq"):
        errors += _steps_errors("faq", v.faq, ("question", "answer"))
    if is_bundle and ok("case_class") and v.case_class != CaseClass.JOINT:
        errors.append(FieldError("case_class", "bundle_must_be_joint", "联办事项的默认办件类型必须为联办件",
                                 "A bundle's default case class must be joint"))
    return errors


def material_errors(material: Material) -> list[FieldError]:
    errors = model_errors(material, exclude=MATERIAL_META_FIELDS)
    bad = {e.field for e in errors}
    if "copies" not in bad and material.copies < 1:
        errors.append(FieldError("copies", "copies_too_small", "份数至少为1", "At least 1 copy"))
    from_library = material.source == MaterialSource.LICENCE_LIBRARY
    if not bad.intersection({"source", "licence_type"}) and from_library and not material.licence_type:
        errors.append(FieldError("licence_type", "licence_type_required",
                                 "来自电子证照库的材料必须填写证照类型代码",
                                 "A material from the e-licence library needs its licence type code"))
    return errors


def fee_errors(fee: Fee) -> list[FieldError]:
    errors = model_errors(fee, exclude=FEE_META_FIELDS)
    if "amount" not in {e.field for e in errors} and Decimal(fee.amount) < 0:
        errors.append(FieldError("amount", "fee_amount_negative", "收费金额不能为负数",
                                 "A fee cannot be negative"))
    return errors


def code_errors(*, basic_code: str, implementation_code: str) -> list[FieldError]:
    errors = []
    if not isinstance(basic_code, str) or not BASIC_CODE_RE.match(basic_code):
        errors.append(FieldError("basic_code", "invalid_basic_code", "基本编码必须为12位数字或大写字母",
                                 "The basic code must be 12 digits or capital letters"))
    if not isinstance(implementation_code, str) or not IMPLEMENTATION_CODE_RE.match(implementation_code):
        errors.append(FieldError("implementation_code", "invalid_implementation_code",
                                 "实施编码必须为12至40位数字或大写字母",
                                 "The implementation code must be 12 to 40 digits or capital letters"))
    return errors


def item_choice_errors(*, item_type: str, exercise_level: int) -> list[FieldError]:
    errors = []
    if item_type not in ItemType.values:
        errors.append(FieldError("item_type", "unknown_item_type", f"未知的事项类型:{item_type}",
                                 f"Unknown item type: {item_type}"))
    if exercise_level not in ExerciseLevel.values:
        errors.append(FieldError("exercise_level", "unknown_exercise_level",
                                 f"未知的行使层级:{exercise_level}",
                                 f"Unknown exercise level: {exercise_level}"))
    return errors
