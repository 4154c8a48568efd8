"""Shapes of the public catalogue API (docs/api.md). Fields are only ever added, never renamed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from onewindow.catalogue.listing import Guide
from onewindow.catalogue.models import ItemType, ServiceItem


class ItemDepartmentOut(Schema):
    id: int
    code: str
    name: str


class ItemCentreOut(Schema):
    id: int
    name: str
    region: str = Field(description="GB/T 2260 region code of the centre")


class ItemSummaryOut(Schema):
    code: str = Field(description="basic code (基本编码)")
    implementation_code: str = Field(description="implementation code (实施编码), unique")
    name: str
    item_type: str = Field(description="national item type code: 01, 05, 07, 08, 09, 10 or 20")
    item_type_name: str
    department: ItemDepartmentOut
    centre: ItemCentreOut
    theme: str
    case_class: str
    promised_days: int = Field(description="promised limit in working days")
    statutory_days: int = Field(description="statutory limit in working days")
    visits_required: int
    handling_forms: list[str]


class ItemPageOut(Schema):
    count: int = Field(description="items matching the filters, over all pages")
    results: list[ItemSummaryOut]
    next: str | None = Field(description="full URL of the next page, null on the last page")


class GuideVersionOut(Schema):
    number: int
    effective_from: str | None = Field(description="ISO date the version took effect")


class GuideFeeOut(Schema):
    name: str
    amount: str = Field(description="yuan, as a decimal string with two places, e.g. \"10.00\"")
    standard: str
    basis: str
    waivers: str


class GuideMaterialOut(Schema):
    id: int
    name: str
    required: bool = Field(description="false: needed only in some situations")
    requirement: str = Field(description="required | conditional")
    form: str = Field(description="original | copy | original_and_copy | electronic")
    copies: int
    medium: str = Field(description="paper | electronic | both")
    source: str = Field(description="applicant | issuing_body | licence_library (need not be submitted)")
    issuing_body: str
    licence_type: str
    acceptance_standard: str
    blank_form: str
    sample: str
    legal_basis: str
    note: str


class GuideOptionOut(Schema):
    id: int
    label: str
    adds: list[int] = Field(description="material ids this answer adds")
    removes: list[int] = Field(description="material ids this answer removes")


class GuideSituationOut(Schema):
    id: int
    question: str
    options: list[GuideOptionOut]


class GuideOut(Schema):
    """The full guide (办事指南) of the item's current published version: the seven disclosures."""

    code: str = Field(description="basic code (基本编码)")
    implementation_code: str
    name: str
    item_type: str
    item_type_name: str
    department: ItemDepartmentOut
    entrusted_department: ItemDepartmentOut | None
    centre: ItemCentreOut
    exercise_level: int = Field(description="1 national … 5 township")
    resident_in_hall: bool
    any_window: bool
    theme: str
    version: GuideVersionOut
    content: str
    conditions: str
    legal_basis: str
    statutory_days: int
    statutory_unit: str
    promised_days: int
    promised_unit: str
    max_extension_days: int
    notice_days: int
    case_class: str
    visits_required: int
    handling_forms: list[str]
    online_depth: int
    special_procedures: list[str]
    fees: list[GuideFeeOut]
    flow: list[Any] = Field(description='ordered steps, each {"name", "description"}')
    materials: list[GuideMaterialOut]
    situations: list[GuideSituationOut]
    result_type: str
    result_sample: str
    faq: list[Any] = Field(description='each {"question", "answer"}')
    address: str
    office_hours: str
    phone: str
    complaint_phone: str
    delivery_methods: list[str]
    delegated_to: list[int] = Field(description="ids of centres this item is delegated to (赋权)")


# --- mapping from reads to shapes -----------------------------------------------------------------

_TYPE_NAMES = dict(ItemType.choices)


def _type_name(code: str) -> str:
    return str(_TYPE_NAMES.get(code, code))


def _department(dept) -> dict[str, Any]:
    return {"id": dept.pk, "code": dept.code, "name": dept.name}


def _centre(centre) -> dict[str, Any]:
    return {"id": centre.pk, "name": centre.name, "region": centre.region_id}


def item_summary(item: ServiceItem) -> dict[str, Any]:
    version = item.current_version
    assert version is not None  # the list selector only yields items with a version in force
    return {
        "code": item.basic_code, "implementation_code": item.implementation_code, "name": item.name,
        "item_type": item.item_type, "item_type_name": _type_name(item.item_type),
        "department": _department(item.department), "centre": _centre(item.centre), "theme": item.theme,
        "case_class": version.case_class, "promised_days": version.promised_days,
        "statutory_days": version.statutory_days, "visits_required": version.visits_required,
        "handling_forms": version.handling_forms or [],
    }


def _amount(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def guide_out(guide: Guide) -> dict[str, Any]:
    item, v = guide.item, guide.version
    return {
        "code": item.basic_code, "implementation_code": item.implementation_code, "name": v.name,
        "item_type": v.item_type, "item_type_name": _type_name(v.item_type),
        "department": _department(item.department),
        "entrusted_department": (_department(item.entrusted_department)
                                 if item.entrusted_department_id else None),
        "centre": _centre(item.centre), "exercise_level": item.exercise_level,
        "resident_in_hall": item.resident_in_hall, "any_window": item.any_window, "theme": v.theme,
        "version": {"number": v.number,
                    "effective_from": v.effective_from.isoformat() if v.effective_from else None},
        "content": v.content, "conditions": v.conditions, "legal_basis": v.legal_basis,
        "statutory_days": v.statutory_days, "statutory_unit": v.statutory_unit,
        "promised_days": v.promised_days, "promised_unit": v.promised_unit,
        "max_extension_days": v.max_extension_days, "notice_days": v.notice_days, "case_class": v.case_class,
        "visits_required": v.visits_required, "handling_forms": v.handling_forms or [],
        "online_depth": v.online_depth, "special_procedures": v.special_procedures or [],
        "fees": [{"name": f.name, "amount": _amount(f.amount), "standard": f.standard, "basis": f.basis,
                  "waivers": f.waivers} for f in guide.fees],
        "flow": v.flow or [],
        "materials": [{
            "id": m.pk, "name": m.name, "required": m.required, "requirement": m.requirement, "form": m.form,
            "copies": m.copies, "medium": m.medium, "source": m.source, "issuing_body": m.issuing_body,
            "licence_type": m.licence_type, "acceptance_standard": m.acceptance_standard,
            "blank_form": m.blank_form, "sample": m.sample, "legal_basis": m.legal_basis, "note": m.note,
        } for m in guide.materials],
        "situations": [{
            "id": s.id, "question": s.question,
            "options": [{"id": o.id, "label": o.label, "adds": o.adds, "removes": o.removes}
                        for o in s.options],
        } for s in guide.situations],
        "result_type": v.result_type, "result_sample": v.result_sample, "faq": v.faq or [],
        "address": v.address, "office_hours": v.office_hours, "phone": v.phone,
        "complaint_phone": v.complaint_phone, "delivery_methods": v.delivery_methods or [],
        "delegated_to": guide.delegated_to,
    }
