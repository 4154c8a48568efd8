"""Calendar administration. Every save and delete goes through the services, so the revision is
bumped and every process rebuilds its cached calendar."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from onewindow.calendar import engine
from onewindow.calendar.models import CalendarOverride, CalendarYear
from onewindow.calendar.services import (
    calendar_override_remove,
    calendar_override_set,
    calendar_year_publish,
    calendar_year_unpublish,
)
from onewindow.core.errors import DomainError


def _check_range(day):
    if day and not engine.TABLE_START <= day <= engine.TABLE_END:
        raise forms.ValidationError(_("The date must be between %(start)s and %(end)s."),
                                    params={"start": engine.TABLE_START, "end": engine.TABLE_END})
    return day


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["date", "kind", "name", "note"]

    def clean_date(self):
        return _check_range(self.cleaned_data.get("date"))


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ("date", "kind", "name", "source", "created_by", "created_at")
    list_filter = ("kind", "source")
    search_fields = ("name", "note")
    date_hierarchy = "date"

    def get_readonly_fields(self, request, obj=None):
        # The date is the override's identity: change another day by adding a new override.
        return ("date", "source") if obj else ("source",)

    def save_model(self, request, obj, form, change):
        saved = calendar_override_set(day=obj.date, kind=obj.kind, name=obj.name, note=obj.note,
                                      by=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        calendar_override_remove(day=obj.date, by=request.user)

    def delete_queryset(self, request, queryset):
        for day in queryset.values_list("date", flat=True):
            calendar_override_remove(day=day, by=request.user)


class CalendarYearForm(forms.ModelForm):
    class Meta:
        model = CalendarYear
        fields = ["year", "note"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not engine.TABLE_START.year <= year <= engine.TABLE_END.year:
            raise forms.ValidationError(_("The year must be between %(start)s and %(end)s."),
                                        params={"start": engine.TABLE_START.year,
                                                "end": engine.TABLE_END.year})
        if year in engine.official_years():
            raise forms.ValidationError(_("The chinesecalendar package already publishes this year."))
        return year


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """Adding a year here marks it published by hand (its holidays entered as overrides first);
    year files are loaded with `manage.py calendar_load_year FILE`."""

    form = CalendarYearForm
    list_display = ("year", "source", "loaded_at", "note")
    list_filter = ("source",)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = calendar_year_publish(year=obj.year, note=obj.note, by=request.user)
        except DomainError as exc:  # a race with another administrator; the form checked the rest
            self.message_user(request, exc.message, level="error")
            return
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        calendar_year_unpublish(year=obj.year, by=request.user)

    def delete_queryset(self, request, queryset):
        for year in queryset.values_list("year", flat=True):
            calendar_year_unpublish(year=year, by=request.user)
