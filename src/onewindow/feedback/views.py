"""Citizen-side feedback pages: the window evaluator (a tablet facing the citizen), the evaluation of
a case, the SMS link, and the complaint / "couldn't get it done" forms. Staff pages: views_staff.py."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from onewindow.core.errors import DomainError, NotFound
from onewindow.core.timeutil import now
from onewindow.feedback import services as svc
from onewindow.feedback.access import case_for_evaluation, case_of_citizen
from onewindow.feedback.config import limit, tag_label, tags_for
from onewindow.feedback.forms import CaseEvaluationForm, ComplaintForm, EvaluationForm
from onewindow.feedback.models import Complaint, ComplaintKind, EvaluationChannel, Level
from onewindow.feedback.models.loop import ComplaintSource
from onewindow.network.models import Centre, Window


def error_text(exc: DomainError) -> str:
    return exc.message if (get_language() or "zh-hans").startswith("zh") else exc.message_en


def _fitting(level: int, tags) -> list[str]:
    """Citizens' forms show every tag; keep the ones that fit the chosen level (the API is strict)."""
    allowed = tags_for(level)
    return [t for t in tags if t in allowed]


def level_tags() -> list[tuple[int, object, list[tuple[str, str]]]]:
    """For the forms: each level with its label and the tags that fit it."""
    return [(value, label, [(t, tag_label(t)) for t in tags_for(value)]) for value, label in Level.choices]


# --- the window evaluator -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def window_evaluator(request: HttpRequest, window_id: int) -> HttpResponse:
    """The last service at this window, five big buttons; one press is one evaluation. Only events of
    the last ONEWINDOW_FEEDBACK_WINDOW_MINUTES are offered, so the device cannot rate old visits."""
    window = Window.objects.filter(pk=window_id, active=True).select_related("centre", "department").first()
    if window is None:
        raise Http404
    since = now() - dt.timedelta(minutes=limit("ONEWINDOW_FEEDBACK_WINDOW_MINUTES"))
    event = svc.window_last_event(window=window, since=since)
    done = event is not None and hasattr(event, "evaluation")
    context = {"window": window, "event": event, "done": done, "levels": Level.choices, "thanks": False,
               "error": ""}
    status = 200
    if request.method == "POST":
        try:
            level = int(request.POST.get("level", ""))
            if event is None or str(event.pk) != request.POST.get("event"):
                raise NotFound("service_event_not_found", "没有可评价的服务", "No service to evaluate")
            svc.evaluation_submit(level=level, channel=EvaluationChannel.WINDOW, event=event,
                                  tags=_fitting(level, request.POST.getlist("tags")))
            context.update(thanks=True, done=True)
        except ValueError:
            context["error"], status = str(_invalid_level()), 422
        except DomainError as exc:
            context["error"], status = error_text(exc), exc.status
    return render(request, "feedback/window.html", context, status=status)


def _invalid_level():
    from django.utils.translation import gettext

    return gettext("Please choose one of the five levels.")


# --- evaluation of a case (web) and through the SMS link -------------------------------------------


def _evaluation_page(request, *, template_context: dict, form, status: int = 200) -> HttpResponse:
    return render(request, "feedback/evaluate.html",
                  {"form": form, "levels": level_tags(), **template_context}, status=status)


@require_http_methods(["GET", "POST"])
def evaluate_case(request: HttpRequest, number: str) -> HttpResponse:
    """一事一评: the citizen evaluates one case. A citizen account that owns the case goes straight
    to the form; anyone else proves it with the last 4 characters of the ID number or phone."""
    number = number[:40]
    own = case_of_citizen(user=request.user, number=number)
    ctx = {"number": number, "needs_verify": own is None, "action": request.path, "error": ""}
    form = CaseEvaluationForm(request.POST or None)
    if request.method == "GET":
        return _evaluation_page(request, template_context=ctx, form=form)
    if not form.is_valid():
        return _evaluation_page(request, template_context=ctx, form=form, status=422)
    data = form.cleaned_data
    try:
        case = case_for_evaluation(number=number, user=request.user, verify=data["verify"])
        svc.evaluation_submit(level=data["level"], channel=EvaluationChannel.WEB, case=case,
                              tags=_fitting(data["level"], data["tags"]), text=data["text"],
                              real_name=data["real_name"], name=data["name"],
                              phone=data["phone"] or getattr(request.user, "phone", ""), user=request.user)
    except DomainError as exc:
        ctx["error"] = error_text(exc)
        return _evaluation_page(request, template_context=ctx, form=form, status=exc.status)
    return render(request, "feedback/thanks.html", {"number": number})


