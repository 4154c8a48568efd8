"""My cases: the list, one case (state, timeline, working-day clock, one-time notice, materials,
delivery, notices and licences), and the downloads. Every read is scoped by
cases/selectors_citizen.py: another person's number, notice, licence or file is a 404."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from onewindow.cases.clock import clock_figures
from onewindow.cases.selectors_citizen import (
    citizen_attachment_for,
    citizen_case_for,
    citizen_cases,
    citizen_licence_for,
    citizen_notice_for,
    zero_visit,
)
from onewindow.cases.services.online import DELIVERY_OPEN_STATES, ONLINE_WITHDRAW_STATES, UPLOAD_STATES
from onewindow.cases.states import State
from onewindow.core.errors import NotFound
from onewindow.core.permissions import authenticated_user
from onewindow.core.timeutil import today
from onewindow.portal.citizen.common import citizen_login_required
from onewindow.portal.citizen.selectors import citizen_link

# What the timeline says for each recorded move (the citizen's words, not the back office's).
ACTION_LABELS = {
    "draft": _("Draft saved"), "submit": _("Submitted online"), "receive": _("Received"),
    "notice": _("One-time notice of missing materials"), "supplement": _("Supplement"),
    "accept": _("Accepted"), "deemed_accept": _("Accepted (no notice within the time limit)"),
    "refuse": _("Not accepted"), "out_of_remit": _("Not this body's remit"), "withdraw": _("Withdrawn"),
    "assign": _("Assigned for review"), "review": _("Under review"),
    "suspend": _("Special procedure (paused)"),
    "resume": _("Review resumed"), "extend": _("Time limit extended"), "decide": _("Decided"),
    "task_assign": _("Joint review"), "task_decide": _("Joint review"), "meeting": _("Joint review meeting"),
    "escalate": _("Forwarded to the higher level"), "return": _("Returned"), "attach": _("File added"),
    "pay": _("Fee paid"), "issue": _("Result issued"), "deliver": _("Result delivered"),
    "conclude": _("Concluded"),
}
CONCLUDED_STATES = frozenset({State.CONCLUDED, State.DELIVERED})


@never_cache
@citizen_login_required
@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    cases = list(citizen_cases(user=user, state=state)[:200])
    return render(request, "portal/citizen/my_cases.html",
                  {"cases": cases, "state": state, "states": State.choices})


@never_cache
@citizen_login_required
@require_GET
def my_case(request: HttpRequest, number: str) -> HttpResponse:
    user = authenticated_user(request)
    try:
        case = citizen_case_for(user=user, number=number)
    except NotFound:
        raise Http404 from None
    events = list(case.events.all())
    materials = list(case.materials.all())
    files: dict[int, list] = {}
    for a in case.attachments.all():
        files.setdefault(a.case_material_id or 0, []).append(a)
    rows = [{"row": m, "files": files.get(m.pk, [])} for m in materials]
    notified = {m["material"] for m in case.missing or []}
    clock = clock_figures(case=case, suspensions=list(case.suspensions.all()), today=today())
    context = {
        "case": case, "link": citizen_link(case=case), "rows": rows,
        "timeline": [{"event": e, "label": ACTION_LABELS.get(e.action, e.action)} for e in events
                     if e.action != "attach"],
        "clock": clock, "notified": notified,
        "notices": list(case.notices.filter(status="ready").order_by("id")),
        "licences": list(case.licences.order_by("id")),
        "can_upload": case.state in UPLOAD_STATES, "can_submit": case.state == State.DRAFT,
        "can_resubmit": case.state == State.SUPPLEMENT_REQUIRED,
        "can_withdraw": case.state in ONLINE_WITHDRAW_STATES,
        "can_choose_delivery": case.state in DELIVERY_OPEN_STATES,
        "zero_visit": zero_visit(case.item_version),
        "concluded": case.state in CONCLUDED_STATES,
        "one_time_notice": case.state == State.SUPPLEMENT_REQUIRED and case.one_time_notice_at is not None,
    }
    return render(request, "portal/citizen/my_case.html", context)


def _file(fieldfile, *, content_type: str, filename: str) -> FileResponse:
    response = FileResponse(fieldfile.open("rb"), content_type=content_type, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_login_required
@require_GET
def notice_download(request: HttpRequest, number: str, pk: int) -> FileResponse:
    try:
        notice = citizen_notice_for(user=authenticated_user(request), number=number, notice_id=pk)
    except NotFound:
        raise Http404 from None
    return _file(notice.file, content_type="application/pdf",
                 filename=f"{notice.case.number}-{notice.kind}.pdf")


@citizen_login_required
@require_GET
def licence_download(request: HttpRequest, number: str, pk: int) -> FileResponse:
    try:
        licence = citizen_licence_for(user=authenticated_user(request), number=number, licence_id=pk)
    except NotFound:
        raise Http404 from None
    return _file(licence.pdf, content_type="application/pdf", filename=f"{licence.identifier}.pdf")


@citizen_login_required
@require_GET
def attachment_download(request: HttpRequest, number: str, pk: int) -> FileResponse:
    try:
        attachment = citizen_attachment_for(user=authenticated_user(request), number=number, attachment_id=pk)
    except NotFound:
        raise Http404 from None
    # Served as a download (attachment), never rendered inline from our origin.
    response = _file(attachment.file, content_type=attachment.content_type,
                     filename=attachment.original_name or f"file-{attachment.pk}")
    response["Content-Disposition"] = response["Content-Disposition"].replace("inline", "attachment")
    return response
