"""Reads of the licence library: a holder's valid licences, which materials of a case the library can
fill, the issuing window's check against the decision, and verification (verification.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from onewindow.cases.models import Case, Outcome
from onewindow.catalogue.models import Material, MaterialSource
from onewindow.core.timeutil import today
from onewindow.licences.models import Licence, LicenceStatus, ReuseConsent
from onewindow.licences.verification import (
    Verification,
    effective_status,
    licence_lookup,
    licence_verify,
    licences_with_relations,
)

__all__ = [
    "DecisionCheck", "ReusableMaterial", "Verification", "check_against_decision", "effective_status",
    "licence_lookup", "licence_required", "licence_verify", "licences_for_holder", "licences_with_relations",
    "reusable_materials",
]


def licences_for_holder(*, id_type: str, id_number: str, licence_type_code: str | None,
                        on: dt.date | None = None) -> QuerySet[Licence]:
    """The holder's licences in force on `on` (today): status valid and within validity. The library's
    status is trusted here; consent (material_reuse_consent) verifies the signature of the one used."""
    on = on or today()
    qs = (Licence.objects.select_related("licence_type")
          .filter(holder_id_type=id_type, holder_id_number=(id_number or "").strip().upper(),
                  status=LicenceStatus.VALID, valid_from__lte=on)
          .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)))
    if licence_type_code is not None:
        qs = qs.filter(licence_type__code=licence_type_code)
    return qs.order_by("-valid_from", "-id")


@dataclass
class ReusableMaterial:
    material: Material
    licence_type_code: str
    licences: list[Licence] = field(default_factory=list)
    consent: ReuseConsent | None = None

    @property
    def available(self) -> bool:
        return bool(self.licences)


def reusable_materials(*, case: Case) -> list[ReusableMaterial]:
    """Materials of the case's pinned version that the guide lets come from the licence library, each
    with the applicant's valid licences of that type and any consent already recorded. Three queries
    (four when the case's applicant is not loaded yet)."""
    materials = list(Material.objects.filter(version_id=case.item_version_id,
                                             source=MaterialSource.LICENCE_LIBRARY)
                     .exclude(licence_type="").order_by("position", "id"))
    if not materials:
        return []
    applicant = case.applicant
    codes = {m.licence_type for m in materials}
    by_type: dict[str, list[Licence]] = {}
    for lic in licences_for_holder(id_type=applicant.id_type, id_number=applicant.id_number,
                                   licence_type_code=None).filter(licence_type__code__in=codes):
        by_type.setdefault(lic.licence_type.code, []).append(lic)
    consents = {c.material_id: c for c in ReuseConsent.objects.filter(case=case).select_related("licence")}
    return [ReusableMaterial(material=m, licence_type_code=m.licence_type,
                             licences=by_type.get(m.licence_type, []), consent=consents.get(m.pk))
            for m in materials]


def licence_required(*, case: Case) -> bool:
    """Whether an approved case ends in a licence or result document (what the issuing flow asks)."""
    version = case.item_version
    return case.outcome == Outcome.APPROVE and bool(version.result_licence_type or version.result_type)


@dataclass(frozen=True)
class DecisionCheck:
    ok: bool
    problems: list[str]
    verification: Verification


def check_against_decision(*, licence: Licence, case: Case) -> DecisionCheck:
    """The issuing window's check before handing over (出件核对): the licence is the one this case
    produced (or its later version), for the applicant, of the item's result type, approved, and it
    verifies as valid. `problems` lists stable codes; ok when there are none."""
    lic = licences_with_relations().get(pk=licence.pk)
    case = Case.objects.select_related("applicant", "item_version").get(pk=case.pk)
    problems: list[str] = []
    if case.outcome != Outcome.APPROVE:
        problems.append("case_not_approved")
    origin = lic
    while origin.replaces_id is not None and origin.case_id != case.pk:
        origin = Licence.objects.only("id", "case_id", "replaces_id").get(pk=origin.replaces_id)
    if origin.case_id != case.pk:
        problems.append("not_from_case")
    applicant = case.applicant
    if lic.holder_name != applicant.name:
        problems.append("holder_name_mismatch")
    if (lic.holder_id_type, lic.holder_id_number) != (applicant.id_type, applicant.id_number):
        problems.append("holder_id_mismatch")
    expected = case.item_version.result_licence_type
    if expected and lic.licence_type.code != expected:
        problems.append("licence_type_mismatch")
    verification = licence_verify(licence=lic)
    if not verification.valid:
        problems.append(f"licence_{verification.reason or verification.status}")
    return DecisionCheck(ok=not problems, problems=problems, verification=verification)
