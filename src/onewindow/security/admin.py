"""Read-only admin of the security records: anchors and the log of unmasked personal data views."""

from __future__ import annotations

from django.contrib import admin

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.security.models import AuditAnchor, PersonalDataAccess


@admin.register(AuditAnchor)
class AuditAnchorAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "case_count", "event_count", "hash")
    date_hierarchy = "created_at"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ("at", "username", "subject", "subject_ref", "fields", "reason", "ip")
    list_filter = ("subject",)
    search_fields = ("username", "subject_ref", "reason")
    date_hierarchy = "at"
