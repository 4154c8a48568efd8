from django.contrib import admin

from onewindow.core.admin import ReadOnlyAdmin
from onewindow.supervision.models import (
    Anomaly,
    AssessmentWeights,
    Attendance,
    DepartmentScore,
    StaffAssessment,
    Warning,
)


@admin.register(Warning)
class WarningAdmin(ReadOnlyAdmin):
    list_display = (
        "case",
        "colour",
        "due_date",
        "centre",
        "department",
        "reviewer",
        "raised_at",
        "notified_at",
    )
    list_filter = ("colour", "centre")
    search_fields = ("case__number",)
    list_select_related = ("case", "centre", "department", "reviewer")


@admin.register(Anomaly)
class AnomalyAdmin(ReadOnlyAdmin):
    list_display = ("rule", "subject", "case", "staff", "item", "centre", "period", "first_seen")
    list_filter = ("rule", "centre")
    search_fields = ("subject", "case__number")
    list_select_related = ("case", "staff", "item", "centre")


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("staff", "day", "check_in_at", "check_out_at", "late", "early_leave")
    list_filter = ("day", "late", "early_leave", "staff__centre")
    search_fields = ("staff__name",)
    list_select_related = ("staff",)
    autocomplete_fields = ("staff",)


@admin.register(AssessmentWeights)
class AssessmentWeightsAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "accepted",
        "concluded",
        "timeliness",
        "attendance",
        "evaluations",
        "complaints",
        "centre_share_percent",
    )


@admin.register(StaffAssessment)
class StaffAssessmentAdmin(ReadOnlyAdmin):
    list_display = (
        "staff",
        "period",
        "accepted",
        "concluded",
        "on_time",
        "days_present",
        "working_days",
        "evaluations",
        "good_evaluations",
        "complaints",
        "score",
    )
    list_filter = ("period", "staff__centre")
    list_select_related = ("staff",)


@admin.register(DepartmentScore)
class DepartmentScoreAdmin(admin.ModelAdmin):
    list_display = ("department", "year", "centre_score", "own_score", "centre_share_percent", "total")
    list_filter = ("year",)
    readonly_fields = ("centre_score", "centre_share_percent", "total", "computed_at")
    list_select_related = ("department",)

    def save_model(self, request, obj, form, change):
        # The total comes from the service (centre share × centre score + the rest × own score).
        from onewindow.supervision.services.assessment import department_score_compute

        department_score_compute(department=obj.department, year=obj.year, own_score=obj.own_score)
