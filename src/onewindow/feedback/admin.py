"""Feedback records in the admin: read-only (the services write them, the trail stays theirs)."""

from django.contrib import admin

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.feedback.models import (
    Complaint,
    Evaluation,
    EvaluationInvite,
    LoopEvent,
    Rectification,
    ServiceEvent,
)


@admin.register(ServiceEvent)
class ServiceEventAdmin(ReadOnlyAdmin):
    list_display = ("key", "kind", "centre", "window", "staff", "at")
    list_filter = ("kind", "centre")
    search_fields = ("key", "label")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("id", "level", "subject", "channel", "centre", "department", "staff", "real_name",
                    "created_at")
    list_filter = ("level", "channel", "subject", "centre")
    exclude = ("evaluator_phone",)


@admin.register(EvaluationInvite)
class EvaluationInviteAdmin(ReadOnlyAdmin):
    list_display = ("id", "event", "case", "created_at", "expires_at", "used_at")
    exclude = ("token_hash", "phone")


class LoopEventInline(admin.TabularInline):
    model = LoopEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "from_status", "to_status", "actor", "step_due", "late", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Rectification)
class RectificationAdmin(ReadOnlyAdmin):
    list_display = ("id", "status", "centre", "department", "assignee", "step_due", "received_at")
    list_filter = ("status", "centre")
    inlines = [LoopEventInline]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "status", "centre", "department", "assignee", "due_date",
                    "received_at")
    list_filter = ("kind", "status", "centre")
    search_fields = ("reference", "subject")
    exclude = ("phone",)
    inlines = [LoopEventInline]
