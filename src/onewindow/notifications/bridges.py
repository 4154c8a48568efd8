"""Adapters that route other apps' notice seams through the one gateway."""

from __future__ import annotations

from onewindow.notifications.models import Channel
from onewindow.notifications.services import notification_send


def queue_send(*, phone: str, text: str, kind: str, appointment) -> None:
    """ONEWINDOW_QUEUE_NOTIFIER target: appointment confirmations, changes and reminders."""
    if not phone:
        return
    notification_send(
        dedupe_key=f"appointment:{appointment.pk}:{kind}:{appointment.day.isoformat()}:{appointment.start}",
        channel=Channel.SMS, template=f"appointment.{kind}", address=phone, text=text,
        context={"appointment": appointment.pk, "kind": kind})
