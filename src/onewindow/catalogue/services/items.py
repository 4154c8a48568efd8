"""Service items: creation (with the first draft), item-level changes, the denormalised search row."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onewindow.catalogue.models import ExerciseLevel, ItemVersion, ServiceItem, VersionStatus
from onewindow.catalogue.search import build_search_text
from onewindow.catalogue.services.rules import (
    FieldError,
    code_errors,
    item_choice_errors,
    raise_if_any,
    version_content_fields,
    version_errors,
)
from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import Centre, Department

# Item-level fields item_update may change; codes and the implementing department are the item's
# identity and never change (a different body implementing it is a different implementation code).
ITEM_UPDATABLE_FIELDS = frozenset({"entrusted_department", "exercise_level", "resident_in_hall", "any_window",
                                   "active"})


def item_refresh_search(*, item: ServiceItem, version: ItemVersion) -> None:
    """Copy the listed fields of the version in force onto the item (one-table list queries)."""
    item.current_version = version
    item.name = version.name
    item.item_type = version.item_type
    item.theme = version.theme
    item.search_text = build_search_text(
        name=version.name, codes=[item.basic_code, item.implementation_code], keywords=version.keywords)
    item.save(update_fields=["current_version", "name", "item_type", "theme", "search_text"])


def _department_errors(*, centre: Centre, department: Department | None, field: str,
                       required: bool) -> list[FieldError]:
    if department is None:
        if required:
            return [FieldError(field, "department_required", "必须指定实施部门",
                               "The implementing department is required")]
        return []
    if department.centre_id != centre.pk:
        return [FieldError(field, "department_not_in_centre", "部门不属于该中心",
                           "The department does not belong to this centre")]
    if not department.active:
        return [FieldError(field, "department_inactive", "部门已停用", "The department is inactive")]
    return []


@transaction.atomic
def item_create(*, centre: Centre, department: Department, basic_code: str, implementation_code: str,
                name: str, item_type: str, statutory_days: int, promised_days: int,
                exercise_level: int = ExerciseLevel.COUNTY, entrusted_department: Department | None = None,
                resident_in_hall: bool = True, any_window: bool = True, by=None,
                **version_fields: Any) -> ServiceItem:
    """Create a service item and its first draft version (number 1) carrying `name`, `item_type`,
    the limits and any other ItemVersion content field. Publish it with item_version_publish."""
    unknown = sorted(set(version_fields) - set(version_content_fields()))
    if unknown:
        names = ", ".join(unknown)
        raise Invalid("unknown_field", f"未知字段:{names}", f"Unknown fields: {names}",
                      detail={"fields": unknown})
    errors = code_errors(basic_code=basic_code, implementation_code=implementation_code)
    errors += item_choice_errors(item_type=item_type, exercise_level=exercise_level)
    if not centre.active:
        errors.append(FieldError("centre", "centre_inactive", "中心已停用", "The centre is inactive"))
    errors += _department_errors(centre=centre, department=department, field="department", required=True)
    if entrusted_department is not None and entrusted_department.pk == getattr(department, "pk", None):
        errors.append(FieldError("entrusted_department", "entrusted_same_as_department",
                                 "受委托部门不能是实施部门本身",
                                 "The entrusted department cannot be the implementing department"))
    item = ServiceItem(centre=centre, department=department, entrusted_department=entrusted_department,
                       basic_code=basic_code, implementation_code=implementation_code, name=name,
                       item_type=item_type, exercise_level=exercise_level, resident_in_hall=resident_in_hall,
                       any_window=any_window, theme=version_fields.get("theme", ""))
    version = ItemVersion(number=1, status=VersionStatus.DRAFT, name=name, item_type=item_type,
                          statutory_days=statutory_days, promised_days=promised_days, created_by=by,
                          **version_fields)
    errors += [e for e in version_errors(version) if e.field not in {x.field for x in errors}]
    raise_if_any(errors)
    if ServiceItem.objects.filter(implementation_code=implementation_code).exists():
        raise Conflict("implementation_code_taken", "实施编码已存在",
                       "This implementation code already exists",
                       detail={"implementation_code": implementation_code})
    item.search_text = build_search_text(name=name, codes=[basic_code, implementation_code],
                                         keywords=version.keywords)
    item.save()
    version.item = item
    version.save()
    return item


@transaction.atomic
def item_update(*, item: ServiceItem, **fields: Any) -> ServiceItem:
    """Change item-level facts (residency, any-window intake, level, entrusted department, active)."""
    unknown = sorted(set(fields) - ITEM_UPDATABLE_FIELDS)
    if unknown:
        raise Invalid("unknown_field", f"不可修改的字段:{', '.join(unknown)}",
                      f"Fields that cannot be changed: {', '.join(unknown)}", detail={"fields": unknown})
    item = ServiceItem.objects.select_for_update().select_related("centre").get(pk=item.pk)
    errors: list[FieldError] = []
    if "exercise_level" in fields:
        errors += item_choice_errors(item_type=item.item_type, exercise_level=fields["exercise_level"])
    if fields.get("entrusted_department") is not None:
        entrusted = fields["entrusted_department"]
        if entrusted.pk == item.department_id:
            errors.append(FieldError("entrusted_department", "entrusted_same_as_department",
                                     "受委托部门不能是实施部门本身",
                                     "The entrusted department cannot be the implementing department"))
    for name in ("resident_in_hall", "any_window", "active"):
        if name in fields and not isinstance(fields[name], bool):
            errors.append(FieldError(name, "field_invalid", "必须为是或否", "Must be true or false"))
    raise_if_any(errors)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    return item
