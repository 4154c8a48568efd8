"""Feedback models: service events, evaluations (好差评), complaints (投诉举报), and the one closed
loop (assign → verify → rectify → reply → return visit → close, appeal) both subjects share."""

from onewindow.feedback.models.evaluation import (
    BAD_LEVEL_MAX,
    Evaluation,
    EvaluationChannel,
    EvaluationInvite,
    Level,
    ServiceEvent,
    ServiceEventKind,
    Subject,
)
from onewindow.feedback.models.loop import (
    Complaint,
    ComplaintKind,
    LoopAction,
    LoopEvent,
    LoopStatus,
    Rectification,
)

__all__ = [
    "BAD_LEVEL_MAX", "Complaint", "ComplaintKind", "Evaluation", "EvaluationChannel", "EvaluationInvite",
    "Level", "LoopAction", "LoopEvent", "LoopStatus", "Rectification", "ServiceEvent", "ServiceEventKind",
    "Subject",
]
