"""Forms of the case actions. They only shape the input (types, lengths, choices); whether the move
is allowed, and what a reason must contain, is the services' decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Outcome
from onewindow.catalogue.models import SpecialProcedure


def _text(label, *, required: bool = False, max_length: int = 500, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ReviewForm(forms.Form):
    opinion = _text(_("Opinion"), required=True, max_length=2000)


class SuspendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Special procedure"), choices=SpecialProcedure.choices)
    reason = _text(_("Reason"), required=True)


class ResumeForm(forms.Form):
    result = _text(_("Result of the procedure"))


class ExtendForm(forms.Form):
    working_days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=60)
    reason = _text(_("Reason"), required=True)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=[(Outcome.APPROVE, _("Approve")),
                                                              (Outcome.DENY, _("Deny"))])
    opinion = _text(_("Opinion (required for a denial)"), max_length=2000)


class ReturnForm(forms.Form):
    reason = _text(_("Reason"), required=True)


class TaskDecideForm(DecideForm):
    task = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)


class MeetingForm(forms.Form):
    attendees = forms.CharField(label=_("Attendees (one per line or separated by commas)"), max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}))
    minutes = _text(_("Minutes"), required=True, max_length=10000, rows=5)

    def attendee_list(self) -> list[str]:
        raw = self.cleaned_data["attendees"].replace("，", ",").replace("、", ",").replace("\n", ",")
        return [name.strip() for name in raw.split(",") if name.strip()]


FORMS: dict[str, type[forms.Form]] = {
    "review": ReviewForm, "suspend": SuspendForm, "resume": ResumeForm, "extend": ExtendForm,
    "extension_request": ExtendForm, "decide": DecideForm, "return": ReturnForm,
    "task_decide": TaskDecideForm, "meeting": MeetingForm,
}
