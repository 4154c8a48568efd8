from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onewindow.core.permissions import staff_of
from onewindow.workbench.selectors import staff_home


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The staff home page; a login without a staff profile (a citizen) gets a polite pointer."""
    staff = staff_of(request.user)
    if staff is None:
        return render(request, "workbench/not_staff.html")
    return render(request, "workbench/home.html", {"home": staff_home(staff=staff)})