@require_http_methods(["GET", "POST"])
def evaluate_token(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the SMS link: works once, until it expires."""
    try:
        invite = svc.invite_check(token=token[:100])
    except DomainError as exc:
        return render(request, "feedback/link_problem.html", {"error": error_text(exc), "code": exc.code},
                      status=exc.status)
    what = invite.case.number if invite.case else (invite.event.label if invite.event else "")
    ctx = {"number": what, "needs_verify": False, "action": request.path, "error": ""}
    form = EvaluationForm(request.POST or None)
    if request.method == "GET":
        return _evaluation_page(request, template_context=ctx, form=form)
    if not form.is_valid():
        return _evaluation_page(request, template_context=ctx, form=form, status=422)
    data = form.cleaned_data
    try:
        svc.evaluation_submit_with_token(token=token[:100], level=data["level"],
                                         tags=_fitting(data["level"], data["tags"]),
                                         text=data["text"], real_name=data["real_name"], name=data["name"])
    except DomainError as exc:
        ctx["error"] = error_text(exc)
        return _evaluation_page(request, template_context=ctx, form=form, status=exc.status)
    return render(request, "feedback/thanks.html", {"number": what})


# --- complaints from the portal ----------------------------------------------------------------------


PORTAL_KINDS = (ComplaintKind.COMPLAINT, ComplaintKind.REPORT, ComplaintKind.SUGGESTION)


def _complaint_page(request: HttpRequest, *, kinds, fixed_kind: str | None, title: str) -> HttpResponse:
    number = (request.GET.get("case") or request.POST.get("case") or "")[:40]
    own = case_of_citizen(user=request.user, number=number) if number else None
    centre_id = _int(request.GET.get("centre"))
    centre = own.centre if own else (Centre.objects.filter(pk=centre_id).first() if centre_id else None)
    initial = {"case": number, "centre": centre}
    form = ComplaintForm(request.POST or None, initial=initial, centre=centre, kinds=kinds)
    ctx = {"form": form, "title": title, "error": "", "needs_verify": own is None}
    if request.method == "GET" or not form.is_valid():
        return render(request, "feedback/complaint_form.html", ctx,
                      status=200 if request.method == "GET" else 422)
    data = form.cleaned_data
    try:
        case = None
        if data["case"]:
            case = case_for_evaluation(number=data["case"], user=request.user, verify=data["verify"])
        user = request.user if request.user.is_authenticated else None
        complaint = svc.complaint_submit(
            kind=fixed_kind or data["kind"], source=ComplaintSource.PORTAL, centre=data["centre"],
            subject=data["subject"], text=data["text"], case=case, window=data["window"],
            anonymous=data["anonymous"], name=data["name"],
            phone=data["phone"] or (getattr(user, "phone", "") if user else ""), user=user)
    except DomainError as exc:
        ctx["error"] = error_text(exc)
        return render(request, "feedback/complaint_form.html", ctx, status=exc.status)
    return redirect(reverse("feedback:complaint_status", args=[complaint.reference]))


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext

    return _complaint_page(request, kinds=PORTAL_KINDS, fixed_kind=None,
                           title=gettext("Complaints and suggestions"))


@require_http_methods(["GET", "POST"])
def cannot_do_new(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext

    return _complaint_page(request, kinds=None, fixed_kind=ComplaintKind.CANNOT_DO,
                           title=gettext("Couldn't get it done? Tell us"))


@require_http_methods(["GET", "POST"])
def complaint_status(request: HttpRequest, reference: str) -> HttpResponse:
    """The complainant's page (the reference is unguessable): status, deadline, the reply; once
    answered, rate the handling (1–5) or appeal a closed matter."""
    complaint = Complaint.objects.filter(reference=reference[:20]).select_related("centre").first()
    if complaint is None:
        raise Http404
    ctx = {"complaint": complaint, "error": "", "done": "", "levels": Level.choices}
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "rate":
                complaint = svc.loop_rate(record=complaint,
                                          satisfaction=_int(request.POST.get("satisfaction")) or 0)
            elif request.POST.get("action") == "appeal":
                complaint = svc.loop_appeal(record=complaint, reason=request.POST.get("reason", "")[:4000])
            else:
                raise NotFound("unknown_action", "未知操作", "Unknown action")
            ctx.update(complaint=complaint, done=request.POST["action"])
        except DomainError as exc:
            ctx["error"], status = error_text(exc), exc.status
    return render(request, "feedback/complaint_status.html", ctx, status=status)
