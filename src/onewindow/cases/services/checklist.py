"""The material checklist: only the pinned version's list counts (seed 001 #7: nothing beyond the
published list may be demanded), and the one-time notice names every missing material at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from onewindow.cases.models import Case, CaseMaterial, MaterialStatus
from onewindow.catalogue.models import ItemVersion, Material, MaterialSource
from onewindow.core.errors import Invalid

PROVIDED_VALUES = ("original", "copy", "electronic", "licence_library", "missing")


@dataclass(frozen=True)
class MaterialIn:
    material: int
    provided: str
    note: str = ""


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


def checklist_update(*, case: Case, given: Iterable[MaterialIn],
                     forbid_new_missing: bool) -> list[CaseMaterial]:
    """Apply lines to the case's checklist (rows locked by the caller's case lock) and return it.

    forbid_new_missing: after a one-time notice, a material not named in it cannot become missing
    (that would be a second demand, which the one-time rule forbids)."""
    rows = list(CaseMaterial.objects.filter(case=case).select_related("material")
                .order_by("material__position", "material_id"))
    by_material = {r.material_id: r for r in rows}
    lines = materials_validate(version_materials={r.material_id: r.material for r in rows}, given=given)
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
    if changed:
        CaseMaterial.objects.bulk_update(changed, ["status", "note"])
    return rows
