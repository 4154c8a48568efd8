from django.contrib import admin

from onewindow.exchange.models import ApiClient, Cursor, Webhook, WebhookDelivery


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "centre", "department", "prefix", "active", "last_used_at"]
    list_filter = ["active", "centre"]
    readonly_fields = ["key_hash", "prefix", "created_at", "last_used_at"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["url", "client", "active"]
    readonly_fields = ["secret", "created_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["delivery_id", "webhook", "status", "attempts", "next_attempt_at", "last_status_code"]
    list_filter = ["status"]


admin.site.register(Cursor)


# -- cross-region intake: the key and the shared secret are stored encrypted and never shown.
from onewindow.exchange.models import InboundCase, Partner, RemoteReceipt  # noqa: E402


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "base_url", "client", "active", "created_at"]
    fields = ["name", "base_url", "region_codes", "client", "active", "created_at"]
    readonly_fields = ["client", "created_at"]

    def has_add_permission(self, request):  # secrets are set by `manage.py crossregion_partner_add`
        return False


@admin.register(RemoteReceipt)
class RemoteReceiptAdmin(admin.ModelAdmin):
    list_display = ["client_ref", "partner", "item_code", "status", "remote_case_number", "remote_state",
                    "attempts", "synced_at"]
    list_filter = ["status", "partner"]
    exclude = ["payload"]
    readonly_fields = ["client_ref", "partner", "centre", "received_by", "item_code",
                       "applicant_name", "payload_hash", "attempts", "last_error",
                       "remote_case_number", "remote_state", "remote_outcome", "remote_missing",
                       "remote_timeline", "remote_seq", "synced_at", "timeline", "created_at"]


@admin.register(InboundCase)
class InboundCaseAdmin(admin.ModelAdmin):
    list_display = ["case", "partner", "client_ref", "created_at"]
    readonly_fields = ["partner", "client_ref", "body_hash", "case", "created_at"]
