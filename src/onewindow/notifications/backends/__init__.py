"""Gateways. A backend is a class with `send(notification) -> None` that raises on failure.

ONEWINDOW_NOTIFICATION_BACKENDS maps a channel to a dotted class path; the default for every channel
is the console backend, which writes the (masked) message to the log. The inbox channel never leaves
the database.
"""
