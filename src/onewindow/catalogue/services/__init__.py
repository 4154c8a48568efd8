"""Writes to the catalogue. Every function is keyword-only, atomic and validates its input: bad input
raises Invalid (422) with a stable code, a Chinese and an English message and every field error in
detail["errors"]; a state that forbids the write raises Conflict (409).

Import services from here (`from onewindow.catalogue.services import item_create`); the modules
below split them by responsibility.
"""

from onewindow.catalogue.services.bundles import bundle_set_components
from onewindow.catalogue.services.contents import (
    fee_add,
    fee_remove,
    fee_update,
    material_add,
    material_remove,
    material_update,
    situation_add,
    situation_option_add,
    situation_option_remove,
    situation_option_update,
    situation_remove,
    situation_update,
    version_clear_contents,
    version_replace_contents,
)
from onewindow.catalogue.services.delegations import delegation_grant, delegation_revoke, delegation_update
from onewindow.catalogue.services.items import item_create, item_refresh_search, item_update
from onewindow.catalogue.services.reviews import guide_review_record
from onewindow.catalogue.services.transfer import (
    catalogue_export_json,
    catalogue_export_xlsx,
    catalogue_import,
)
from onewindow.catalogue.services.versions import (
    item_version_create_draft,
    item_version_discard,
    item_version_publish,
    item_version_retire,
    item_version_update,
    items_refresh_current,
)

__all__ = [
    "bundle_set_components", "catalogue_export_json", "catalogue_export_xlsx", "catalogue_import",
    "delegation_grant", "delegation_revoke", "delegation_update", "fee_add", "fee_remove", "fee_update",
    "guide_review_record", "item_create", "item_refresh_search", "item_update", "item_version_create_draft",
    "item_version_discard", "item_version_publish", "item_version_retire", "item_version_update",
    "items_refresh_current", "material_add", "material_remove", "material_update", "situation_add",
    "situation_option_add", "situation_option_remove", "situation_option_update", "situation_remove",
    "situation_update", "version_clear_contents",
    "version_replace_contents",
]
