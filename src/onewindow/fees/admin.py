"""Read-only admin: fees are written by the services (acceptance, the counter), never by hand."""

from __future__ import annotations

from django.contrib import admin

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.fees.models import FeeAssessment, Payment, Receipt


@admin.register(FeeAssessment)
class FeeAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("case", "name", "amount", "waived", "assessed_at")
    list_filter = ("waived",)
    search_fields = ("case__number", "name")
    list_select_related = ("case",)
    raw_id_fields = ("case", "fee", "assessed_by")


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("case", "amount", "method", "status", "reference", "created_at", "settled_at")
    list_filter = ("status", "method")
    search_fields = ("case__number", "reference", "gateway_reference")
    list_select_related = ("case",)
    raw_id_fields = ("case", "recorded_by")
    date_hierarchy = "created_at"


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("number", "centre", "payer_name", "amount", "issued_at")
    list_filter = ("centre", "year")
    search_fields = ("number", "payer_name", "payment__case__number")
    list_select_related = ("centre",)
    raw_id_fields = ("payment",)
