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
