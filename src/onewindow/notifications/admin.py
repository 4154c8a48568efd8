from django.contrib import admin

from onewindow.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "template", "address", "recipient", "status", "attempts"]
    list_filter = ["channel", "status", "template"]
    search_fields = ["dedupe_key"]
    readonly_fields = [f.name for f in Notification._meta.fields]
