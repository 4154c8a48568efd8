"""Delegations, the guide-review log and bundle components."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onewindow.catalogue import services
from onewindow.catalogue.admin.common import ServiceErrorsMixin, add_field_errors, error_text
from onewindow.catalogue.models import (
    BundleComponent,
    Delegation,
    GuideReview,
)
from onewindow.catalogue.services.delegations import delegation_errors
from onewindow.core.errors import DomainError
from onewindow.core.timeutil import today

# --- delegations, reviews, bundles ----------------------------------------------------------------

class DelegationAddForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ["item", "to_centre", "valid_from", "valid_to", "document_no"]

    def clean(self):
        data = super().clean()
        if data.get("item") and data.get("to_centre") and data.get("valid_from"):
            add_field_errors(self, delegation_errors(
                item=data["item"], to_centre=data["to_centre"], valid_from=data["valid_from"],
                valid_to=data.get("valid_to"), document_no=data.get("document_no", "")))
        return data

    def validate_unique(self):
        pass  # a revoked delegation is re-granted by the service, not duplicated


@admin.register(Delegation)
class DelegationAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ["item", "to_centre", "valid_from", "valid_to", "document_no", "revoked"]
    list_filter = ["revoked", "to_centre"]
    list_select_related = ["item", "to_centre"]
    search_fields = ["item__name", "item__implementation_code", "to_centre__name", "document_no"]
    autocomplete_fields = ["item"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = DelegationAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        base = ["item", "to_centre", "valid_from", "valid_to", "document_no"]
        if obj is None:
            return base
        return [*base, "revoked", "granted_at", "granted_by", "revoked_at", "revoked_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        audit = ["item", "to_centre", "revoked", "granted_at", "granted_by", "revoked_at", "revoked_by"]
        return [*audit, "valid_from", "valid_to", "document_no"] if obj.revoked else audit

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record shows what a township could do and when

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.delegation_update(delegation=obj, valid_from=data["valid_from"],
                                       valid_to=data.get("valid_to"), document_no=data.get("document_no", ""))
            return
        granted = services.delegation_grant(item=data["item"], to_centre=data["to_centre"],
                                            valid_from=data["valid_from"], valid_to=data.get("valid_to"),
                                            document_no=data.get("document_no", ""), by=request.user)
        obj.pk = granted.pk
        obj.refresh_from_db()

    @admin.action(description=_("Revoke the selected delegations"))
    def revoke(self, request, queryset):
        done = 0
        for delegation in queryset:
            try:
                services.delegation_revoke(delegation=delegation, by=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{delegation}: {error_text(exc)}", messages.ERROR)
        if done:
            text = ngettext("%d delegation revoked.", "%d delegations revoked.", done) % done
            self.message_user(request, text, messages.SUCCESS)


class GuideReviewForm(forms.ModelForm):
    class Meta:
        model = GuideReview
        fields = ["item", "reviewed_on", "outcome", "note"]

    def _post_clean(self):
        super()._post_clean()
        if self.instance.reviewed_on and self.instance.reviewed_on > today():
            self.add_error("reviewed_on", _("The review date cannot be in the future"))


@admin.register(GuideReview)
class GuideReviewAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    form = GuideReviewForm
    list_display = ["item", "reviewed_on", "reviewer", "outcome", "note"]
    list_filter = ["outcome", "reviewed_on"]
    list_select_related = ["item", "reviewer"]
    search_fields = ["item__name", "item__implementation_code", "note"]
    date_hierarchy = "reviewed_on"
    autocomplete_fields = ["item"]

    def get_fields(self, request, obj=None):
        return ["item", "reviewed_on", "outcome", "note"] + (["reviewer"] if obj else [])

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # a log: entries never change

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        review = services.guide_review_record(item=data["item"], reviewed_on=data["reviewed_on"],
                                              reviewer=request.user, outcome=data["outcome"],
                                              note=data.get("note", ""))
        obj.pk = review.pk
        obj.refresh_from_db()


@admin.register(BundleComponent)
class BundleComponentAdmin(admin.ModelAdmin):
    """Read-only list; a bundle's components are set on the bundle item's page (one service call
    checks the whole set)."""

    list_display = ["bundle", "component", "is_lead", "position"]
    list_filter = ["is_lead"]
    list_select_related = ["bundle", "component"]
    search_fields = ["bundle__name", "bundle__implementation_code", "component__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
