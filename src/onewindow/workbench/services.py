"""Writes of the workbench home page: marking inbox messages read.

notifications offers no read service yet; this one is scoped to the recipient (a user can only ever
mark their own messages) and belongs in notifications.services once that app adds one."""

from __future__ import annotations

from django.db import transaction

from onewindow.core.errors import NotFound
from onewindow.core.timeutil import now
from onewindow.notifications.selectors import inbox_for


@transaction.atomic
def inbox_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's inbox messages read (or all of them with notification_id=None).
    Returns how many changed; NotFound for a message that is not the user's."""
    qs = inbox_for(user=user, unread_only=True)
    if notification_id is not None:
        if not inbox_for(user=user).filter(pk=notification_id).exists():
            raise NotFound("notification_not_found", "消息不存在", "No such message",
                           detail={"notification": notification_id})
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=now())

