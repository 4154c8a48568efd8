from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.reports.models import MonthlyReport, RollupState


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnlyAdmin):
    """Submitted reports are locked: the admin lists them, a resubmission makes a new version."""

    list_display = ("month", "centre", "department", "version", "submitted_by", "submitted_at", "files")
    list_filter = ("month",)
    exclude = ("xlsx", "pdf", "figures")

    @admin.display(description=_("files"))
    def files(self, obj):
        return format_html('<a href="{}">xlsx</a> · <a href="{}">PDF</a>',
                           reverse("reports:monthly_file", args=[obj.pk, "xlsx"]),
                           reverse("reports:monthly_file", args=[obj.pk, "pdf"]))


@admin.register(RollupState)
class RollupStateAdmin(ReadOnlyAdmin):
    list_display = ("watermark", "calendar_revision", "runs", "updated_at")
