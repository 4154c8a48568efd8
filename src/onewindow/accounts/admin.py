from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from onewindow.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    # The stubs allow None; Django's UserAdmin always defines its fieldsets.
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Contact"), {"fields": ("display_name", "phone")}))
    list_display = ("username", "display_name", "is_staff", "is_active")
    search_fields = ("username", "display_name", "phone")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at", "revoked")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
    list_filter = ("revoked",)
