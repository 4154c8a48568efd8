"""Read-only admin: notices are written by notice_request / notice_generate."""

from __future__ import annotations

from django.contrib import admin

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "status", "created_at", "generated_at")
    list_filter = ("kind", "status")
    search_fields = ("case__number",)
    list_select_related = ("case",)
    raw_id_fields = ("case", "event", "requested_by")
    readonly_fields = ("sha256", "error", "created_at", "generated_at")
