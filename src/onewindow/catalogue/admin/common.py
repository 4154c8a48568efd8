"""Shared admin plumbing: service errors as messages, rule errors on forms, inline formsets saved
through services, draft-only inlines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import get_language, ngettext

from onewindow.catalogue import services
from onewindow.catalogue.models import VersionStatus
from onewindow.catalogue.services.rules import FieldError
from onewindow.core.errors import DomainError


def _text(message: str, message_en: str) -> str:
    return message if (get_language() or "zh").startswith("zh") else message_en


def error_text(exc: DomainError) -> str:
    return _text(exc.message, exc.message_en)


def add_field_errors(form: forms.BaseForm, errors: list[FieldError]) -> None:
    """Put rule errors next to their fields (or on the form when the field is not shown)."""
    for e in errors:
        field = e.field if e.field in form.fields else None
        if field is not None and field in form.errors:
            continue
        form.add_error(field, _text(e.message, e.message_en))


class ServiceErrorsMixin:
    """A service refusing a save rolls back the admin's transaction and is shown as a message."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def auto_position(values: dict[str, Any]) -> dict[str, Any]:
    """A new inline row left at position 0 goes after the last one (the service picks it)."""
    if not values.get("position"):
        values = {k: v for k, v in values.items() if k != "position"}
    return values


def save_formset_through(formset, *, add, update, remove, fields: list[str]) -> None:
    """Apply an inline formset with service calls instead of formset.save()."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    deleted = set(formset.deleted_forms)
    for form in formset.deleted_forms:
        if form.instance.pk:
            remove(form.instance)
            formset.deleted_objects.append(form.instance)
    for form in formset.forms:
        if form in deleted or not form.has_changed():
            continue
        values = {f: form.cleaned_data[f] for f in fields if f in form.cleaned_data}
        if form.instance.pk:
            changed = [f for f in form.changed_data if f in fields]
            if changed:
                update(form.instance, {f: values[f] for f in changed})
                formset.changed_objects.append((form.instance, changed))
        else:
            formset.new_objects.append(add(auto_position(values)))



def create_drafts(model_admin, request, items) -> None:
    done = 0
    for item in items:
        try:
            services.item_version_create_draft(item=item, by=request.user)
            done += 1
        except DomainError as exc:
            model_admin.message_user(request, f"{item}: {error_text(exc)}", messages.ERROR)
    if done:
        model_admin.message_user(request, ngettext("%d draft created.", "%d drafts created.", done) % done,
                                 messages.SUCCESS)


def is_draft(version) -> bool:
    return version is None or version.status == VersionStatus.DRAFT


class DraftOnlyInline:
    """Inlines of a version: editable on drafts, read-only on published or retired versions."""

    extra = 0

    def has_change_permission(self, request, obj=None):
        return is_draft(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return obj is not None and is_draft(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_draft(obj) and super().has_delete_permission(request, obj)
