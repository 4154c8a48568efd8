"""The network in the Chinese admin. Forms run the services' `*_check` rules in clean(), and saves go
through the services, so the admin can never store what the API would refuse."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from onewindow.core.errors import DomainError
from onewindow.core.timeutil import today
from onewindow.network.models import (
    Authorisation,
    Centre,
    CentreLevel,
    Department,
    Hall,
    HallClass,
    Region,
    Role,
    Seal,
    Staff,
    StaffRole,
    Theme,
    TownshipSlot,
    Window,
)
from onewindow.network.selectors import township_layout_gaps
from onewindow.network.services import (
    authorisation_check,
    authorisation_grant,
    authorisation_revoke,
    centre_refresh_standard_name,
    seal_check,
    seal_register,
    seal_revoke,
    seal_update,
    staff_backup_check,
    staff_roles_check,
    staff_set_backup,
    staff_set_duty,
    staff_set_roles,
    window_check,
    window_save,
)


def error_text(exc: DomainError) -> str:
    """The message of a domain error in the active language."""
    return exc.message if (get_language() or "zh-hans").startswith("zh") else exc.message_en


# --- regions, centres, departments ---------------------------------------------------------------


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent")
    list_select_related = ("parent",)
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)


class HallInline(admin.TabularInline):
    model = Hall
    extra = 0
    fields = ("name", "floor_area_m2", "floor", "hall_class_label")
    readonly_fields = ("hall_class_label",)

    @admin.display(description=_("hall class"))
    def hall_class_label(self, obj: Hall) -> str:
        return str(HallClass(obj.hall_class).label) if obj.pk and obj.floor_area_m2 is not None else "—"


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent", "region", "standard_name", "active")
    list_filter = ("level", "active")
    list_select_related = ("parent", "region")
    search_fields = ("name", "standard_name", "region__name", "region__code")
    autocomplete_fields = ("region", "parent")
    readonly_fields = ("standard_name", "hall_class_label", "township_gaps")
    inlines = [HallInline]
    actions = ["refresh_standard_names"]
    fieldsets = (
        (None, {"fields": ("name", "standard_name", "level", "region", "parent", "active")}),
        (_("Contact"), {"fields": ("uscc", "address", "phone", "opening_hours")}),
        (_("Layout"), {"fields": ("hall_class_label", "township_gaps")}),
        (_("Case handling"), {"fields": ("receipt_is_acceptance", "case_number_format")}),
    )

    @admin.display(description=_("hall class"))
    def hall_class_label(self, obj: Centre) -> str:
        return str(HallClass(obj.hall_class).label) if obj.pk else "—"

    @admin.display(description=_("missing 5X windows"))
    def township_gaps(self, obj: Centre) -> str:
        if not obj.pk or obj.level != CentreLevel.TOWNSHIP:
            return str(_("not applicable (township centres only)"))
        gaps = township_layout_gaps(centre=obj)
        if not gaps:
            return str(_("none: all five mandatory windows are set"))
        return "、".join(str(TownshipSlot(slot).label) for slot in gaps)

    def save_model(self, request, obj: Centre, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._refresh_name(request, obj)

    def _refresh_name(self, request, obj: Centre) -> bool:
        try:
            obj.standard_name = centre_refresh_standard_name(centre=obj).standard_name
        except DomainError as exc:
            self.message_user(request, f"{obj}: {error_text(exc)}", messages.WARNING)
            return False
        return True

    @admin.action(description=_("Refresh the standard names of the selected centres"))
    def refresh_standard_names(self, request, queryset) -> None:
        done = sum(self._refresh_name(request, centre) for centre in queryset)
        self.message_user(request, _("%(count)d standard names refreshed.") % {"count": done})


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "centre", "resident", "active")
    list_filter = ("resident", "active", "centre__level")
    list_select_related = ("centre",)
    search_fields = ("name", "short_name", "code", "centre__name")
    autocomplete_fields = ("centre",)


# --- windows -------------------------------------------------------------------------------------

_WINDOW_ERROR_FIELDS = {
    "window_number_required": "number", "window_number_taken": "number", "window_name_required": "name",
    "unknown_window_kind": "kind", "unknown_theme": "themes", "unknown_township_slot": "township_slot",
    "township_slot_not_township": "township_slot", "dedicated_kind_required": "dedicated_kind",
    "dedicated_kind_not_dedicated": "dedicated_kind", "too_many_dedicated_kinds": "dedicated_kind",
    "department_not_in_centre": "department", "hall_not_in_centre": "hall",
}


def window_fields(data: dict) -> dict:
    """The keyword arguments of window_check/window_save from a form's cleaned data."""
    return {"centre": data["centre"], "number": data["number"], "name": data["name"], "kind": data["kind"],
            "themes": data.get("themes") or [], "township_slot": data.get("township_slot") or "",
            "dedicated_kind": data.get("dedicated_kind") or "", "department": data.get("department"),
            "hall": data.get("hall")}


class WindowAdminForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(label=_("themes"), choices=Theme.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Window
        fields = ("centre", "hall", "number", "name", "kind", "themes", "township_slot", "dedicated_kind",
                  "department", "active")

    def clean(self):
        data = super().clean()
        if self._errors:  # a field is already wrong; the rules below need every field
            return data
        try:
            window_check(**window_fields(data), window=self.instance, active=data.get("active", True))
        except DomainError as exc:
            self.add_error(_WINDOW_ERROR_FIELDS.get(exc.code),
                           ValidationError(error_text(exc), code=exc.code))
        return data


@admin.register(Window)
class WindowAdmin(admin.ModelAdmin):
    form = WindowAdminForm
    list_display = ("number", "name", "centre", "kind", "township_slot", "dedicated_kind", "department",
                    "active")
    list_filter = ("centre", "kind", "township_slot", "active")
    list_select_related = ("centre", "department")
    search_fields = ("number", "name", "dedicated_kind", "centre__name")
    autocomplete_fields = ("centre", "department")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "hall":  # Hall.__str__ names its centre
            kwargs["queryset"] = Hall.objects.select_related("centre")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj: Window, form, change: bool) -> None:
        data = form.cleaned_data
        saved = window_save(**window_fields(data), window=obj if change else None, active=data.get("active"))
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db


# --- staff ---------------------------------------------------------------------------------------


