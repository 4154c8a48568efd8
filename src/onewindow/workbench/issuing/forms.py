"""The delivery form of the issuing window: one set of fields per method; only the chosen method's
fields reach the service (the licence library checks them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

METHOD_CHOICES = [("pickup", _("Pickup at the window")), ("mail", _("Express mail")),
                  ("locker", _("24-hour locker"))]
ID_TYPE_CHOICES = [("resident_id", _("Resident ID")), ("passport", _("Passport")),
                   ("other", _("Other document"))]


class DeliverForm(forms.Form):
    method = forms.ChoiceField(label=_("Delivery"), choices=METHOD_CHOICES)
    # pickup: the collector's identity document, checked by the issuing clerk
    recipient_name = forms.CharField(label=_("Collector's name"), max_length=200, required=False)
    id_type = forms.ChoiceField(label=_("Document checked"), choices=ID_TYPE_CHOICES, required=False)
    id_number = forms.CharField(label=_("Document number"), max_length=18, required=False)
    agent_letter = forms.BooleanField(label=_("Collected by an agent with a letter of authorisation"),
                                      required=False)
    # mail
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    carrier = forms.CharField(label=_("Carrier"), max_length=40, required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40, required=False)
    mail_recipient = forms.CharField(label=_("Addressee"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    # locker
    locker = forms.CharField(label=_("Locker cell"), max_length=40, required=False)
    hours = forms.IntegerField(label=_("Code valid for (hours)"), min_value=1, max_value=168, required=False)

    def detail(self) -> dict[str, Any]:
        d = self.cleaned_data
        method = d["method"]
        if method == "pickup":
            out: dict[str, Any] = {"recipient_name": d["recipient_name"],
                                   "id_type": d["id_type"] or "resident_id",
                                   "id_number": d["id_number"].strip().upper()}
            if d["agent_letter"]:
                out["agent_letter"] = True
            return out
        if method == "mail":
            return {"address": d["address"], "carrier": d["carrier"], "tracking_number": d["tracking_number"],
                    "recipient_name": d["mail_recipient"], "phone": d["phone"]}
        out = {"locker": d["locker"]}
        if d["hours"]:
            out["hours"] = d["hours"]
        return out


class ReceiptForm(forms.Form):
    receipt = forms.CharField(label=_("Signed for by / proof number"), max_length=200)
