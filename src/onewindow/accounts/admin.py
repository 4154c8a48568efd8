from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from onewindow.accounts.models import (
    ApiToken,
    CitizenCase,
    Organisation,
    OrganisationMember,
    SmsCode,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    # The stubs allow None; Django's UserAdmin always defines its fieldsets.
    fieldsets = (*(BaseUserAdmin.fieldsets or ()),
                 (_("Contact"), {"fields": ("display_name", "phone", "id_number", "phone_verified_at")}))
    list_display = ("username", "display_name", "is_staff", "is_active")
    search_fields = ("username", "display_name", "phone")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at", "revoked")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
    list_filter = ("revoked",)


class OrganisationMemberInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "legal_rep_name", "created_at")
    search_fields = ("name", "uscc")
    readonly_fields = ("created_by", "created_at")
    inlines = [OrganisationMemberInline]


@admin.register(CitizenCase)
class CitizenCaseAdmin(admin.ModelAdmin):
    list_display = ("case", "user", "organisation", "delivery_method")
    search_fields = ("case__number", "user__username")
    raw_id_fields = ("case", "user", "organisation")


@admin.register(SmsCode)
class SmsCodeAdmin(admin.ModelAdmin):
    """Read-only: the code itself is never stored, only its HMAC."""

    list_display = ("phone", "purpose", "created_at", "expires_at", "attempts", "used_at")
    list_filter = ("purpose",)
    search_fields = ("phone",)
    exclude = ("code_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
