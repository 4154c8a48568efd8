"""What a draft version contains: materials, fees, situations and their answers. Drafts only — a
published version is immutable (409 version_published_immutable)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet

from onewindow.catalogue.models import Fee, ItemVersion, Material, Situation, SituationOption
from onewindow.catalogue.services.rules import (
    FieldError,
    fee_content_fields,
    fee_errors,
    material_content_fields,
    material_errors,
    model_errors,
    raise_if_any,
)
from onewindow.catalogue.services.versions import lock_draft
from onewindow.core.errors import Invalid


def _unknown(fields: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        names = ", ".join(unknown)
        raise Invalid("unknown_field", f"未知字段:{names}", f"Unknown fields: {names}",
                      detail={"fields": unknown})


def _next_position(qs: QuerySet) -> int:
    return (qs.aggregate(m=Max("position"))["m"] or 0) + 1


def _position_errors(qs: QuerySet, position: Any, exclude_pk: int | None) -> list[FieldError]:
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        return [FieldError("position", "field_invalid", "序号必须是正整数",
                           "The position must be a positive integer")]
    if qs.filter(position=position).exclude(pk=exclude_pk).exists():
        return [FieldError("position", "position_taken", f"序号{position}已被使用",
                           f"Position {position} is already used")]
    return []


# --- materials ---------------------------------------------------------------------------------

def _material_checks(material: Material, version: ItemVersion, *, check_position: bool) -> None:
    siblings = Material.objects.filter(version=version)
    errors = material_errors(material)
    if check_position:
        errors += _position_errors(siblings, material.position, material.pk)
    if material.name and siblings.filter(name=material.name).exclude(pk=material.pk).exists():
        errors.append(FieldError("name", "material_name_duplicate", f"材料“{material.name}”已存在",
                                 f"The material \"{material.name}\" already exists in this version"))
    raise_if_any(errors)


@transaction.atomic
def material_add(*, version: ItemVersion, name: str, position: int | None = None, **fields: Any) -> Material:
    """Add a material to a draft; position defaults to after the last one. Names are unique within a
    version (situations and imports refer to materials by position or name)."""
    _unknown(fields, material_content_fields())
    version = lock_draft(version)
    if position is None:
        position = _next_position(Material.objects.filter(version=version))
    material = Material(version=version, name=name, position=position, **fields)
    _material_checks(material, version, check_position=True)
    material.save()
    return material


@transaction.atomic
def material_update(*, material: Material, **fields: Any) -> Material:
    _unknown(fields, material_content_fields())
    version = lock_draft(material.version)
    material = Material.objects.get(pk=material.pk, version=version)
    for name, value in fields.items():
        setattr(material, name, value)
    _material_checks(material, version, check_position="position" in fields)
    if fields:
        material.save(update_fields=list(fields))
    return material


@transaction.atomic
def material_remove(*, material: Material) -> None:
    """Remove a material; situation answers that added or removed it simply lose the link."""
    version = lock_draft(material.version)
    Material.objects.filter(pk=material.pk, version=version).delete()


# --- fees --------------------------------------------------------------------------------------

@transaction.atomic
def fee_add(*, version: ItemVersion, name: str, amount: Decimal | str | int, standard: str = "",
            basis: str = "", waivers: str = "") -> Fee:
    version = lock_draft(version)
    fee = Fee(version=version, name=name, amount=amount, standard=standard, basis=basis, waivers=waivers)
    raise_if_any(fee_errors(fee))
    fee.save()
    return fee


@transaction.atomic
def fee_update(*, fee: Fee, **fields: Any) -> Fee:
    _unknown(fields, fee_content_fields())
    version = lock_draft(fee.version)
    fee = Fee.objects.get(pk=fee.pk, version=version)
    for name, value in fields.items():
        setattr(fee, name, value)
    raise_if_any(fee_errors(fee))
    if fields:
        fee.save(update_fields=list(fields))
    return fee


@transaction.atomic
def fee_remove(*, fee: Fee) -> None:
    version = lock_draft(fee.version)
    Fee.objects.filter(pk=fee.pk, version=version).delete()


# --- situations and their answers ----------------------------------------------------------------

@transaction.atomic
def situation_add(*, version: ItemVersion, question: str, position: int | None = None) -> Situation:
    version = lock_draft(version)
    siblings = Situation.objects.filter(version=version)
    if position is None:
        position = _next_position(siblings)
    situation = Situation(version=version, question=question, position=position)
    raise_if_any(model_errors(situation, exclude={"id", "version"})
                 + _position_errors(siblings, position, None))
    situation.save()
    return situation


@transaction.atomic
def situation_update(*, situation: Situation, **fields: Any) -> Situation:
    _unknown(fields, {"question", "position"})
    version = lock_draft(situation.version)
    situation = Situation.objects.get(pk=situation.pk, version=version)
    for name, value in fields.items():
        setattr(situation, name, value)
    errors = model_errors(situation, exclude={"id", "version"})
    if "position" in fields:
        errors += _position_errors(Situation.objects.filter(version=version), situation.position,
                                   situation.pk)
    raise_if_any(errors)
    if fields:
        situation.save(update_fields=list(fields))
    return situation


@transaction.atomic
def situation_remove(*, situation: Situation) -> None:
    version = lock_draft(situation.version)
    Situation.objects.filter(pk=situation.pk, version=version).delete()


def _material_ids(materials: Iterable[Material | int]) -> list[int]:
    return [m if isinstance(m, int) else m.pk for m in materials]


def _link_errors(version: ItemVersion, adds: list[int], removes: list[int]) -> list[FieldError]:
    errors = []
    known = set(Material.objects.filter(version=version).values_list("pk", flat=True))
    for field, ids in (("adds", adds), ("removes", removes)):
        if set(ids) - known:
            errors.append(FieldError(field, "material_not_in_version", "所选材料不属于该版本",
                                     "A chosen material is not part of this version"))
    if set(adds) & set(removes):
        errors.append(FieldError("removes", "option_adds_and_removes", "同一材料不能既增加又减少",
                                 "A material cannot be both added and removed by the same answer"))
    return errors


@transaction.atomic
def situation_option_add(*, situation: Situation, label: str, adds: Iterable[Material | int] = (),
                         removes: Iterable[Material | int] = (),
                         position: int | None = None) -> SituationOption:
    """An answer to a situation; choosing it adds and/or removes materials of the same version."""
    version = lock_draft(situation.version)
    situation = Situation.objects.get(pk=situation.pk, version=version)
    siblings = SituationOption.objects.filter(situation=situation)
    if position is None:
        position = _next_position(siblings)
    adds_ids, removes_ids = _material_ids(adds), _material_ids(removes)
    option = SituationOption(situation=situation, label=label, position=position)
    errors = model_errors(option, exclude={"id", "situation"}) + _position_errors(siblings, position, None)
    raise_if_any(errors + _link_errors(version, adds_ids, removes_ids))
    option.save()
    option.adds.set(adds_ids)
    option.removes.set(removes_ids)
    return option


@transaction.atomic
def situation_option_update(*, option: SituationOption, label: str | None = None,
                            position: int | None = None, adds: Iterable[Material | int] | None = None,
                            removes: Iterable[Material | int] | None = None) -> SituationOption:
    version = lock_draft(option.situation.version)
    option = SituationOption.objects.get(pk=option.pk, situation__version=version)
    if label is not None:
        option.label = label
    errors = model_errors(option, exclude={"id", "situation"})
    if position is not None:
        option.position = position
        errors += _position_errors(SituationOption.objects.filter(situation_id=option.situation_id),
                                   position, option.pk)
    adds_ids = _material_ids(adds) if adds is not None else list(option.adds.values_list("pk", flat=True))
    removes_ids = (_material_ids(removes) if removes is not None
                   else list(option.removes.values_list("pk", flat=True)))
    raise_if_any(errors + _link_errors(version, adds_ids, removes_ids))
    option.save(update_fields=["label", "position"])
    option.adds.set(adds_ids)
    option.removes.set(removes_ids)
    return option


@transaction.atomic
def situation_option_remove(*, option: SituationOption) -> None:
    version = lock_draft(option.situation.version)
    SituationOption.objects.filter(pk=option.pk, situation__version=version).delete()


@transaction.atomic
def version_clear_contents(*, version: ItemVersion) -> None:
    """Remove every material, fee and situation of a draft (the importer then adds the file's)."""
    version = lock_draft(version)
    Situation.objects.filter(version=version).delete()
    Material.objects.filter(version=version).delete()
    Fee.objects.filter(version=version).delete()


def _indexed(prefix: str, n: int, errors: list[FieldError]) -> list[FieldError]:
    return [FieldError(f"{prefix}.{n}.{e.field}", e.code, e.message, e.message_en) for e in errors]


def _unique_positions(prefix: str, rows: list[dict[str, Any]], key=lambda r: r.get("position")
                      ) -> list[FieldError]:
    errors, seen = [], set()
    for n, row in enumerate(rows):
        position = row.get("position")
        if not isinstance(position, int) or isinstance(position, bool) or position < 1:
            errors += _indexed(prefix, n, [FieldError("position", "field_invalid", "序号必须是正整数",
                                                      "The position must be a positive integer")])
        elif key(row) in seen:
            errors += _indexed(prefix, n, [FieldError("position", "position_taken", f"序号{position}已被使用",
                                                      f"Position {position} is already used")])
        seen.add(key(row))
    return errors


@transaction.atomic
def version_replace_contents(*, version: ItemVersion, materials: Iterable[dict[str, Any]],
                             fees: Iterable[dict[str, Any]] = (), situations: Iterable[dict[str, Any]] = (),
                             options: Iterable[dict[str, Any]] = ()) -> None:
    """Replace every material, fee, situation and answer of a draft in one go (bulk writes; used by the
    importer and by loaders). Rows are plain dicts in the exchange format's shape:

    materials: {"position", "name", <Material fields>}; fees: {<Fee fields>};
    situations: {"position", "question"}; options: {"situation": situation position, "position",
    "label", "adds": [material positions], "removes": [material positions]}.

    Every row is checked first (the same rules as material_add … situation_option_add); errors name
    the row as "<list>.<index>.<field>", e.g. "materials.2.copies"."""
    version = lock_draft(version)
    materials, fees, situations, options = list(materials), list(fees), list(situations), list(options)
    errors: list[FieldError] = []
    material_rows, names = [], set()
    for n, row in enumerate(materials):
        _unknown(row, material_content_fields())
        material = Material(version=version, **row)
        row_errors = [e for e in material_errors(material) if e.field != "position"]
        if material.name in names:
            row_errors.append(FieldError("name", "material_name_duplicate", f"材料“{material.name}”已存在",
                                         f"The material \"{material.name}\" already exists in this version"))
        names.add(material.name)
        errors += _indexed("materials", n, row_errors)
        material_rows.append(material)
    errors += _unique_positions("materials", materials)
    fee_rows = []
    for n, row in enumerate(fees):
        _unknown(row, fee_content_fields())
        fee = Fee(version=version, **row)
        errors += _indexed("fees", n, fee_errors(fee))
        fee_rows.append(fee)
    situation_rows = []
    for n, row in enumerate(situations):
        _unknown(row, {"position", "question"})
        situation = Situation(version=version, **row)
        errors += _indexed("situations", n, model_errors(situation, exclude={"id", "version", "position"}))
        situation_rows.append(situation)
    errors += _unique_positions("situations", situations)
    material_positions = {m.get("position") for m in materials}
    situation_positions = {s.get("position") for s in situations}
    option_rows = []
    for n, row in enumerate(options):
        _unknown(row, {"situation", "position", "label", "adds", "removes"})
        option = SituationOption(label=row.get("label", ""), position=1)
        row_errors = model_errors(option, exclude={"id", "situation", "position"})
        if row.get("situation") not in situation_positions:
            row_errors.append(FieldError("situation", "unknown_situation", "该版本没有此序号的情形",
                                         "The version has no situation at this position"))
        adds, removes = list(row.get("adds", [])), list(row.get("removes", []))
        for field, refs in (("adds", adds), ("removes", removes)):
            if set(refs) - material_positions:
                row_errors.append(FieldError(field, "material_not_in_version", "所选材料不属于该版本",
                                             "A chosen material is not part of this version"))
        if set(adds) & set(removes):
            row_errors.append(FieldError("removes", "option_adds_and_removes", "同一材料不能既增加又减少",
                                         "A material cannot be both added and removed by the same answer"))
        errors += _indexed("options", n, row_errors)
        option_rows.append((row, option))
    errors += _unique_positions("options", options, key=lambda r: (r.get("situation"), r.get("position")))
    raise_if_any(errors)

    Situation.objects.filter(version=version).delete()
    Material.objects.filter(version=version).delete()
    Fee.objects.filter(version=version).delete()
    Material.objects.bulk_create(material_rows)  # both backends return the new ids
    Fee.objects.bulk_create(fee_rows)
    Situation.objects.bulk_create(situation_rows)
    material_id = {m.position: m.pk for m in material_rows}
    situation_id = {s.position: s.pk for s in situation_rows}
    for row, option in option_rows:
        option.situation_id = situation_id[row["situation"]]
        option.position = row["position"]
    SituationOption.objects.bulk_create([o for _, o in option_rows])
    for attr in ("adds", "removes"):
        through = getattr(SituationOption, attr).through
        through.objects.bulk_create([through(situationoption_id=o.pk, material_id=material_id[p])
                                     for row, o in option_rows for p in set(row.get(attr, []))])
