"""The life of an item version: draft → published → (superseded | retired).

A published version never changes: cases pin the version they were accepted under, so every change
is a new draft copied from the latest version and published in turn. Dates follow
catalogue.selectors (effective_to is the first day a version is no longer in force).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F, Max, Q

from onewindow.catalogue.models import (
    Fee,
    ItemVersion,
    Material,
    ServiceItem,
    Situation,
    SituationOption,
    VersionStatus,
)
from onewindow.catalogue.selectors import version_in_force, versions_in_force_on
from onewindow.catalogue.services.items import item_refresh_search
from onewindow.catalogue.services.rules import (
    FieldError,
    fee_content_fields,
    material_content_fields,
    raise_if_any,
    version_content_fields,
    version_errors,
)
from onewindow.core.errors import Conflict, Invalid
from onewindow.core.timeutil import now, today


def _immutable(version: ItemVersion) -> Conflict:
    return Conflict("version_published_immutable", "已发布的版本不能修改,请新建草稿",
                    "A published version never changes; create a new draft",
                    detail={"version": version.pk, "status": version.status})


def lock_draft(version: ItemVersion) -> ItemVersion:
    """Re-read the version under a row lock and insist that it is still a draft."""
    locked = ItemVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise _immutable(locked)
    return locked


def is_bundle(item_id: int) -> bool:
    return ServiceItem.objects.filter(pk=item_id, components__isnull=False).exists()


def _switch_current(item: ServiceItem, on: dt.date) -> bool:
    """Make item.current_version the version in force on `on`; close versions it supersedes.
    Returns True when something changed."""
    target = version_in_force(item=item, on=on)
    changed = False
    if target is not None:
        superseded = (ItemVersion.objects.filter(item=item, status=VersionStatus.PUBLISHED,
                                                 effective_to__isnull=True,
                                                 effective_from__lt=target.effective_from)
                      .exclude(pk=target.pk))
        changed = superseded.update(effective_to=target.effective_from) > 0
    if item.current_version_id != getattr(target, "pk", None):
        if target is None:
            item.current_version = None
            item.save(update_fields=["current_version"])
        else:
            item_refresh_search(item=item, version=target)
        changed = True
    return changed


@transaction.atomic
def item_version_publish(*, version: ItemVersion, by=None) -> ItemVersion:
    """Draft → published. The version becomes current if it is in force today; earlier published
    versions then end where it begins (effective_to = its effective_from). A version with a future
    effective_from is scheduled: items_refresh_current switches to it when its day comes.
    A published version never changes again."""
    version = ItemVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise Conflict("version_not_draft", "只有草稿版本可以发布", "Only a draft version can be published",
                       detail={"status": version.status})
    item = ServiceItem.objects.select_for_update().get(pk=version.item_id)
    raise_if_any(version_errors(version, is_bundle=is_bundle(item.pk)))
    moment, today_ = now(), today()
    if version.effective_from is None:
        version.effective_from = today_
    latest = (ItemVersion.objects.filter(item=item, status=VersionStatus.PUBLISHED)
              .exclude(pk=version.pk).aggregate(m=Max("effective_from"))["m"])
    if latest is not None and version.effective_from < latest:
        raise Conflict("effective_from_before_current", "生效日期不得早于已发布版本的生效日期",
                       "The effective date cannot be earlier than that of a published version",
                       detail={"effective_from": version.effective_from.isoformat(),
                               "latest_effective_from": latest.isoformat()})
    version.status = VersionStatus.PUBLISHED
    version.published_at = moment
    version.published_by = by
    version.save(update_fields=["status", "published_at", "published_by", "effective_from"])
    if version.effective_from <= today_:
        previous = (ItemVersion.objects.filter(item=item, status=VersionStatus.PUBLISHED)
                    .exclude(pk=version.pk))
        previous.filter(effective_to__isnull=True).update(effective_to=version.effective_from)
        item_refresh_search(item=item, version=version)
    return version


@transaction.atomic
def item_version_create_draft(*, item: ServiceItem, by=None) -> ItemVersion:
    """A new draft copied from the item's latest version, with its materials, fees, situations and
    answers (the answers' material links point at the copies). One draft per item at a time."""
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    versions = ItemVersion.objects.filter(item=item)
    draft = versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        raise Conflict("draft_exists", "该事项已有草稿版本", "This item already has a draft version",
                       detail={"version": draft.pk, "number": draft.number})
    source = versions.order_by("-number").first()
    if source is None:
        raise Conflict("no_version", "该事项没有可复制的版本", "This item has no version to copy")
    new = ItemVersion(item=item, number=source.number + 1, status=VersionStatus.DRAFT, created_by=by,
                      **{f: getattr(source, f) for f in version_content_fields()})
    new.save()
    copy_contents(source=source, target=new)
    return new


def copy_contents(*, source: ItemVersion, target: ItemVersion) -> None:
    """Copy materials, fees, situations and options from source to target, remapping option links
    (bulk inserts; both backends return the new ids)."""
    materials = list(source.materials.all())
    copies = Material.objects.bulk_create([
        Material(version=target, **{f: getattr(m, f) for f in material_content_fields()}) for m in materials])
    material_map = {old.pk: new.pk for old, new in zip(materials, copies, strict=True)}
    Fee.objects.bulk_create([Fee(version=target, **{f: getattr(fee, f) for f in fee_content_fields()})
                             for fee in source.fees.order_by("id")])
    situations = list(source.situations.prefetch_related("options__adds", "options__removes"))
    new_situations = Situation.objects.bulk_create([
        Situation(version=target, position=s.position, question=s.question) for s in situations])
    pairs = [(option, SituationOption(situation=new_s, position=option.position, label=option.label))
             for old_s, new_s in zip(situations, new_situations, strict=True)
             for option in old_s.options.all()]
    SituationOption.objects.bulk_create([new for _, new in pairs])
    for attr in ("adds", "removes"):
        through = getattr(SituationOption, attr).through
        through.objects.bulk_create([
            through(situationoption_id=new.pk, material_id=material_map[m.pk])
            for old, new in pairs for m in getattr(old, attr).all()])


@transaction.atomic
def item_version_update(*, version: ItemVersion, **fields: Any) -> ItemVersion:
    """Change content fields (and effective_from) of a draft; every rule is checked on the result."""
    allowed = set(version_content_fields()) | {"effective_from"}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise Invalid("unknown_field", f"未知或不可修改的字段:{', '.join(unknown)}",
                      f"Unknown or read-only fields: {', '.join(unknown)}", detail={"fields": unknown})
    version = lock_draft(version)
    for name, value in fields.items():
        setattr(version, name, value)
    errors = version_errors(version, is_bundle=is_bundle(version.item_id))
    effective_from = fields.get("effective_from")
    if effective_from is not None and not isinstance(effective_from, dt.date):
        errors.append(FieldError("effective_from", "field_invalid", "生效日期无效", "Invalid effective date"))
    raise_if_any(errors)
    if fields:
        version.save(update_fields=list(fields))
    return version


@transaction.atomic
def item_version_discard(*, version: ItemVersion) -> None:
    """Delete a draft (with its materials, fees and situations); published versions stay forever."""
    version = lock_draft(version)
    version.delete()


@transaction.atomic
def item_version_retire(*, version: ItemVersion, on: dt.date | None = None, by=None) -> ItemVersion:
    """Withdraw a published version from `on` (default today; not in the past): it stays on record
    (cases pinned to it keep it) but is no longer in force from that day. If it was the item's
    current version the item has no version in force until a new one is published."""
    version = ItemVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.PUBLISHED:
        raise Conflict("version_not_published", "只有已发布的版本可以废止",
                       "Only a published version can be retired",
                       detail={"status": version.status})
    today_ = today()
    on = on or today_
    if on < today_:
        raise Invalid("retire_date_in_past", "废止日期不能早于今天",
                      "The retirement date cannot be in the past",
                      detail={"on": on.isoformat()})
    end = max(on, version.effective_from or on)
    if version.effective_to is None or end < version.effective_to:
        version.effective_to = end
    version.status = VersionStatus.RETIRED
    version.retired_at = now()
    version.retired_by = by
    version.save(update_fields=["status", "effective_to", "retired_at", "retired_by"])
    item = ServiceItem.objects.select_for_update().get(pk=version.item_id)
    _switch_current(item, today_)
    return version


@transaction.atomic
def items_refresh_current(*, on: dt.date) -> list[int]:
    """Point every item at the version in force on `on`: scheduled versions whose day has come
    become current, superseded ones get their effective_to, retired ones stop being current.
    Idempotent; run daily by the `catalogue_refresh_current` command. Returns the changed item ids."""
    in_force = versions_in_force_on(on)
    due = in_force.filter(Q(item__current_version__isnull=True)
                          | ~Q(item__current_version_id=F("pk"))).values("item_id")
    # Items whose current version is no longer in force that day (retired, or ended).
    stale = ServiceItem.objects.filter(current_version__isnull=False).exclude(
        current_version__in=in_force).values("pk")
    ids = {row["item_id"] for row in due} | {row["pk"] for row in stale}
    changed = []
    for item in ServiceItem.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if _switch_current(item, on):
            changed.append(item.pk)
    return changed
