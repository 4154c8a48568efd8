"""Writes of the feedback app (see docs/feedback.md)."""

from onewindow.feedback.services.complaints import complaint_submit
from onewindow.feedback.services.evaluations import (
    evaluation_invite_send,
    evaluation_submit,
    evaluation_submit_with_token,
    invite_check,
    rectification_open,
)
from onewindow.feedback.services.events import service_event_record, service_events_collect, window_last_event
from onewindow.feedback.services.loop import (
    ACTIONS,
    loop_appeal,
    loop_assign,
    loop_close,
    loop_rate,
    loop_rectify,
    loop_reply,
    loop_verify,
    loop_visit,
)

__all__ = [
    "ACTIONS", "complaint_submit", "evaluation_invite_send", "evaluation_submit",
    "evaluation_submit_with_token",
    "invite_check", "loop_appeal", "loop_assign", "loop_close", "loop_rate", "loop_rectify", "loop_reply",
    "loop_verify", "loop_visit", "rectification_open", "service_event_record", "service_events_collect",
    "window_last_event",
]
