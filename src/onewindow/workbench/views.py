from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.core.errors import NotFound
from onewindow.core.permissions import staff_of
from onewindow.workbench.selectors import inbox_unread, role_tiles, staff_home
from onewindow.workbench.services import inbox_mark_read


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The staff home page; a login without a staff profile (a citizen) gets a polite pointer."""
    staff = staff_of(request.user)
    if staff is None:
        return render(request, "workbench/not_staff.html")
    inbox, unread = inbox_unread(user=request.user)
    return render(request, "workbench/home.html", {
        "home": staff_home(staff=staff), "tiles": role_tiles(staff=staff), "inbox": inbox, "unread": unread})


@login_required
@require_POST
def inbox_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one inbox message read (pk 0: all); htmx gets the refreshed inbox with a confirmation."""
    if staff_of(request.user) is None:
        raise Http404
    try:
        changed = inbox_mark_read(user=request.user, notification_id=pk or None)
    except NotFound as exc:
        raise Http404 from exc
    message = _("Marked as read.") if pk else _("%(n)s messages marked as read.") % {"n": changed}
    if request.headers.get("HX-Request") != "true":
        messages.success(request, message)
        return redirect("workbench:home")
    inbox, unread = inbox_unread(user=request.user)
    return render(request, "workbench/_inbox.html",
                  {"inbox": inbox, "unread": unread, "inbox_status": message})
