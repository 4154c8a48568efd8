"""Staff pages of the feedback app: the loops (bad reviews and complaints) with their overdue steps,
one loop with its trail and the forms of its next steps (htmx), hotline evaluation entry and the
counter's complaint form. Scoped through feedback.selectors; another centre's record is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.forms import ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases.selectors import case_for
from onewindow.core.errors import DomainError, Forbidden, Invalid
from onewindow.core.permissions import acting_staff
from onewindow.core.timeutil import today
from onewindow.feedback import selectors as sel
from onewindow.feedback import services as svc
from onewindow.feedback.actions import loop_act
from onewindow.feedback.forms import ComplaintForm, HotlineEvaluationForm, LoopActionForm
from onewindow.feedback.models import ComplaintKind, EvaluationChannel, LoopStatus
from onewindow.feedback.models.loop import ComplaintSource
from onewindow.feedback.schemas import LoopActionIn
from onewindow.feedback.steps import allowed_actions, may_act_on
from onewindow.feedback.views import _fitting, error_text, level_tags
from onewindow.network.models import Centre, Staff


def _staff(request: HttpRequest) -> Staff:
    try:
        return acting_staff(request.user)
    except DomainError:
        raise Http404 from None


@login_required
def loops(request: HttpRequest) -> HttpResponse:
    staff = _staff(request)
    kind = request.GET.get("kind", "rectification")
    if kind not in sel.LOOP_MODELS:
        kind = "rectification"
    overdue = request.GET.get("overdue") == "1"
    status = request.GET.get("status", "")[:12]
    day = today()
    rows = sel.loop_list(staff=staff, kind=kind, status=status, overdue=overdue, day=day)
    items = [(r, sel.is_overdue(r, day=day)) for r in rows]
    return render(request, "feedback/staff/loops.html", {
        "kind": kind, "items": items, "overdue": overdue, "status": status, "statuses": LoopStatus.choices})


def _detail_context(staff: Staff, record, kind: str) -> dict:
    actions = [a for a in allowed_actions(record.status) if may_act_on(record, a, staff)]
    assignees = Staff.objects.filter(centre_id=record.centre_id).order_by("name") \
        if "assign" in actions else Staff.objects.none()
    return {"record": record, "kind": kind, "events": sel.loop_events(record), "actions": actions,
            "overdue": sel.is_overdue(record), "assignees": assignees, "levels": range(5, 0, -1)}


@login_required
def loop_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    staff = _staff(request)
    try:
        record = sel.loop_for(staff=staff, kind=kind, pk=min(pk, 2**62))
    except DomainError:
        raise Http404 from None
    return render(request, "feedback/staff/loop_detail.html", _detail_context(staff, record, kind))


@login_required
@require_POST
def loop_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """One step from the detail page; htmx gets the refreshed panel with a role=status confirmation."""
    staff = _staff(request)
    try:
        record = sel.loop_for(staff=staff, kind=kind, pk=min(pk, 2**62))
    except DomainError:
        raise Http404 from None
    form = LoopActionForm(request.POST)
    error, status = "", 200
    if not form.is_valid():
        error, status = str(Invalid("invalid", "请检查填写内容", "Please check the fields").message), 422
    else:
        try:
            record = loop_act(staff=staff, record=record, action=action[:20],
                              payload=LoopActionIn(**{k: v for k, v in form.cleaned_data.items()
                                                      if v not in (None, "")}))
        except DomainError as exc:
            error, status = error_text(exc), exc.status
    ctx = {**_detail_context(staff, record, kind), "error": error, "done": "" if error else action}
    template = "feedback/staff/_loop_panel.html" if request.headers.get("HX-Request") \
        else "feedback/staff/loop_detail.html"
    return render(request, template, ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hotline_new(request: HttpRequest) -> HttpResponse:
    """Hotline (12345) entry of an evaluation by staff, for a case or a service event of their scope."""
    staff = _staff(request)
    form = HotlineEvaluationForm(request.POST or None)
    ctx = {"form": form, "levels": level_tags(), "error": "", "done": None}
    if request.method == "GET" or not form.is_valid():
        return render(request, "feedback/staff/hotline.html", ctx,
                      status=200 if request.method == "GET" else 422)
    data = form.cleaned_data
    try:
        if bool(data["case"]) == bool(data["event"]):
            raise Invalid("evaluation_subject", "请填写办件编号或服务记录编号（仅一项）",
                          "Give a case number or a service event number (one of them)")
        case = case_for(staff=staff, number=data["case"]) if data["case"] else None
        event = sel.service_event_for(staff=staff, pk=data["event"]) if data["event"] else None
        ctx["done"] = svc.evaluation_submit(
            level=data["level"], channel=EvaluationChannel.HOTLINE, case=case, event=event,
            tags=_fitting(data["level"], data["tags"]),
            text=data["text"], real_name=data["real_name"], name=data["name"], phone=data["phone"],
            entered_by=staff)
        ctx["form"] = HotlineEvaluationForm()
    except DomainError as exc:
        ctx["error"] = error_text(exc)
        return render(request, "feedback/staff/hotline.html", ctx, status=exc.status)
    return render(request, "feedback/staff/hotline.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def counter_complaint_new(request: HttpRequest) -> HttpResponse:
    """The counter (or hotline) enters a complaint for a person at the window or on the phone."""
    staff = _staff(request)
    form = ComplaintForm(request.POST or None, centre=staff.centre, kinds=ComplaintKind.values,
                         initial={"centre": staff.centre, "case": request.GET.get("case", "")[:40]})
    centre_field = form.fields["centre"]
    assert isinstance(centre_field, ModelChoiceField)
    centre_field.queryset = Centre.objects.filter(pk=staff.centre_id)
    ctx = {"form": form, "error": ""}
    if request.method == "GET" or not form.is_valid():
        return render(request, "feedback/staff/complaint_new.html", ctx,
                      status=200 if request.method == "GET" else 422)
    data = form.cleaned_data
    try:
        case = case_for(staff=staff, number=data["case"]) if data["case"] else None
        complaint = svc.complaint_submit(
            kind=data["kind"], source=ComplaintSource.COUNTER, centre=staff.centre, subject=data["subject"],
            text=data["text"], case=case, window=data["window"], anonymous=data["anonymous"],
            name=data["name"], phone=data["phone"], entered_by=staff)
    except (DomainError, Forbidden) as exc:
        ctx["error"] = error_text(exc)
        return render(request, "feedback/staff/complaint_new.html", ctx, status=exc.status)
    return redirect(reverse("feedback:staff_loop", args=["complaint", complaint.pk]))
