"""Forms of the feedback pages (citizen and staff). Validation of meaning stays in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.feedback.config import all_tags, tag_label
from onewindow.feedback.models import ComplaintKind, Level


def _tag_choices():
    return [(code, tag_label(code)) for code in all_tags()]


class EvaluationForm(forms.Form):
    level = forms.TypedChoiceField(label=_("How satisfied are you?"), coerce=int, widget=forms.RadioSelect,
                                   choices=Level.choices)
    tags = forms.MultipleChoiceField(label=_("What stood out (optional)"), required=False,
                                     widget=forms.CheckboxSelectMultiple, choices=_tag_choices)
    text = forms.CharField(label=_("Comment (optional)"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    real_name = forms.BooleanField(label=_("Evaluate under my name (we may call you back)"), required=False)
    name = forms.CharField(label=_("Your name"), required=False, max_length=60)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)


class CaseEvaluationForm(EvaluationForm):
    verify = forms.CharField(label=_("Last 4 characters of the applicant's ID number or phone"),
                             required=False, max_length=4, min_length=4)


class HotlineEvaluationForm(EvaluationForm):
    case = forms.CharField(label=_("Case number"), required=False, max_length=40)
    event = forms.IntegerField(label=_("Service event number"), required=False, min_value=1, max_value=2**62)


class ComplaintForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=120)
    text = forms.CharField(label=_("What happened"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 6}))
    case = forms.CharField(label=_("Case number (optional)"), required=False, max_length=40)
    window: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Window (optional)"), required=False,
                                                              queryset=None)
    verify = forms.CharField(
        label=_("Last 4 characters of the applicant's ID number or phone (if you give a case)"),
        required=False, max_length=4)
    anonymous = forms.BooleanField(label=_("Stay anonymous (suggestions only)"), required=False)
    name = forms.CharField(label=_("Your name"), required=False, max_length=60)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)

    def __init__(self, *args, centre=None, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        from onewindow.network.models import Centre, Window

        windows = Window.objects.filter(active=True).select_related("centre")
        self.fields["window"].queryset = windows.filter(centre=centre) if centre else windows
        if kinds:
            self.fields["kind"] = forms.ChoiceField(
                label=_("Kind"), choices=[c for c in ComplaintKind.choices if c[0] in kinds])
            self.order_fields(["kind"])
        self.fields["centre"] = forms.ModelChoiceField(
            label=_("Service centre"), queryset=Centre.objects.filter(active=True), initial=centre)
        self.order_fields(["kind", "centre"])


class LoopActionForm(forms.Form):
    assignee = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    founded = forms.NullBooleanField(required=False)
    text = forms.CharField(required=False, max_length=4000)
    satisfaction = forms.IntegerField(required=False, min_value=1, max_value=5)
    rectify_days = forms.IntegerField(required=False, min_value=1, max_value=365)
