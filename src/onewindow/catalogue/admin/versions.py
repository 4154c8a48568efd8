"""Item versions and their contents: drafts edited through the services, published versions
read-only, publish / new draft / retire actions; situations with their answers."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onewindow.catalogue import services
from onewindow.catalogue.admin.common import (
    DraftOnlyInline,
    ServiceErrorsMixin,
    add_field_errors,
    create_drafts,
    error_text,
    is_draft,
    save_formset_through,
)
from onewindow.catalogue.models import (
    BundleComponent,
    Fee,
    ItemVersion,
    Material,
    ServiceItem,
    Situation,
    SituationOption,
)
from onewindow.catalogue.services.rules import (
    fee_content_fields,
    fee_errors,
    material_content_fields,
    material_errors,
    version_content_fields,
    version_errors,
)
from onewindow.core.errors import DomainError


class MaterialForm(forms.ModelForm):
    def _post_clean(self):
        super()._post_clean()
        add_field_errors(self, [e for e in material_errors(self.instance) if e.field != "position"])


class FeeForm(forms.ModelForm):
    def _post_clean(self):
        super()._post_clean()
        add_field_errors(self, fee_errors(self.instance))


class MaterialInline(DraftOnlyInline, admin.StackedInline):
    model = Material
    form = MaterialForm
    fields = tuple(material_content_fields())


class FeeInline(DraftOnlyInline, admin.TabularInline):
    model = Fee
    form = FeeForm
    fields = tuple(fee_content_fields())


class SituationInline(DraftOnlyInline, admin.TabularInline):
    model = Situation
    fields = ["position", "question"]
    show_change_link = True  # answers and their material links are edited on the situation's page


class ItemVersionForm(forms.ModelForm):
    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk:
            bundle = BundleComponent.objects.filter(bundle_id=self.instance.item_id).exists()
            add_field_errors(self, version_errors(self.instance, is_bundle=bundle))


@admin.register(ItemVersion)
class ItemVersionAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    form = ItemVersionForm
    list_display = ["item", "number", "status", "effective_from", "effective_to", "published_at"]
    list_filter = ["status"]
    list_select_related = ["item"]
    search_fields = ["name", "item__implementation_code", "item__basic_code"]
    inlines = [MaterialInline, FeeInline, SituationInline]
    actions = ["publish", "new_draft", "retire"]
    life_fields = ["item", "number", "status", "effective_to", "published_at", "published_by", "created_at",
                   "created_by", "retired_at", "retired_by"]

    def get_fields(self, request, obj=None):
        return [*self.life_fields[:3], "effective_from", *self.life_fields[3:], *version_content_fields()]

    def get_readonly_fields(self, request, obj=None):
        return self.life_fields

    def has_add_permission(self, request):
        return False  # versions come from item creation and "new draft"

    def has_change_permission(self, request, obj=None):
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_draft(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        allowed = {*version_content_fields(), "effective_from"}
        changed = {f: form.cleaned_data[f] for f in form.changed_data if f in allowed}
        if changed:
            services.item_version_update(version=obj, **changed)

    def save_formset(self, request, form, formset, change):
        version = form.instance
        if formset.model is Material:
            fields = material_content_fields()
            save_formset_through(
                formset, fields=fields,
                add=lambda v: services.material_add(version=version, **v),
                update=lambda m, v: services.material_update(material=m, **v),
                remove=lambda m: services.material_remove(material=m))
        elif formset.model is Fee:
            save_formset_through(
                formset, fields=fee_content_fields(),
                add=lambda v: services.fee_add(version=version, **v),
                update=lambda f, v: services.fee_update(fee=f, **v),
                remove=lambda f: services.fee_remove(fee=f))
        elif formset.model is Situation:
            save_formset_through(
                formset, fields=["position", "question"],
                add=lambda v: services.situation_add(version=version, **v),
                update=lambda s, v: services.situation_update(situation=s, **v),
                remove=lambda s: services.situation_remove(situation=s))

    def delete_model(self, request, obj):
        services.item_version_discard(version=obj)

    def delete_queryset(self, request, queryset):
        for version in queryset:
            services.item_version_discard(version=version)

    @admin.action(description=_("Publish the selected drafts"))
    def publish(self, request, queryset):
        done = 0
        for version in queryset.select_related("item"):
            try:
                services.item_version_publish(version=version, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{version}: {error_text(exc)}", messages.ERROR)
        if done:
            text = ngettext("%d version published.", "%d versions published.", done) % done
            self.message_user(request, text, messages.SUCCESS)

    @admin.action(description=_("Create a new draft of the selected versions' items"))
    def new_draft(self, request, queryset):
        items = ServiceItem.objects.filter(pk__in=queryset.values("item_id"))
        create_drafts(self, request, items)

    @admin.action(description=_("Retire the selected versions today"))
    def retire(self, request, queryset):
        done = 0
        for version in queryset:
            try:
                services.item_version_retire(version=version, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{version}: {error_text(exc)}", messages.ERROR)
        if done:
            self.message_user(request, ngettext("%d version retired.", "%d versions retired.", done) % done,
                              messages.SUCCESS)


class SituationOptionForm(forms.ModelForm):
    class Meta:
        model = SituationOption
        fields = ["position", "label", "adds", "removes"]

    def clean(self):
        data = super().clean()
        if set(data.get("adds") or []) & set(data.get("removes") or []):
            self.add_error("removes", _("A material cannot be both added and removed by the same answer"))
        return data


class SituationOptionInline(DraftOnlyInline, admin.StackedInline):
    model = SituationOption
    form = SituationOptionForm
    fields = ["position", "label", "adds", "removes"]
    filter_horizontal = ["adds", "removes"]

    def has_change_permission(self, request, obj=None):
        return (obj is None or is_draft(obj.version)) and admin.StackedInline.has_change_permission(
            self, request, obj)

    def has_add_permission(self, request, obj=None):
        return obj is not None and is_draft(obj.version) and admin.StackedInline.has_add_permission(
            self, request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or is_draft(obj.version)) and admin.StackedInline.has_delete_permission(
            self, request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        self._situation = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Only materials of the situation's own version can be added or removed.
        situation = getattr(self, "_situation", None)
        kwargs["queryset"] = (Material.objects.filter(version_id=situation.version_id) if situation
                              else Material.objects.none())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Situation)
class SituationAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ["question", "version", "position"]
    list_select_related = ["version"]
    search_fields = ["question", "version__item__implementation_code"]
    fields = ["version", "position", "question"]
    readonly_fields = ["version"]
    inlines = [SituationOptionInline]

    def has_module_permission(self, request):
        return False  # reached from a version's page

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return (obj is None or is_draft(obj.version)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or is_draft(obj.version)) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        changed = {f: form.cleaned_data[f] for f in form.changed_data if f in ("position", "question")}
        if changed:
            services.situation_update(situation=obj, **changed)

    def save_formset(self, request, form, formset, change):
        situation = form.instance
        save_formset_through(
            formset, fields=["position", "label", "adds", "removes"],
            add=lambda v: services.situation_option_add(situation=situation, **v),
            update=lambda o, v: services.situation_option_update(option=o, **v),
            remove=lambda o: services.situation_option_remove(option=o))

    def delete_model(self, request, obj):
        services.situation_remove(situation=obj)
