"""Queue administration: lines, settings, appointment rules and slots (saved through the services,
checked in the forms), tickets and their events (read-only), appointments (read-only; cancel action)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onewindow.core.errors import DomainError
from onewindow.network.admin import error_text
from onewindow.queueing.models import (
    Appointment,
    AppointmentRule,
    AppointmentSlot,
    AppointmentStatus,
    QueueLine,
    QueueSettings,
    Ticket,
    TicketEvent,
)
from onewindow.queueing.services import appointment_cancel
from onewindow.queueing.services.config import (
    appointment_rule_check,
    appointment_rule_save,
    appointment_slot_check,
    appointment_slot_set,
    queue_line_check,
    queue_line_save,
    queue_settings_save,
)


class QueueLineForm(forms.ModelForm):
    class Meta:
        model = QueueLine
        fields = (
            "centre",
            "code",
            "name",
            "prefix",
            "theme",
            "window_kind",
            "windows",
            "description",
            "position",
            "daily_limit",
            "default_service_minutes",
            "appointments_enabled",
            "active",
        )

    def clean(self):
        data = super().clean()
        line = self.instance
        for name in ("centre", "prefix", "theme", "window_kind"):
            if name in data:
                setattr(line, name, data[name])
        if line.centre_id:
            try:
                queue_line_check(line=line, windows=data.get("windows") or [])
            except DomainError as exc:
                raise ValidationError(error_text(exc)) from exc
        return data


@admin.register(QueueLine)
class QueueLineAdmin(admin.ModelAdmin):
    form = QueueLineForm
    list_display = (
        "prefix",
        "name",
        "centre",
        "theme",
        "window_kind",
        "daily_limit",
        "appointments_enabled",
        "active",
        "position",
    )
    list_filter = ("active", "appointments_enabled", "theme", "centre")
    list_select_related = ("centre",)
    search_fields = ("name", "code", "prefix", "centre__name")
    autocomplete_fields = ("centre",)
    filter_horizontal = ("windows",)
    ordering = ("centre", "position", "prefix")

    def save_model(self, request, obj, form, change):
        queue_line_save(line=obj, windows=form.cleaned_data.get("windows") or [])

    def save_related(self, request, form, formsets, change):
        # The service has set the windows; the form's save_m2m must not run again.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(QueueSettings)
class QueueSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "centre",
        "priority_calls",
        "normal_calls",
        "elderly_age",
        "no_show_after_calls",
        "appointment_mode",
        "service_level_minutes",
        "appointment_daily_limit",
    )
    list_select_related = ("centre",)
    autocomplete_fields = ("centre",)
    fieldsets = (
        (None, {"fields": ("centre",)}),
        (
            _("Calling"),
            {
                "fields": (
                    "priority_calls",
                    "normal_calls",
                    "elderly_age",
                    "no_show_after_calls",
                    "appointment_mode",
                )
            },
        ),
        (_("Prediction and KPIs"), {"fields": ("prediction_sample", "service_level_minutes")}),
        (
            _("Appointments"),
            {
                "fields": (
                    "appointment_daily_limit",
                    "booking_horizon_days",
                    "checkin_early_minutes",
                    "checkin_late_minutes",
                )
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        queue_settings_save(settings=obj)


class AppointmentRuleForm(forms.ModelForm):
    class Meta:
        model = AppointmentRule
        fields = (
            "centre",
            "line",
            "day_type",
            "weekdays",
            "start",
            "end",
            "slot_minutes",
            "capacity",
            "lunch_start",
            "lunch_end",
            "lunch_capacity",
            "valid_from",
            "valid_to",
            "active",
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        rule = self.instance
        for name, value in data.items():
            setattr(rule, name, value)
        try:
            appointment_rule_check(rule=rule)
        except DomainError as exc:
            raise ValidationError(error_text(exc)) from exc
        return data


@admin.register(AppointmentRule)
class AppointmentRuleAdmin(admin.ModelAdmin):
    form = AppointmentRuleForm
    list_display = (
        "line",
        "centre",
        "day_type",
        "weekdays",
        "start",
        "end",
        "slot_minutes",
        "capacity",
        "lunch_start",
        "lunch_end",
        "lunch_capacity",
        "active",
    )
    list_filter = ("day_type", "active", "centre")
    list_select_related = ("line", "centre")
    autocomplete_fields = ("centre", "line")

    def save_model(self, request, obj, form, change):
        appointment_rule_save(rule=obj)


class AppointmentSlotForm(forms.ModelForm):
    class Meta:
        model = AppointmentSlot
        fields = ("line", "day", "start", "end", "capacity", "closed")

    def clean(self):
        data = super().clean()
        slot = self.instance
        line, day, start = (
            data.get("line", slot.line_id and slot.line),
            data.get("day", slot.day),
            data.get("start", slot.start),
        )
        if self.errors or not (line and day and start):
            return data
        try:
            appointment_slot_check(
                line=line, day=day, start=start, end=data.get("end"), capacity=data.get("capacity", 0)
            )
        except DomainError as exc:
            raise ValidationError(error_text(exc)) from exc
        return data


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    """Close or resize a single slot (e.g. a meeting on Friday morning); rows of booked slots appear
    here by themselves."""

    form = AppointmentSlotForm
    list_display = ("line", "day", "start", "end", "capacity", "booked", "closed")
    list_filter = ("closed", "day", "centre")
    list_select_related = ("line",)
    autocomplete_fields = ("line",)
    date_hierarchy = "day"

    def get_readonly_fields(self, request, obj=None):
        return ("line", "day", "start", "booked") if obj else ("booked",)

    def save_model(self, request, obj, form, change):
        saved = appointment_slot_set(
            line=obj.line, day=obj.day, start=obj.start, end=obj.end, capacity=obj.capacity, closed=obj.closed
        )
        obj.pk, obj.centre_id, obj.booked = saved.pk, saved.centre_id, saved.booked


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "from_status", "to_status", "actor", "window", "detail")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "day",
        "centre",
        "line",
        "status",
        "priority",
        "source",
        "taken_at",
        "window",
        "staff",
        "call_count",
    )
    list_filter = ("status", "priority", "source", "day", "centre")
    list_select_related = ("centre", "line", "window", "staff")
    search_fields = ("number", "token")
    date_hierarchy = "day"
    inlines = [TicketEventInline]
    exclude = ("token",)


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ("code", "day", "start", "centre", "line", "status", "channel", "id_masked", "created_at")
    list_filter = ("status", "channel", "day", "centre")
    list_select_related = ("centre", "line")
    search_fields = ("code",)
    date_hierarchy = "day"
    exclude = ("phone",)
    actions = ["cancel_appointments"]

    @admin.action(description=_("Cancel the selected appointments"))
    def cancel_appointments(self, request, queryset):
        done = 0
        for appointment in queryset.filter(status=AppointmentStatus.BOOKED):
            appointment_cancel(appointment=appointment)
            done += 1
        self.message_user(request, _("%(n)d appointments cancelled.") % {"n": done}, messages.SUCCESS)

    def has_change_permission(self, request, obj=None):
        # The changelist action needs change permission; the form itself stays read-only.
        return obj is None and super(ReadOnlyAdmin, self).has_change_permission(request, obj)
