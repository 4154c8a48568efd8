"""The counter (前台综合受理) at /workbench/counter/: thin views — validate, call a service, render.

Every action answers in the page through htmx (a partial with a role="status" confirmation) and
also works as a plain form post (then it redirects to the case's counter page)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onewindow.cases.states import State
from onewindow.core.errors import Invalid
from onewindow.network.models import Role
from onewindow.queueing import services as queue
from onewindow.queueing.selectors import ticket_for_staff
from onewindow.workbench.counter import selectors as sel
from onewindow.workbench.counter.common import is_htmx, staff_required
from onewindow.workbench.counter.forms import IntakeForm, material_lines, material_uploads
from onewindow.workbench.counter.services import counter_intake, counter_supplement

clerk_required = staff_required(Role.CLERK)


def _side(staff) -> dict:
    return {"today": list(sel.my_counter_today(staff=staff)),
            "supplements": list(sel.my_supplements(staff=staff))}


@require_GET
@clerk_required
def counter(request: HttpRequest, staff) -> HttpResponse:
    """The counter: the window's ticket, item search, the intake form of the chosen item, my day."""
    q = request.GET.get("q", "")[:100]
    code = request.GET.get("item", "")[:40]
    form = sel.intake_form(staff=staff, code=code, answers=sel.parse_answers(request.GET)) if code else None
    return render(request, "workbench/counter/page.html", {
        "staff": staff, "ticket": sel.window_ticket(staff=staff), "q": q,
        "items": sel.item_search(staff=staff, q=q) if q else [], "form": form, **_side(staff)})


@require_GET
@clerk_required
def items(request: HttpRequest, staff) -> HttpResponse:
    """htmx live search: name, code or pinyin initials."""
    q = request.GET.get("q", "")[:100]
    return render(request, "workbench/counter/_items.html",
                  {"q": q, "items": sel.item_search(staff=staff, q=q)})


@require_GET
@clerk_required
def intake_form(request: HttpRequest, staff) -> HttpResponse:
    """The intake form of one item; with situation answers, only its material list (htmx target)."""
    chosen = {line.material: line.provided for line in material_lines(request.GET)}
    form = sel.intake_form(staff=staff, code=request.GET.get("item", ""),
                           answers=sel.parse_answers(request.GET), chosen=chosen)
    template = ("workbench/counter/_materials.html" if request.GET.get("part") == "materials"
                else "workbench/counter/_intake_form.html")
    ticket = sel.window_ticket(staff=staff)
    return render(request, template, {"form": form, "ticket": ticket})


@require_GET
@clerk_required
def id_check(request: HttpRequest, staff) -> HttpResponse:
    kind = request.GET.get("kind", "person")
    check = sel.id_check(kind="organisation" if kind == "organisation" else "person",
                         number=request.GET.get("id_number", ""), language=get_language() or "zh-hans")
    return render(request, "workbench/counter/_id_check.html", {"check": check})


@require_POST
@clerk_required
def intake(request: HttpRequest, staff) -> HttpResponse:
    form = IntakeForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f if f in form.fields else f}: "
                           + " ".join(str(m) for m in e) for f, e in form.errors.items())
        raise Invalid("invalid_form", f"表单有误：{errors}", f"Please correct the form: {errors}")
    ticket = None
    if form.cleaned_data["ticket"]:
        ticket = ticket_for_staff(staff=staff, ticket_id=form.cleaned_data["ticket"])
    result = counter_intake(
        by=staff, outcome=form.cleaned_data["outcome"], item_code=form.cleaned_data["item"],
        applicant=form.applicant(), materials=material_lines(request.POST),
        situation_answers=sel.parse_answers(request.POST), uploads=material_uploads(request.FILES),
        reason=form.cleaned_data["reason"], ticket=ticket)
    if not is_htmx(request):
        messages.success(request, _("Case %(number)s saved.") % {"number": result.case.number})
        return redirect("workbench:counter_case", number=result.case.number)
    view = sel.counter_case(staff=staff, number=result.case.number)
    return render(request, "workbench/counter/_result.html",
                  {"view": view, "case": view.case, "result": result, **_side(staff)})


@require_GET
@clerk_required
def today(request: HttpRequest, staff) -> HttpResponse:
    return render(request, "workbench/counter/_today.html", _side(staff))


@require_POST
@clerk_required
def call_next(request: HttpRequest, staff) -> HttpResponse:
    """Call the next ticket to the clerk's window (the board announces it)."""
    if staff.window is None:
        raise Invalid("no_window", "您没有分配窗口", "You have no window")
    ticket = queue.ticket_call_next(window=staff.window, by=staff)
    return _ticket_answer(request, staff, _("Ticket %(number)s called.") % {"number": ticket.number})


@require_POST
@clerk_required
def ticket_serve(request: HttpRequest, staff, ticket_id: int) -> HttpResponse:
    """The called applicant is at the window: service starts (and so does the intake)."""
    ticket = queue.ticket_serve_start(ticket=ticket_for_staff(staff=staff, ticket_id=ticket_id), by=staff)
    return _ticket_answer(request, staff, _("Serving ticket %(number)s.") % {"number": ticket.number})


def _ticket_answer(request: HttpRequest, staff, text: str) -> HttpResponse:
    if not is_htmx(request):
        messages.success(request, text)
        return redirect("workbench:counter")
    return render(request, "workbench/counter/_ticket.html",
                  {"ticket": sel.window_ticket(staff=staff), "staff": staff, "confirmation": text})


@require_GET
@clerk_required
def case_page(request: HttpRequest, staff, number: str) -> HttpResponse:
    """One case at the counter: first-contact owner, checklist, notices, scans; resume a supplement."""
    view = sel.counter_case(staff=staff, number=number)
    return render(request, "workbench/counter/case.html", {"view": view, "case": view.case, "staff": staff})


@require_GET
@clerk_required
def notices(request: HttpRequest, staff, number: str) -> HttpResponse:
    """The case's notices; the answer of an intake polls this until the PDFs are rendered."""
    view = sel.counter_case(staff=staff, number=number)
    return render(request, "workbench/counter/_notices.html", {"view": view, "case": view.case})


@require_POST
@clerk_required
def supplement(request: HttpRequest, staff, number: str) -> HttpResponse:
    """The applicant brought what the one-time notice listed: complete → accepted (supplement → accept)."""
    view = sel.counter_case(staff=staff, number=number)
    case = counter_supplement(by=staff, case=view.case, materials=material_lines(request.POST),
                              uploads=material_uploads(request.FILES))
    if case.state == State.ACCEPTED:
        text = _("Case %(number)s is complete and accepted.") % {"number": case.number}
    else:
        text = _("Supplement recorded; materials are still missing.")
    if not is_htmx(request):
        messages.success(request, text)
        return redirect("workbench:counter_case", number=case.number)
    view = sel.counter_case(staff=staff, number=case.number)
    return render(request, "workbench/counter/_case_body.html",
                  {"view": view, "case": view.case, "confirmation": text})

