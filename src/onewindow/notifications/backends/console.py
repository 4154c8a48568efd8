from __future__ import annotations

import logging

from onewindow.core.identifiers import mask_phone

logger = logging.getLogger("onewindow.notifications")


class ConsoleBackend:
    """Writes the message to the log instead of sending it (development, demo, tests)."""

    def send(self, notification) -> None:
        address = notification.address
        if notification.channel == "sms":
            address = mask_phone(address)
        logger.info("[%s] to %s: %s", notification.channel, address or notification.recipient_id,
                    notification.text)


class InboxBackend:
    """Staff inbox: the row itself is the message; nothing to deliver."""

    def send(self, notification) -> None:
        return None
