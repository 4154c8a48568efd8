"""Reads of notices, scoped by who asks."""

from __future__ import annotations

from django.db.models import QuerySet

from onewindow.network.models import Staff
from onewindow.notices.models import Notice, NoticeStatus


def notices_for(*, case) -> QuerySet[Notice]:
    """A case's notices, oldest first."""
    return Notice.objects.filter(case=case).select_related("event").order_by("id")


def notices_visible_to(*, staff: Staff) -> QuerySet[Notice]:
    """Notices staff may open: those of their own centre's cases."""
    return Notice.objects.filter(case__centre_id=staff.centre_id).select_related("case")


def notice_downloadable(*, staff: Staff, notice_id: int) -> Notice | None:
    return notices_visible_to(staff=staff).filter(pk=notice_id, status=NoticeStatus.READY).first()
