"""Forms of the public kiosk (big buttons, few fields: 适老化)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.queueing.models import PriorityReason
from onewindow.queueing.services.tickets import SELF_DECLARED

SELF_DECLARED_CHOICES = [(v, label) for v, label in PriorityReason.choices if v in SELF_DECLARED]


class KioskTicketForm(forms.Form):
    line = forms.CharField(max_length=30)
    priority = forms.MultipleChoiceField(
        label=_("Green channel"),
        choices=SELF_DECLARED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    id_number = forms.CharField(
        label=_("Resident ID number (aged 70 or over: green channel)"), max_length=18, required=False
    )


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Booking code"), max_length=200)

    def clean_code(self) -> str:
        # A scanner may read the whole QR content (the appointment page URL): keep its last segment.
        return self.cleaned_data["code"].strip().rstrip("/").rsplit("/", 1)[-1][:14]
