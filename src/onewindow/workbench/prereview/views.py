"""The clerk's online pre-review (网上预审): the queue, one application with its files, and the two
outcomes — accept, or one one-time notice naming every missing or defective material. Thin: the
writes are cases.services.online.prereview_accept / prereview_notice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onewindow.cases.services.online import Defect, prereview_accept, prereview_notice
from onewindow.cases.states import CLERK
from onewindow.core.errors import DomainError, Forbidden, NotFound
from onewindow.core.permissions import acting_staff
from onewindow.network.models import Staff
from onewindow.workbench.prereview.selectors import prereview_attachment, prereview_case, prereview_queue


def _clerk(request: HttpRequest) -> Staff:
    try:
        return acting_staff(request.user, CLERK)
    except Forbidden:
        raise Http404 from None


def _text(exc: DomainError) -> str:
    return exc.message_en if translation.get_language() == "en" else exc.message


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    staff = _clerk(request)
    cases = list(prereview_queue(staff=staff)[:200])
    return render(request, "workbench/prereview/queue.html", {"cases": cases})


@login_required
@require_GET
def detail(request: HttpRequest, number: str) -> HttpResponse:
    staff = _clerk(request)
    try:
        case = prereview_case(staff=staff, number=number)
    except NotFound:
        raise Http404 from None
    files: dict[int, list] = {}
    for a in case.attachments.all():
        files.setdefault(a.case_material_id or 0, []).append(a)
    rows = [{"row": m, "files": files.get(m.pk, [])} for m in case.materials.all()]
    return render(request, "workbench/prereview/detail.html",
                  {"case": case, "rows": rows, "resubmitted": case.state == "supplement_required"})


@login_required
@require_POST
def accept(request: HttpRequest, number: str) -> HttpResponse:
    staff = _clerk(request)
    try:
        case = prereview_case(staff=staff, number=number)
        prereview_accept(case=case, by=staff)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, _text(exc))
        return redirect("workbench:prereview_case", number=number)
    messages.success(request, _("Case %(number)s accepted.") % {"number": case.number})
    return redirect("workbench:prereview")


@login_required
@require_POST
def notice(request: HttpRequest, number: str) -> HttpResponse:
    staff = _clerk(request)
    defects = []
    for raw in request.POST.getlist("defect"):
        if raw.isdigit():
            defects.append(Defect(material=int(raw), note=request.POST.get(f"note-{raw}", "")[:300]))
    try:
        case = prereview_case(staff=staff, number=number)
        prereview_notice(case=case, by=staff, defects=defects)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, _text(exc))
        return redirect("workbench:prereview_case", number=number)
    messages.success(request, _("One-time notice given for case %(number)s.") % {"number": case.number})
    return redirect("workbench:prereview")


@login_required
@require_GET
def attachment(request: HttpRequest, number: str, pk: int) -> FileResponse:
    staff = _clerk(request)
    found = prereview_attachment(staff=staff, number=number, attachment_id=pk)
    if found is None or not found.file:
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type, as_attachment=True,
                            filename=found.original_name or f"file-{found.pk}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
