"""免提交: a material the guide says the e-licence library supplies is taken from the applicant's
licence, with the applicant's recorded consent, instead of being asked for (seed 001 #7: nothing
beyond the published list; DOMAIN §2: source = the e-licence library)."""

from __future__ import annotations

from django.db import transaction

from onewindow.cases.models import Case
from onewindow.catalogue.models import Material, MaterialSource
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.timeutil import now
from onewindow.licences.models import Licence, LicenceEventKind, ReuseConsent
from onewindow.licences.services._common import clean_text, event_write, staff_check
from onewindow.licences.verification import licence_verify, licences_with_relations
from onewindow.network.models import Role, Staff

CONSENT_ROLES = (Role.CLERK, Role.PROXY_AGENT, Role.ISSUER, Role.CENTRE_MANAGER)


@transaction.atomic
def material_reuse_consent(*, case: Case, material: Material, licence: Licence, by: Staff | None,
                           consent_text: str) -> ReuseConsent:
    """Record that the applicant (or their agent) agreed to `licence` standing for `material` of
    `case`. The licence must be of the material's type, the applicant's, and verify as valid today.
    Repeating the same consent returns the first record; another licence for the same material is
    refused (the consent is evidence and is not rewritten)."""
    text = clean_text(consent_text, field="consent_text", required=True, max_length=2000)
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise NotFound("case_not_found", "办件不存在", "No such case")
    staff_check(by=by, centre_id=locked.centre_id, roles=CONSENT_ROLES)
    applicant = locked.applicant
    if material.version_id != locked.item_version_id:
        raise Invalid("material_not_of_case", "该材料不属于办件所依据的办事指南",
                      "The material is not in the case's guide", detail={"material": material.pk})
    if material.source != MaterialSource.LICENCE_LIBRARY or not material.licence_type:
        raise Invalid("material_not_reusable", "该材料不能从电子证照库调取",
                      "The guide does not let this material come from the licence library",
                      detail={"material": material.pk})
    lic = licences_with_relations().filter(pk=licence.pk).first()
    if lic is None:
        raise NotFound("licence_not_found", "电子证照不存在", "No such licence")
    if lic.licence_type.code != material.licence_type:
        raise Invalid("licence_type_mismatch", "证照类型与材料要求不符",
                      "The licence is not of the type the material asks for",
                      detail={"required": material.licence_type, "given": lic.licence_type.code})
    if (lic.holder_id_type, lic.holder_id_number) != (applicant.id_type, applicant.id_number):
        raise Invalid("licence_not_of_applicant", "该证照的持证人不是申请人",
                      "The licence does not belong to the applicant")
    existing = ReuseConsent.objects.filter(case=locked, material=material).first()
    if existing is not None:
        if existing.licence_id == lic.pk:
            return existing
        raise Conflict("material_already_consented", "该材料已确认使用另一份电子证照",
                       "The material is already taken from another licence",
                       detail={"licence": existing.licence.identifier})
    check = licence_verify(licence=lic)
    if not check.valid:
        raise Conflict("licence_not_valid", "该证照当前无效，不能免提交", "The licence is not valid",
                       detail={"status": check.status, "reason": check.reason})
    is_agent = bool(applicant.agent_name)
    consent = ReuseConsent.objects.create(
        case=locked, material=material, licence=lic, text=text, at=now(), recorded_by=by,
        consenting_name=applicant.agent_name if is_agent else applicant.name,
        consenting_role="agent" if is_agent else "applicant")
    event_write(licence=lic, kind=LicenceEventKind.REUSED, by=by,
                payload={"case": locked.number, "material": material.pk, "consent": consent.pk})
    return consent
