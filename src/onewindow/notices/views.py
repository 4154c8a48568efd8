"""Download of a notice PDF: staff of the case's centre only; anyone else gets 404 (a notice's
existence is not disclosed), anonymous users go to the login page."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from onewindow.core.errors import Forbidden, NotAuthenticated
from onewindow.core.permissions import acting_staff
from onewindow.notices.selectors import notice_downloadable


@require_GET
def notice_download(request, pk: int):
    try:
        staff = acting_staff(request.user)
    except NotAuthenticated:
        return redirect_to_login(request.get_full_path())
    except Forbidden:
        raise Http404 from None
    notice = notice_downloadable(staff=staff, notice_id=pk)
    if notice is None or not notice.file:
        raise Http404
    filename = f"{notice.case.number}-{notice.kind}.pdf"
    response = FileResponse(notice.file.open("rb"), content_type="application/pdf", filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
