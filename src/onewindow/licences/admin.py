"""Admin of the licence library. Licence types are edited here; everything signed or recorded by the
services (licences, keys, events, deliveries, consents) is read-only. The licence list verifies each
row's signature (20 rows a page: each check reads the PDF and runs one SM2 verification)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.licences.identifiers import TYPE_CODE_RE
from onewindow.licences.models import (
    Licence,
    LicenceDelivery,
    LicenceEvent,
    LicenceSerial,
    LicenceType,
    ReuseConsent,
    SealKey,
)
from onewindow.licences.verification import licence_verify, licences_with_relations


class LicenceTypeForm(ModelForm):
    class Meta:
        model = LicenceType
        fields = ("code", "identifier_code", "name", "issuing_department", "validity_years", "fields_schema",
                  "active")

    def clean_identifier_code(self):
        value = (self.cleaned_data.get("identifier_code") or "").strip().upper()
        if not TYPE_CODE_RE.match(value):
            raise ValidationError(_("2 to 20 upper-case letters or digits."))
        return value

    def clean_fields_schema(self):
        value = self.cleaned_data.get("fields_schema") or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValidationError(_("A list of field names."))
        if len(set(value)) != len(value):
            raise ValidationError(_("Field names must be unique."))
        return [v.strip() for v in value]


@admin.register(LicenceType)
class LicenceTypeAdmin(admin.ModelAdmin):
    form = LicenceTypeForm
    list_display = ("code", "identifier_code", "name", "issuing_department", "validity_years", "active")
    list_filter = ("active",)
    search_fields = ("code", "identifier_code", "name")
    raw_id_fields = ("issuing_department",)

    def get_readonly_fields(self, request, obj=None):
        # Issued identifiers embed the code: it cannot change once licences exist.
        return ("identifier_code",) if obj is not None and obj.licences.exists() else ()


@admin.register(SealKey)
class SealKeyAdmin(ReadOnlyAdmin):
    list_display = ("key_id", "seal", "created_at", "retired_at")
    list_filter = ("retired_at",)
    search_fields = ("key_id", "seal__code", "seal__name")
    list_select_related = ("seal",)


@admin.register(LicenceSerial)
class LicenceSerialAdmin(ReadOnlyAdmin):
    list_display = ("licence_type", "issuer_uscc", "year", "last")
    list_select_related = ("licence_type",)


class LicenceEventInline(admin.TabularInline):
    model = LicenceEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "actor", "reason", "payload")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Licence)
class LicenceAdmin(ReadOnlyAdmin):
    list_display = ("identifier", "title", "holder_name", "issuer_name", "issued_on", "valid_to", "status",
                    "verification")
    list_filter = ("status", "licence_type")
    search_fields = ("identifier", "holder_name", "holder_id_number", "case__number")
    list_per_page = 20
    date_hierarchy = "issued_on"
    inlines = [LicenceEventInline]

    def get_queryset(self, request):
        return licences_with_relations()

    @admin.display(description=_("verification"))
    def verification(self, obj: Licence) -> str:
        result = licence_verify(licence=obj)
        return result.reason or result.status


@admin.register(LicenceEvent)
class LicenceEventAdmin(ReadOnlyAdmin):
    list_display = ("licence", "kind", "at", "actor")
    list_filter = ("kind",)
    search_fields = ("licence__identifier",)
    list_select_related = ("licence", "actor")


@admin.register(LicenceDelivery)
class LicenceDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("licence", "method", "status", "recipient_name", "tracking_number", "locker",
                    "created_at", "delivered_at")
    list_filter = ("method", "status")
    search_fields = ("licence__identifier", "tracking_number")
    list_select_related = ("licence",)
    exclude = ("pickup_code_hash",)


@admin.register(ReuseConsent)
class ReuseConsentAdmin(ReadOnlyAdmin):
    list_display = ("case", "material", "licence", "consenting_name", "consenting_role", "at")
    search_fields = ("case__number", "licence__identifier")
    list_select_related = ("case", "material", "licence")
