"""Forms of the public pages: few fields, large controls, Chinese labels (适老化)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# A case number is digits and letters; the verification is the last 4 of an ID number or phone.
NUMBER_PATTERN = r"^[0-9A-Za-z\-]{6,40}$"


class UnechoedInput(forms.TextInput):
    """A text box that never writes its value back into the page (the 4 verification characters)."""

    def format_value(self, value):
        return None


class ProgressForm(forms.Form):
    number = forms.RegexField(label=_("Case number"), regex=NUMBER_PATTERN, max_length=40,
                              error_messages={"invalid": _("Enter the case number printed on your receipt.")},
                              widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text",
                                                            "spellcheck": "false"}))
    verify = forms.RegexField(label=_("Last 4 characters of the applicant's ID number or phone"),
                              regex=r"^[0-9Xx]{4}$", min_length=4, max_length=4,
                              error_messages={"invalid": _("Enter 4 digits (or X).")},
                              widget=UnechoedInput(attrs={"autocomplete": "off", "inputmode": "text"}))


class BookingForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    day = forms.DateField(widget=forms.HiddenInput)
    start = forms.TimeField(label=_("Time slot"))
    name = forms.CharField(label=_("Name"), max_length=60,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Mobile phone"), max_length=20,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    id_number = forms.CharField(label=_("Resident ID number (optional)"), max_length=18, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))


class ManageForm(forms.Form):
    code = forms.CharField(label=_("Booking code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    phone = forms.CharField(label=_("Mobile phone used for the booking"), max_length=20,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))


class RescheduleForm(ManageForm):
    day = forms.DateField(label=_("New day"))
    start = forms.TimeField(label=_("New time slot"))
