"""The material checklist: only the pinned version's list counts (seed 001 #7: nothing beyond the
published list may be demanded), and the one-time notice names every missing material at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from onewindow.cases.models import Applicant, Case, CaseMaterial, MaterialStatus
from onewindow.catalogue.models import ItemVersion, Material, MaterialSource
from onewindow.core.errors import Invalid
from onewindow.licences.models import Licence
from onewindow.licences.selectors import licences_for_holder
from onewindow.licences.services import material_reuse_consent
from onewindow.network.models import Staff

PROVIDED_VALUES = ("original", "copy", "electronic", "licence_library", "missing")


@dataclass(frozen=True)
class MaterialIn:
    material: int
    provided: str
    note: str = ""
    # 免提交: the identifier of the applicant's licence standing for the material ("" = the newest
    # valid one of the material's type); only with provided == "licence_library".
    licence: str = ""


def materials_validate(*, version_materials: dict[int, Material], given: Iterable[MaterialIn]) -> dict[int,
                                                                                                       MaterialIn]:
    """Index the given lines by material id; 422 for an id not in the version's list or a duplicate."""
    out: dict[int, MaterialIn] = {}
    unknown, duplicate = [], []
    for line in given:
        if line.material not in version_materials:
            unknown.append(line.material)
        elif line.material in out:
            duplicate.append(line.material)
        elif line.provided not in PROVIDED_VALUES:
            raise Invalid("invalid_material_status", "材料提交方式无效", "Invalid material status",
                          detail={"material": line.material, "provided": line.provided})
        else:
            out[line.material] = line
    if unknown:
        raise Invalid("material_not_in_list", "材料不在该事项的材料清单中",
                      "Material not in the item version's list", detail={"materials": unknown})
    if duplicate:
        raise Invalid("duplicate_material", "材料重复", "A material is listed twice",
                      detail={"materials": duplicate})
    return out


def default_status(material: Material) -> str:
    # A material the e-licence library holds need not be submitted.
    if material.source == MaterialSource.LICENCE_LIBRARY:
        return MaterialStatus.LICENCE_LIBRARY
    return MaterialStatus.MISSING


def checklist_build(*, case: Case, version: ItemVersion, version_materials: dict[int, Material],
                    required_ids: set[int], given: dict[int, MaterialIn]) -> list[CaseMaterial]:
    rows = []
    for pk, material in version_materials.items():
        line = given.get(pk)
        rows.append(CaseMaterial(case=case, material=material, required=pk in required_ids,
                                 status=line.provided if line else default_status(material),
                                 note=(line.note if line else "")[:300]))
    return rows


def missing_list(rows: Iterable[CaseMaterial]) -> list[dict]:
    """Every required material not provided, in the guide's order: [{"material", "name"}]."""
    return [{"material": r.material_id, "name": r.material.name} for r in rows
            if r.required and r.status == MaterialStatus.MISSING]


def _reusable(material: Material) -> bool:
    return material.source == MaterialSource.LICENCE_LIBRARY and bool(material.licence_type)


def reuse_resolve(*, applicant: Applicant, version_materials: Mapping[int, Material],
                  lines: Mapping[int, MaterialIn]) -> dict[int, Licence]:
    """The licence each `licence_library` line of a reusable material (source licence library, with a
    licence type) stands on: the one named, else the applicant's newest valid licence of that type.
    422 licence_not_found_for_reuse when there is none; 422 material_not_reusable when a licence is
    named for a line that cannot take one. Reads only: the caller writes after every check."""
    picks: dict[int, Licence] = {}
    for pk, line in lines.items():
        material = version_materials[pk]
        wants = line.provided == MaterialStatus.LICENCE_LIBRARY and _reusable(material)
        identifier = (line.licence or "").strip().upper()
        if identifier and not wants:
            raise Invalid("material_not_reusable", "该材料不能从电子证照库调取",
                          "The guide does not let this material come from the licence library",
                          detail={"material": pk, "provided": line.provided})
        if not wants:
            continue
        qs = licences_for_holder(id_type=applicant.id_type, id_number=applicant.id_number,
                                 licence_type_code=material.licence_type)
        licence = (qs.filter(identifier=identifier) if identifier else qs).first()
        if licence is None:
            raise Invalid("licence_not_found_for_reuse", "申请人没有可调取的有效电子证照",
                          "The applicant holds no valid licence of this type to reuse",
                          detail={"material": pk, "licence_type": material.licence_type,
                                  "licence": identifier or None})
        picks[pk] = licence
    return picks


def reuse_record(*, case: Case, by: Staff | None, materials: Mapping[int, Material],
                 picks: Mapping[int, Licence]) -> None:
    """Record the applicant's consent for every picked licence (the licence library checks it verifies
    as valid now; the same consent again is a no-op)."""
    for pk, licence in picks.items():
        material_reuse_consent(
            case=case, material=materials[pk], licence=licence, by=by,
            consent_text=(f"申请人同意调取电子证照 {licence.identifier}（{licence.title}）"
                          f"作为申请材料“{materials[pk].name}”，免于提交。"))


def checklist_update(*, case: Case, given: Iterable[MaterialIn],
                     forbid_new_missing: bool, by: Staff | None = None) -> list[CaseMaterial]:
    """Apply lines to the case's checklist (rows locked by the caller's case lock) and return it.

    forbid_new_missing: after a one-time notice, a material not named in it cannot become missing
    (that would be a second demand, which the one-time rule forbids)."""
    rows = list(CaseMaterial.objects.filter(case=case).select_related("material")
                .order_by("material__position", "material_id"))
    by_material = {r.material_id: r for r in rows}
    version_materials = {r.material_id: r.material for r in rows}
    lines = materials_validate(version_materials=version_materials, given=given)
    reuse = any(line.provided == MaterialStatus.LICENCE_LIBRARY or line.licence for line in lines.values())
    picks = (reuse_resolve(applicant=case.applicant, version_materials=version_materials, lines=lines)
             if reuse else {})
    notified = {m["material"] for m in case.missing or []}
    changed = []
    for pk, line in lines.items():
        row = by_material[pk]
        if (forbid_new_missing and line.provided == MaterialStatus.MISSING and row.required
                and pk not in notified):
            raise Invalid("new_demand_forbidden", "一次性告知后不得再要求新的材料",
                          "After the one-time notice no further material may be demanded",
                          detail={"material": pk})
        if row.status != line.provided or (line.note and row.note != line.note):
            row.status = line.provided
            if line.note:
                row.note = line.note[:300]
            changed.append(row)
    reuse_record(case=case, by=by, materials=version_materials, picks=picks)
    if changed:
        CaseMaterial.objects.bulk_update(changed, ["status", "note"])
    return rows
