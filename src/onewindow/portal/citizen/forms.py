"""Forms of the citizen account pages: few fields, large controls, autocomplete hints (适老化)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

PHONE_ATTRS = {"autocomplete": "tel", "inputmode": "tel", "spellcheck": "false"}
CODE_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Mobile phone or username"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username",
                                                             "spellcheck": "false"}))
    password = forms.CharField(label=_("Password"), max_length=4096, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class SmsLoginForm(forms.Form):
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, widget=forms.TextInput(attrs=PHONE_ATTRS))
    code = forms.RegexField(label=_("SMS code"), regex=r"^\d{6}$", max_length=6,
                            error_messages={"invalid": _("Enter the 6 digits of the SMS.")},
                            widget=forms.TextInput(attrs=CODE_ATTRS))


class SmsSendForm(forms.Form):
    phone = forms.CharField(label=_("Mobile phone"), max_length=20)
    purpose = forms.ChoiceField(choices=[("login", "login"), ("register", "register")])


class RegisterForm(forms.Form):
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, widget=forms.TextInput(attrs=PHONE_ATTRS))
    code = forms.RegexField(label=_("SMS code"), regex=r"^\d{6}$", max_length=6,
                            error_messages={"invalid": _("Enter the 6 digits of the SMS.")},
                            widget=forms.TextInput(attrs=CODE_ATTRS))
    name = forms.CharField(label=_("Real name"), max_length=60,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(label=_("Resident ID number"), max_length=18,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    password = forms.CharField(label=_("Password (at least 10 characters)"), max_length=4096, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), max_length=4096, strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class OrganisationForm(forms.Form):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=18,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    name = forms.CharField(label=_("Organisation name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    legal_rep_name = forms.CharField(label=_("Legal representative"), max_length=60)
    legal_rep_id_number = forms.CharField(label=_("Legal representative's resident ID number"), max_length=18,
                                          widget=forms.TextInput(attrs={"autocomplete": "off"}))


class MemberForm(forms.Form):
    phone = forms.CharField(label=_("Member's mobile phone (registered)"), max_length=20,
                            widget=forms.TextInput(attrs=PHONE_ATTRS))
    role = forms.ChoiceField(label=_("Role"),
                             choices=[("member", _("Member")), ("admin", _("Administrator"))])


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("How you receive the result"), widget=forms.RadioSelect,
                               choices=[("pickup", _("Pick up at the issuing window")),
                                        ("mail", _("By mail")), ("download", _("E-licence download"))])
    address = forms.CharField(label=_("Mailing address (for mail)"), max_length=200, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawing"), max_length=500)


class UploadForm(forms.Form):
    material = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    file = forms.FileField(label=_("File (PDF, JPEG, PNG or OFD)"))
