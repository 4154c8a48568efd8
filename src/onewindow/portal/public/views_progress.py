"""Progress lookup without login: case number + last 4 of the applicant's ID number or phone.

Rate-limited twice (django-ratelimit, counted in the Django cache): per client IP and per case
number, so neither one address nor many addresses can try the 4 characters of one case. A wrong
number and a wrong code get the same answer (cases.selectors.progress_lookup). The form posts, so
the code never lands in a URL, a log line or the browser history.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from onewindow.cases.clock import clock_figures
from onewindow.cases.schemas import progress_out
from onewindow.cases.selectors import progress_lookup
from onewindow.core.errors import NotFound
from onewindow.core.timeutil import today
from onewindow.portal.public.forms import ProgressForm

# Overridable in settings; see docs/portal.md.
IP_RATE = getattr(settings, "ONEWINDOW_PROGRESS_RATE_IP", "10/m")
NUMBER_RATE = getattr(settings, "ONEWINDOW_PROGRESS_RATE_NUMBER", "20/h")


def _number_key(group: str, request: HttpRequest) -> str:
    return (request.POST.get("number") or "").strip().upper()[:40]


def _limited(request: HttpRequest) -> bool:
    by_ip = is_ratelimited(request, group="portal.progress.ip", key="ip", rate=IP_RATE, method="POST",
                           increment=True)
    by_number = is_ratelimited(request, group="portal.progress.number", key=_number_key, rate=NUMBER_RATE,
                               method="POST", increment=True)
    return by_ip or by_number


def _progress(case) -> dict:
    data = progress_out(case)
    clock = clock_figures(case=case, suspensions=list(case.suspensions.all()), today=today())
    return {**data, "clock": clock,
            "closed": case.state in ("concluded", "refused", "withdrawn", "returned", "out_of_remit")}


@never_cache
@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = ProgressForm(initial={"number": request.GET.get("number", "")[:40]})
        return render(request, "portal/progress.html", {"form": form})
    if _limited(request):
        response = render(request, "portal/429.html", {"retry_minutes": 1}, status=429)
        response["Retry-After"] = "60"
        return response
    form = ProgressForm(request.POST)
    context: dict = {"form": form, "progress": None, "not_found": False}
    status = 200
    if not form.is_valid():
        status = 422
    else:
        try:
            case = progress_lookup(number=form.cleaned_data["number"], verify=form.cleaned_data["verify"])
            context["progress"] = _progress(case)
        except NotFound:
            context["not_found"] = True
            status = 404
    return render(request, "portal/progress.html", context, status=status)
