"""Writes to the catalogue. Every function is keyword-only, atomic and validates its input."""

from __future__ import annotations

from django.db import transaction

from onewindow.catalogue.models import ItemVersion, ServiceItem, VersionStatus
from onewindow.catalogue.search import build_search_text
from onewindow.core.errors import Conflict
from onewindow.core.timeutil import now


def item_refresh_search(*, item: ServiceItem, version: ItemVersion) -> None:
    """Copy the listed fields of the version in force onto the item (one-table list queries)."""
    item.current_version = version
    item.name = version.name
    item.item_type = version.item_type
    item.theme = version.theme
    item.search_text = build_search_text(
        name=version.name, codes=[item.basic_code, item.implementation_code], keywords=version.keywords)
    item.save(update_fields=["current_version", "name", "item_type", "theme", "search_text"])


@transaction.atomic
def item_version_publish(*, version: ItemVersion, by=None) -> ItemVersion:
    """Draft → published. The version becomes current if it is in force today; earlier published
    versions end the day before it takes effect. A published version never changes again."""
    version = ItemVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise Conflict("version_not_draft", "只有草稿版本可以发布", "Only a draft version can be published",
                       detail={"status": version.status})
    moment = now()
    today = moment.date()
    version.status = VersionStatus.PUBLISHED
    version.published_at = moment
    version.published_by = by
    if version.effective_from is None:
        version.effective_from = today
    version.save(update_fields=["status", "published_at", "published_by", "effective_from"])
    item = ServiceItem.objects.select_for_update().get(pk=version.item_id)
    if version.effective_from <= today:
        previous = ItemVersion.objects.filter(item=item, status=VersionStatus.PUBLISHED).exclude(pk=version.pk)
        for old in previous.filter(effective_to__isnull=True):
            old.effective_to = version.effective_from
            old.save(update_fields=["effective_to"])
        item_refresh_search(item=item, version=version)
    return version
