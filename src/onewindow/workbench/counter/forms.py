"""Forms of the counter. They check shape only (lengths, choices); identifiers, materials and every
case rule are checked by the services, whose errors the page shows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.cases.services import ApplicantIn, MaterialIn
from onewindow.cases.services.checklist import PROVIDED_VALUES

KIND_CHOICES = [("person", _("Natural person")), ("organisation", _("Organisation"))]
MAX_MATERIAL_LINES = 200


class IntakeForm(forms.Form):
    item = forms.CharField(max_length=40)
    kind = forms.ChoiceField(label=_("Applicant kind"), choices=KIND_CHOICES, initial="person")
    name = forms.CharField(label=_("Applicant name"), max_length=200)
    id_number = forms.CharField(label=_("ID number / unified social credit code"), max_length=18)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    outcome = forms.ChoiceField(choices=[(v, v) for v in ("accept", "notice", "refuse", "conclude")])
    reason = forms.CharField(label=_("Reason (for a refusal)"), max_length=500, required=False)
    ticket = forms.IntegerField(required=False, min_value=1, max_value=2**62)

    def applicant(self) -> ApplicantIn:
        d = self.cleaned_data
        return ApplicantIn(kind=d["kind"], name=d["name"],
                           id_type="resident_id" if d["kind"] == "person" else "uscc",
                           id_number=d["id_number"].strip().upper(), phone=d["phone"], address=d["address"])


def material_lines(data) -> list[MaterialIn]:
    """material_<id>=<original|copy|electronic|licence_library|missing> pairs of the checklist."""
    lines = []
    for key in list(data)[:MAX_MATERIAL_LINES * 3]:
        if not key.startswith("material_"):
            continue
        pk, provided = key.removeprefix("material_"), str(data.get(key) or "")
        if pk.isdigit() and len(pk) < 12 and provided in PROVIDED_VALUES:
            lines.append(MaterialIn(material=int(pk), provided=provided))
    return lines


def material_uploads(files) -> dict[int, object]:
    """scan_<material id> files (an input left empty is not sent at all)."""
    out = {}
    for key in files:
        pk = key.removeprefix("scan_")
        if key.startswith("scan_") and pk.isdigit() and len(pk) < 12:
            out[int(pk)] = files[key]
    return out
