"""Service items: list with the overdue-review filter, creation through item_create, bundle
components inline (bundle_set_components)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from onewindow.catalogue import services
from onewindow.catalogue.admin.common import (
    ServiceErrorsMixin,
    add_field_errors,
    create_drafts,
)
from onewindow.catalogue.models import (
    BundleComponent,
    ServiceItem,
)
from onewindow.catalogue.selectors import REVIEW_WINDOW_DAYS, REVIEWS_PER_YEAR, guide_reviews_overdue
from onewindow.catalogue.services.items import ITEM_UPDATABLE_FIELDS
from onewindow.catalogue.services.rules import code_errors
from onewindow.core.timeutil import today

# --- guide-review filter ---------------------------------------------------------------------------

class GuideReviewFilter(admin.SimpleListFilter):
    """seed 001 #16: each guide reviewed at least 4 times in the trailing 365 days."""

    title = _("guide reviews")
    parameter_name = "guide_reviews"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue: fewer than 4 reviews in the last 365 days")),
                ("ok", _("Up to date"))]

    def queryset(self, request, queryset):
        overdue = guide_reviews_overdue(on=today()).values("pk")
        if self.value() == "overdue":
            return queryset.filter(pk__in=overdue)
        if self.value() == "ok":
            return queryset.exclude(pk__in=overdue)
        return queryset


# --- service items -----------------------------------------------------------------------------------

class ServiceItemAddForm(forms.ModelForm):
    statutory_days = forms.IntegerField(label=_("statutory limit"), min_value=0)
    promised_days = forms.IntegerField(label=_("promised limit"), min_value=0)

    class Meta:
        model = ServiceItem
        fields = ["centre", "department", "entrusted_department", "basic_code", "implementation_code", "name",
                  "item_type", "exercise_level", "resident_in_hall", "any_window"]

    def clean(self):
        data = super().clean()
        add_field_errors(self, code_errors(basic_code=data.get("basic_code") or "",
                                           implementation_code=data.get("implementation_code") or ""))
        centre, department = data.get("centre"), data.get("department")
        if centre and department and department.centre_id != centre.pk:
            self.add_error("department", _("The department does not belong to this centre"))
        return data


class BundleComponentInline(admin.TabularInline):
    model = BundleComponent
    fk_name = "bundle"
    fields = ["component", "is_lead", "position"]
    autocomplete_fields = ["component"]
    extra = 0


@admin.register(ServiceItem)
class ServiceItemAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ["implementation_code", "basic_code", "name", "department", "item_type", "theme",
                    "current_version_number", "recent_reviews", "active"]
    list_select_related = ["department", "current_version"]
    list_filter = ["item_type", "theme", "active", "resident_in_hall", "any_window", "centre",
                   GuideReviewFilter]
    search_fields = ["name", "implementation_code", "basic_code"]
    inlines = [BundleComponentInline]
    actions = ["new_draft"]

    def get_queryset(self, request):
        start = today() - dt.timedelta(days=REVIEW_WINDOW_DAYS)
        return super().get_queryset(request).annotate(
            review_count=Count("reviews", filter=Q(reviews__reviewed_on__gt=start)))

    @admin.display(description=_("current version"), ordering="current_version__number")
    def current_version_number(self, obj):
        return f"v{obj.current_version.number}" if obj.current_version else "—"

    @admin.display(description=_("reviews in the last 365 days"), ordering="review_count")
    def recent_reviews(self, obj):
        flag = "" if obj.review_count >= REVIEWS_PER_YEAR else " ⚠"
        return f"{obj.review_count}{flag}"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ServiceItemAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*ServiceItemAddForm._meta.fields, "statutory_days", "promised_days"]
        return ["implementation_code", "basic_code", "centre", "department", "name", "item_type", "theme",
                "current_version", "entrusted_department", "exercise_level", "resident_in_hall", "any_window",
                "active"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["implementation_code", "basic_code", "centre", "department", "name", "item_type", "theme",
                "current_version"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            created = services.item_create(
                centre=data["centre"], department=data["department"], basic_code=data["basic_code"],
                implementation_code=data["implementation_code"], name=data["name"],
                item_type=data["item_type"],
                statutory_days=data["statutory_days"], promised_days=data["promised_days"],
                exercise_level=data["exercise_level"], entrusted_department=data.get("entrusted_department"),
                resident_in_hall=data["resident_in_hall"], any_window=data["any_window"], by=request.user)
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        changed = {f: data[f] for f in form.changed_data if f in ITEM_UPDATABLE_FIELDS}
        if changed:
            services.item_update(item=obj, **changed)

    def save_formset(self, request, form, formset, change):
        if formset.model is not BundleComponent:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not formset.has_changed():
            return None
        deleted = set(formset.deleted_forms)
        rows = [f.cleaned_data for f in formset.forms if f not in deleted and f.cleaned_data.get("component")]
        rows.sort(key=lambda d: d.get("position") or 0)
        formset.new_objects = services.bundle_set_components(
            bundle=form.instance, components=[(d["component"], d.get("is_lead", False)) for d in rows])
        return None

    @admin.action(description=_("Create a new draft version"))
    def new_draft(self, request, queryset):
        create_drafts(self, request, queryset)
