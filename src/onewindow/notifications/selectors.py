from __future__ import annotations

from django.db.models import QuerySet

from onewindow.notifications.models import Channel, Notification


def inbox_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user, channel=Channel.INBOX)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs
