"""Home page and guides: search and browse (theme, department, life event), the guide page with the
seven disclosures, the situation questionnaire (htmx) and the printable PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onewindow.catalogue.listing import Guide, guide_detail
from onewindow.catalogue.models import HandlingForm, Material
from onewindow.catalogue.selectors import materials_for
from onewindow.core.errors import Conflict, DomainError, Invalid, NotFound
from onewindow.network.models import Theme
from onewindow.portal.models import LifeEventAudience
from onewindow.portal.public import selectors as sel
from onewindow.portal.public.common import error_text, int_param
from onewindow.portal.public.guide_facts import material_row
from onewindow.portal.public.guide_pdf import guide_pdf

HOME_ARTICLES = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    events = sel.life_events()
    return render(request, "portal/home.html", {
        "themes": sel.theme_counts(),
        "departments": sel.departments_with_items(),
        "events": events,
        "event_groups": [(label, [e for e in events if e.audience == value])
                         for value, label in LifeEventAudience.choices
                         if any(e.audience == value for e in events)],
        "articles": list(sel.articles_published()[:HOME_ARTICLES]),
    })


@require_GET
def guides(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    theme = request.GET.get("theme", "")[:20]
    if theme and theme not in Theme.values:
        theme = ""
    department = int_param(request.GET.get("department"))
    event = None
    status = 200
    error = ""
    if request.GET.get("event"):
        try:
            event = sel.life_event(slug=request.GET["event"])
        except NotFound as exc:
            error, status = error_text(exc), 404
    try:
        page = sel.guide_search(q=q, theme=theme, department=department, event=event,
                                page=int_param(request.GET.get("page"), default=1) or 1)
    except Invalid as exc:
        page, error, status = None, error_text(exc), 422
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page, "q": q, "theme": theme, "department": department, "event": event, "error": error,
        "themes": sel.theme_counts(), "events": sel.life_events(), "query_string": params.urlencode(),
        "theme_label": dict(Theme.choices).get(theme, ""),
    }
    return render(request, "portal/guides.html", context, status=status)


def _guide(code: str) -> Guide:
    try:
        return guide_detail(code=code[:40])
    except (NotFound, Conflict):
        # Public links carry implementation codes; a basic code shared by several items is not a page.
        raise Http404 from None


def _answers(guide: Guide, params) -> dict[int, int]:
    """Situation answers from the query string: s<situation id>=<option id>; unanswered ones skipped."""
    answers = {}
    for situation in guide.situations:
        option = int_param(params.get(f"s{situation.id}"))
        if option is not None:
            answers[situation.id] = option
    return answers


def _checklist_rows(materials: list[Material]) -> list[dict]:
    return [{"material": m, **material_row(m)} for m in materials]


def _guide_context(guide: Guide) -> dict:
    v = guide.version
    forms = dict(HandlingForm.choices)
    return {
        "guide": guide, "item": guide.item, "version": v,
        "materials": _checklist_rows(guide.materials),
        "handling_forms": [forms.get(f, f) for f in v.handling_forms],
        "online": HandlingForm.ONLINE in (v.handling_forms or []),
        "fees_total": sum((f.amount for f in guide.fees), start=0),
    }


@require_GET
def guide(request: HttpRequest, code: str) -> HttpResponse:
    g = _guide(code)
    return render(request, "portal/guide.html", _guide_context(g))


@require_GET
def guide_checklist(request: HttpRequest, code: str) -> HttpResponse:
    """The personal material checklist for the questionnaire's answers: the fragment for htmx, the
    whole guide page with the checklist filled in for a browser without JavaScript."""
    g = _guide(code)
    answers = _answers(g, request.GET)
    status, error, checklist = 200, "", None
    try:
        checklist = _checklist_rows(materials_for(version=g.version, answers=answers))
    except DomainError as exc:
        status, error = exc.status, error_text(exc)
    context = {**_guide_context(g), "checklist": checklist, "checklist_error": error, "answers": answers,
               "answer_query": "&".join(f"s{s}={o}" for s, o in answers.items()),
               "answered": len(answers), "questions": len(g.situations)}
    template = "portal/_checklist.html" if request.headers.get("HX-Request") else "portal/guide.html"
    return render(request, template, context, status=status)


@require_GET
def guide_print(request: HttpRequest, code: str) -> HttpResponse:
    g = _guide(code)
    checklist = None
    answers = _answers(g, request.GET)
    if answers or request.GET.get("checklist"):
        try:
            checklist = materials_for(version=g.version, answers=answers)
        except DomainError:
            raise Http404(_("Unknown answer")) from None
    response = HttpResponse(guide_pdf(guide=g, checklist=checklist), content_type="application/pdf")
    filename = f"guide-{g.item.implementation_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