class StaffRoleFormSet(BaseInlineFormSet):
    """Checks the role rules and the AB-post rule against the roles being saved."""

    def chosen_roles(self) -> list[str]:
        return [f.cleaned_data["role"] for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("role")]

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        staff: Staff = self.instance
        roles = self.chosen_roles()
        try:
            staff_roles_check(civil_servant=staff.civil_servant,
                              department=staff.department if staff.department_id else None, roles=roles)
            staff_backup_check(staff=staff, centre=staff.centre if staff.centre_id else None, roles=roles,
                               backup=staff.backup if staff.backup_id else None)
        except DomainError as exc:
            raise ValidationError(error_text(exc), code=exc.code) from exc


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    formset = StaffRoleFormSet
    extra = 1
    max_num = len(Role.values)


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "centre", "department", "window", "role_labels", "duty_status", "backup")
    list_filter = ("duty_status", "civil_servant", "roles__role", "centre__level")
    list_select_related = ("user", "centre", "department", "window", "backup")
    search_fields = ("name", "employee_no", "user__username")
    autocomplete_fields = ("user", "centre", "department", "window", "backup")
    readonly_fields = ("duty_changed_at",)
    inlines = [StaffRoleInline]
    fieldsets = (
        (None, {"fields": ("user", "name", "employee_no", "civil_servant")}),
        (_("Post"), {"fields": ("centre", "department", "window", "backup")}),
        (_("On-duty board"), {"fields": ("duty_status", "duty_note", "duty_changed_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description=_("roles"))
    def role_labels(self, obj: Staff) -> str:
        return "、".join(str(r.get_role_display()) for r in obj.roles.all())

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        staff = form.instance
        # The roles are saved by now, so the services see the final state.
        if not change or "backup" in form.changed_data:
            staff_set_backup(staff=staff, backup=staff.backup)
        if not change or {"duty_status", "duty_note"} & set(form.changed_data):
            staff_set_duty(staff=staff, status=staff.duty_status, note=staff.duty_note, by=request.user)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not StaffRole:
            return super().save_formset(request, form, formset, change)
        staff = form.instance
        before = {r.role: r for r in StaffRole.objects.filter(staff=staff)}
        staff_set_roles(staff=staff, roles=formset.chosen_roles(), by=request.user)
        after = {r.role: r for r in StaffRole.objects.filter(staff=staff)}
        # What the admin's change message reads (normally set by formset.save()).
        formset.new_objects = [after[r] for r in after.keys() - before.keys()]
        formset.deleted_objects = [before[r] for r in before.keys() - after.keys()]
        formset.changed_objects = []
        return None


# --- authorisations and seals --------------------------------------------------------------------


class RevocationForm(forms.Form):
    reason = forms.CharField(label=_("reason for the revocation"), max_length=200)
    on = forms.DateField(label=_("revoked on"), help_text=_("YYYY-MM-DD"))


def revocation_action(modeladmin: admin.ModelAdmin, request, queryset, revoke,
                      title) -> TemplateResponse | None:
    """An admin action with an intermediate page asking for the reason and the date."""
    if "apply" in request.POST:
        form = RevocationForm(request.POST)
        if form.is_valid():
            done = 0
            for obj in queryset:
                try:
                    revoke(obj, form.cleaned_data["reason"], form.cleaned_data["on"])
                    done += 1
                except DomainError as exc:
                    modeladmin.message_user(request, f"{obj}: {error_text(exc)}", messages.ERROR)
            if done:
                modeladmin.message_user(request, _("%(count)d revoked.") % {"count": done}, messages.SUCCESS)
            return None
    else:
        form = RevocationForm(initial={"on": today()})
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": queryset,
        "form": form,
        "action": request.POST.get("action", ""),
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/network/revocation.html", context)


class AuthorisationAdminForm(forms.ModelForm):
    class Meta:
        model = Authorisation
        fields = ("staff", "department", "document_no", *Authorisation.POWERS, "valid_from", "valid_to")

    def clean(self):
        data = super().clean()
        if self._errors:
            return data
        staff = Staff.objects.prefetch_related("roles").get(pk=data["staff"].pk)
        try:
            authorisation_check(staff=staff, department=data["department"],
                                powers={p: data.get(p, False) for p in Authorisation.POWERS},
                                valid_from=data["valid_from"], valid_to=data.get("valid_to"))
        except DomainError as exc:
            raise ValidationError(error_text(exc), code=exc.code) from exc
        return data


@admin.register(Authorisation)
class AuthorisationAdmin(admin.ModelAdmin):
    """Authorisations are documents: granted once, then only revoked (a change is a new grant)."""

    form = AuthorisationAdminForm
    list_display = ("staff", "department", "document_no", "valid_from", "valid_to", "revoked", "revoked_on")
    list_filter = ("revoked",)
    list_select_related = ("staff", "department")
    search_fields = ("staff__name", "department__name", "document_no")
    autocomplete_fields = ("staff", "department")
    actions = ["revoke_authorisations"]
    fieldsets = (
        (None, {"fields": ("staff", "department", "document_no")}),
        (_("Powers (seed 002)"), {"fields": Authorisation.POWERS}),
        (_("Validity"), {"fields": ("valid_from", "valid_to")}),
    )
    revoked_fieldset = (_("Revocation"), {"fields": ("revoked", "revoked_on", "revoked_reason")})

    def get_fieldsets(self, request, obj=None):
        return (*self.fieldsets, self.revoked_fieldset) if obj is not None else self.fieldsets

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request)

    def save_model(self, request, obj: Authorisation, form, change: bool) -> None:
        data = form.cleaned_data
        saved = authorisation_grant(staff=data["staff"], department=data["department"],
                                    powers={p: data.get(p, False) for p in Authorisation.POWERS},
                                    valid_from=data["valid_from"], valid_to=data.get("valid_to"),
                                    document_no=data.get("document_no") or "", by=request.user)
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db

    @admin.action(description=_("Revoke the selected authorisations"))
    def revoke_authorisations(self, request, queryset):
        return revocation_action(
            self, request, queryset, title=_("Revoke authorisations"),
            revoke=lambda obj, reason, on: authorisation_revoke(authorisation=obj, reason=reason, on=on,
                                                                by=request.user))


class SealAdminForm(forms.ModelForm):
    class Meta:
        model = Seal
        fields = ("centre", "department", "name", "code", "key_ref", "registered_on")

    def clean(self):
        data = super().clean()
        if self._errors or self.instance.pk:  # only a new seal is checked; a change renames it
            return data
        try:
            seal_check(centre=data["centre"], code=data["code"], name=data["name"],
                       department=data.get("department"))
        except DomainError as exc:
            raise ValidationError(error_text(exc), code=exc.code) from exc
        return data


@admin.register(Seal)
class SealAdmin(admin.ModelAdmin):
    form = SealAdminForm
    list_display = ("name", "code", "centre", "department", "status", "registered_on", "revoked_on")
    list_filter = ("status",)
    list_select_related = ("centre", "department")
    search_fields = ("name", "code", "centre__name", "department__name")
    autocomplete_fields = ("centre", "department")
    actions = ["revoke_seals"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("centre", "department", "code", "registered_on", "status", "revoked_on", "revoked_reason")

    def get_fields(self, request, obj=None):
        fields = ["centre", "department", "name", "code", "key_ref", "registered_on"]
        if obj is not None:
            fields += ["status", "revoked_on", "revoked_reason"]
        return fields

    def save_model(self, request, obj: Seal, form, change: bool) -> None:
        data = form.cleaned_data
        if change:
            seal_update(seal=obj, name=data["name"], key_ref=data.get("key_ref") or "")
            return
        saved = seal_register(centre=data["centre"], department=data.get("department"), name=data["name"],
                              code=data["code"], key_ref=data.get("key_ref") or "",
                              registered_on=data.get("registered_on"), by=request.user)
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db

    @admin.action(description=_("Revoke the selected seals"))
    def revoke_seals(self, request, queryset):
        return revocation_action(
            self, request, queryset, title=_("Revoke seals"),
            revoke=lambda obj, reason, on: seal_revoke(seal=obj, reason=reason, on=on, by=request.user))
