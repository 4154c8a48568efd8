"""赋权 (delegation): a county or city centre lets a township or village centre below it in the
centre tree implement one of its items."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.catalogue.models import Delegation, ServiceItem
from onewindow.catalogue.services.rules import FieldError, raise_if_any
from onewindow.core.errors import Conflict
from onewindow.core.timeutil import now
from onewindow.network.models import Centre, CentreLevel

DELEGATING_LEVELS = (CentreLevel.CITY, CentreLevel.COUNTY)
DELEGATE_LEVELS = (CentreLevel.TOWNSHIP, CentreLevel.VILLAGE)


def centre_is_below(*, centre: Centre, ancestor: Centre) -> bool:
    """True when `ancestor` is a strict ancestor of `centre` in the centre tree."""
    seen = set()
    parent_id = centre.parent_id
    while parent_id is not None and parent_id not in seen:
        if parent_id == ancestor.pk:
            return True
        seen.add(parent_id)
        parent_id = Centre.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return False


def delegation_errors(*, item: ServiceItem, to_centre: Centre, valid_from: dt.date,
                      valid_to: dt.date | None, document_no: str) -> list[FieldError]:
    errors = []
    if item.centre.level not in DELEGATING_LEVELS:
        errors.append(FieldError("item", "delegation_item_level", "只能赋权县级或市级中心的事项",
                                 "Only an item of a county or city centre can be delegated"))
    if to_centre.level not in DELEGATE_LEVELS:
        errors.append(FieldError("to_centre", "delegation_target_level", "只能赋权给乡镇(街道)或村(社区)中心",
                                 "An item can only be delegated to a township or village centre"))
    elif not centre_is_below(centre=to_centre, ancestor=item.centre):
        errors.append(FieldError("to_centre", "delegation_not_below", "被赋权中心不在该事项所属中心之下",
                                 "The centre is not below the item's centre in the centre tree"))
    if not isinstance(valid_from, dt.date):
        errors.append(FieldError("valid_from", "field_invalid", "生效日期无效", "Invalid start date"))
    elif valid_to is not None and (not isinstance(valid_to, dt.date) or valid_to < valid_from):
        errors.append(FieldError("valid_to", "delegation_dates", "截止日期不得早于生效日期",
                                 "The end date cannot be before the start date"))
    if len(document_no or "") > (Delegation._meta.get_field("document_no").max_length or 0):
        errors.append(FieldError("document_no", "field_max_length", "文号过长",
                                 "The document number is too long"))
    return errors


@transaction.atomic
def delegation_grant(*, item: ServiceItem, to_centre: Centre, valid_from: dt.date,
                     valid_to: dt.date | None = None, document_no: str = "", by=None) -> Delegation:
    """Grant (or re-grant after a revocation) the right to implement `item` at `to_centre`."""
    item = ServiceItem.objects.select_for_update().select_related("centre").get(pk=item.pk)
    raise_if_any(delegation_errors(item=item, to_centre=to_centre, valid_from=valid_from, valid_to=valid_to,
                                   document_no=document_no))
    existing = Delegation.objects.select_for_update().filter(item=item, to_centre=to_centre).first()
    if existing is not None and not existing.revoked:
        raise Conflict("delegation_exists", "该事项已赋权给该中心",
                       "This item is already delegated to this centre",
                       detail={"delegation": existing.pk})
    delegation = existing or Delegation(item=item, to_centre=to_centre)
    delegation.valid_from, delegation.valid_to = valid_from, valid_to
    delegation.document_no = document_no or ""
    delegation.revoked, delegation.revoked_at, delegation.revoked_by = False, None, None
    delegation.granted_at, delegation.granted_by = now(), by
    delegation.save()
    return delegation


@transaction.atomic
def delegation_update(*, delegation: Delegation, valid_from: dt.date, valid_to: dt.date | None = None,
                      document_no: str = "") -> Delegation:
    """Correct the dates or document number of an active delegation."""
    delegation = Delegation.objects.select_for_update().select_related("item__centre", "to_centre").get(
        pk=delegation.pk)
    if delegation.revoked:
        raise Conflict("delegation_revoked", "赋权已撤销", "The delegation has been revoked")
    raise_if_any(delegation_errors(item=delegation.item, to_centre=delegation.to_centre,
                                   valid_from=valid_from, valid_to=valid_to, document_no=document_no))
    delegation.valid_from, delegation.valid_to = valid_from, valid_to
    delegation.document_no = document_no or ""
    delegation.save(update_fields=["valid_from", "valid_to", "document_no"])
    return delegation


@transaction.atomic
def delegation_revoke(*, delegation: Delegation, by=None) -> Delegation:
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.revoked:
        raise Conflict("delegation_revoked", "赋权已撤销", "The delegation has already been revoked")
    delegation.revoked, delegation.revoked_at, delegation.revoked_by = True, now(), by
    delegation.save(update_fields=["revoked", "revoked_at", "revoked_by"])
    return delegation
