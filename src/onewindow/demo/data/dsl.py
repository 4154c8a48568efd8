"""Compact constructors for the demo catalogue, so that each service item reads as one small block.

    item("10001", "公司设立登记", LICENSING, "SCJG", days=(3, 0), case_class=IMMEDIATE,
         basis="...", conditions="...", materials=[ID_CARD, m("公司章程", "...")], proxy=True)

Codes:
- `main` is a 5-digit main-item number, unique within a centre (2 digits per department block +
  3-digit sequence; every township implements the township items under the same main numbers);
  `sub` a 3-digit sub-item number (0 when the item has no sub-items);
- basic code = item type (2) + main (5) + sub (3) + "00" (handling item) = 12 characters, shaped like
  the national basic codes but numbered by us;
- implementation code = the department's USCC + exercise-level digit + basic code (demo.codes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from onewindow.catalogue.models import (
    CaseClass,
    ExerciseLevel,
    HandlingForm,
    MaterialForm,
    MaterialMedium,
    MaterialRequirement,
    MaterialSource,
)

WINDOW, ONLINE, PROXY, MAIL = (HandlingForm.WINDOW.value, HandlingForm.ONLINE.value, HandlingForm.PROXY.value,
                               HandlingForm.MAIL.value)
IMMEDIATE, PROMISED, JOINT, ESCALATED, EXPEDITED = (
    CaseClass.IMMEDIATE.value, CaseClass.PROMISED.value, CaseClass.JOINT.value, CaseClass.ESCALATED.value,
    CaseClass.EXPEDITED.value)


@dataclass(frozen=True)
class MaterialDef:
    name: str
    standard: str
    form: str = MaterialForm.ORIGINAL.value
    copies: int = 1
    conditional: bool = False
    medium: str = MaterialMedium.PAPER.value
    source: str = MaterialSource.APPLICANT.value
    licence_type: str = ""
    issuing_body: str = ""
    basis: str = ""
    note: str = ""

    def service_fields(self) -> dict[str, Any]:
        """Keyword arguments for catalogue.services.material_add."""
        return {
            "requirement": (MaterialRequirement.CONDITIONAL if self.conditional
                            else MaterialRequirement.REQUIRED).value,
            "form": self.form, "copies": self.copies, "medium": self.medium, "source": self.source,
            "licence_type": self.licence_type, "issuing_body": self.issuing_body,
            "acceptance_standard": self.standard, "legal_basis": self.basis, "note": self.note,
        }


def m(name: str, standard: str, **kw: Any) -> MaterialDef:
    """A material the applicant brings (original, paper, 1 copy unless told)."""
    return MaterialDef(name, standard, **kw)


def cp(name: str, standard: str, copies: int = 1, **kw: Any) -> MaterialDef:
    """A copy (复印件)."""
    return MaterialDef(name, standard, form=MaterialForm.COPY.value, copies=copies, **kw)


def both(name: str, standard: str, **kw: Any) -> MaterialDef:
    """Original shown and copy kept (原件及复印件)."""
    return MaterialDef(name, standard, form=MaterialForm.ORIGINAL_AND_COPY.value, **kw)


def app_form(name: str, standard: str = "", **kw: Any) -> MaterialDef:
    """The application form: paper or filled in online."""
    return MaterialDef(name, standard or "使用最新版本格式文本,填写完整、字迹清晰,申请人签字(盖章),"
                       "填写日期不早于申请日30日", medium=MaterialMedium.BOTH.value, **kw)


def issued(name: str, body: str, standard: str, **kw: Any) -> MaterialDef:
    """A document issued by another body (hospital, court, notary ...)."""
    return MaterialDef(name, standard, source=MaterialSource.ISSUING_BODY.value, issuing_body=body, **kw)


def cond(material: MaterialDef) -> MaterialDef:
    """The same material, needed only when a situation answer adds it."""
    return replace(material, conditional=True)


@dataclass(frozen=True)
class OptionDef:
    label: str
    adds: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SituationDef:
    question: str
    options: tuple[OptionDef, ...]


Names = tuple[str, ...] | list[str]


def opt(label: str, adds: Names = (), removes: Names = ()) -> OptionDef:
    return OptionDef(label, tuple(adds), tuple(removes))


def sit(question: str, *options: OptionDef) -> SituationDef:
    return SituationDef(question, tuple(options))


@dataclass(frozen=True)
class FeeDef:
    name: str
    amount: Decimal
    standard: str
    basis: str
    waivers: str = ""


def fee(name: str, amount: str, standard: str, basis: str, waivers: str = "") -> FeeDef:
    return FeeDef(name, Decimal(amount), standard, basis, waivers)


@dataclass(frozen=True)
class ItemDef:
    main: str
    name: str
    item_type: str
    dept: str
    basis: str
    statutory: int
    promised: int
    conditions: str
    materials: tuple[MaterialDef, ...]
    centre: str = "county"
    sub: int = 0
    case_class: str = PROMISED
    content: str = ""
    theme: str = ""
    events: tuple[str, ...] = ()
    keywords: str = ""
    special: tuple[str, ...] = ()
    situations: tuple[SituationDef, ...] = ()
    fees: tuple[FeeDef, ...] = ()
    forms: tuple[str, ...] = (WINDOW, ONLINE)
    visits: int = 1
    depth: int = 3
    result: str = ""
    result_licence: str = ""
    level: int = ExerciseLevel.COUNTY.value
    any_window: bool = True
    resident: bool = True
    max_extension: int = 10
    notice_days: int = 5
    faq: tuple[tuple[str, str], ...] = ()
    delivery: tuple[str, ...] = ("pickup", "mail")
    entrusted: str = ""
    # Earlier versions, oldest first: {"effective": date, **field overrides of this definition}.
    history: tuple[dict[str, Any], ...] = ()
    effective: str = "2024-01-01"
    flow: tuple[tuple[str, str], ...] = ()
    window: str = ""  # township items: the number of the 5X window that takes them

    @property
    def basic_code(self) -> str:
        return f"{self.item_type}{self.main}{self.sub:03d}00"


@dataclass(frozen=True)
class BundleDef:
    """A joint bundle (联办 "一件事"): an item of the lead department whose components are other county
    items (by main code); the first component is the lead."""

    item: ItemDef
    components: tuple[str, ...]


# Materials added by the "委托他人办理" answer of the proxy situation.
PROXY_LETTER = MaterialDef("授权委托书", "载明委托人、受托人、委托事项、权限和期限,委托人签名或盖章;"
                           "代理人不得超越委托权限", conditional=True)
AGENT_ID = MaterialDef("代理人居民身份证", "代理人本人身份证原件,在有效期内,人证一致",
                       conditional=True, source=MaterialSource.LICENCE_LIBRARY.value,
                       licence_type="resident_id_card", issuing_body="公安机关")
BY_PROXY = sit("是否委托他人代为办理?", opt("本人办理"),
               opt("委托他人办理", adds=(PROXY_LETTER.name, AGENT_ID.name)))


def item(main: str, name: str, item_type: str, dept: str, *, days: tuple[int, int], basis: str,
         conditions: str, materials: list[MaterialDef] | tuple[MaterialDef, ...], proxy: bool = False,
         situations: list[SituationDef] | tuple[SituationDef, ...] = (), events: Names = (),
         special: Names = (), fees: tuple[FeeDef, ...] | list[FeeDef] = (), forms: Names = (WINDOW, ONLINE),
         faq: tuple | list = (), **kw: Any) -> ItemDef:
    """One service item. days = (statutory, promised) in working days; proxy=True adds the
    "委托他人办理" situation with its two conditional materials."""
    statutory, promised = days
    if promised > statutory:
        raise ValueError(f"{name}: promised limit {promised} exceeds statutory {statutory}")
    materials = tuple(materials)
    situations = tuple(situations)
    if proxy:
        materials += (PROXY_LETTER, AGENT_ID)
        situations = (BY_PROXY, *situations)
    names = [x.name for x in materials]
    if len(set(names)) != len(names):
        raise ValueError(f"{name}: duplicate material names {names}")
    for s in situations:
        for o in s.options:
            missing = set(o.adds + o.removes) - set(names)
            if missing:
                raise ValueError(f"{name}: situation answer {o.label!r} names unknown materials {missing}")
    return ItemDef(main=main, name=name, item_type=item_type, dept=dept, basis=basis, statutory=statutory,
                   promised=promised, conditions=conditions, materials=materials, situations=situations,
                   events=tuple(events), special=tuple(special), fees=tuple(fees), forms=tuple(forms),
                   faq=tuple(faq), **kw)


@dataclass(frozen=True)
class DelegationDef:
    main: str  # the county item's main code
    townships: tuple[str, ...]
    document_no: str
    valid_from: str


__all__ = [
    "AGENT_ID", "BY_PROXY", "ESCALATED", "EXPEDITED", "IMMEDIATE", "JOINT", "MAIL", "ONLINE", "PROMISED",
    "PROXY", "PROXY_LETTER", "WINDOW", "BundleDef", "DelegationDef", "FeeDef", "ItemDef", "MaterialDef",
    "OptionDef", "SituationDef", "app_form", "both", "cond", "cp", "fee", "issued", "item", "m", "opt", "sit",
]
