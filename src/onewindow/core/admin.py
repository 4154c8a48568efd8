from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records only services write (payments, notices, licences, events): the admin shows them
    and never changes them, so the audit trail stays the services' own."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
