"""The notification seam of appointments (confirmation, cancellation, new time, reminder).

Services call `appointment_notice` after commit, at most once per appointment, kind and slot time
(AppointmentNotice rows make it idempotent). By default the message is written to the log (the
console); set ONEWINDOW_QUEUE_NOTIFIER to the dotted path of a callable `send(*, phone, text, kind,
appointment)` to deliver it (the SMS gateway of a later issue plugs in there).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from onewindow.core.identifiers import mask_phone

logger = logging.getLogger(__name__)

KINDS = ("booked", "cancelled", "rescheduled", "reminder")


def message(*, appointment, kind: str) -> str:
    """The text of the notice in Chinese (the catalogue's zh-hans; English until it is built)."""
    with translation.override("zh-hans"):
        params = {
            "centre": appointment.centre.name,
            "line": appointment.line.name,
            "code": appointment.code,
            "day": appointment.day.isoformat(),
            "start": appointment.start.strftime("%H:%M"),
            "end": appointment.end.strftime("%H:%M"),
        }
        texts = {
            "booked": _(
                "[%(centre)s] Appointment booked: %(line)s, %(day)s %(start)s-%(end)s, code %(code)s. "
                "Bring your ID and check in at the hall kiosk."
            ),
            "cancelled": _("[%(centre)s] Appointment %(code)s (%(day)s %(start)s) is cancelled."),
            "rescheduled": _(
                "[%(centre)s] Appointment %(code)s moved to %(day)s %(start)s-%(end)s (%(line)s)."
            ),
            "reminder": _(
                "[%(centre)s] Reminder: %(line)s tomorrow %(day)s %(start)s-%(end)s, code %(code)s."
            ),
        }
        return texts.get(kind, _("[%(centre)s] Appointment %(code)s: %(day)s %(start)s")) % params


def _console(*, phone: str, text: str, kind: str, appointment) -> None:
    # WARNING: with no gateway configured the person is not actually told; the log must show it.
    logger.warning(
        "appointment notice not sent (no gateway configured) to %s [%s]: %s", mask_phone(phone), kind, text
    )


def appointment_notice(*, appointment_id: int, kind: str) -> None:
    from onewindow.queueing.models import Appointment

    appointment = Appointment.objects.select_related("centre", "line").filter(pk=appointment_id).first()
    if appointment is None:
        return
    path = getattr(settings, "ONEWINDOW_QUEUE_NOTIFIER", "")
    send = import_string(path) if path else _console
    try:
        send(
            phone=appointment.phone,
            text=message(appointment=appointment, kind=kind),
            kind=kind,
            appointment=appointment,
        )
    except Exception:  # a gateway failure must not break the booking that already committed
        logger.exception("appointment notice %s for %s failed", kind, appointment_id)
