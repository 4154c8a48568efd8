"""Evaluation services: submit (every channel), SMS invitations with a one-time token, and the
rectification loop a bad review opens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.timeutil import now
from onewindow.feedback.config import limit, tags_for
from onewindow.feedback.models import (
    BAD_LEVEL_MAX,
    Evaluation,
    EvaluationChannel,
    EvaluationInvite,
    LoopStatus,
    Rectification,
    ServiceEvent,
    Subject,
)
from onewindow.feedback.services.loop import loop_open
from onewindow.feedback.services.notify import managers_notify
from onewindow.network.models import Staff
from onewindow.notifications.services import notification_send
from onewindow.notifications.templates import register

register("feedback.invite", _("Please rate our service (%(what)s): %(link)s (valid until %(until)s, "
                              "one use)."))


def already_evaluated() -> Conflict:
    return Conflict("already_evaluated", "此次服务已评价过，每次服务只能评价一次",
                    "This service has already been evaluated (one evaluation per service)")


def _clean_tags(level: int, tags) -> list[str]:
    allowed = tags_for(level)
    tags = list(dict.fromkeys(tags or []))
    unknown = [t for t in tags if t not in allowed]
    if unknown:
        raise Invalid("unknown_tag", "所选标签不适用于该评价等级", "A tag does not fit this level",
                      detail={"unknown": unknown[:10], "allowed": allowed})
    return tags


def _case_staff(case: Case) -> Staff | None:
    return case.receiving_clerk


@transaction.atomic
def evaluation_submit(*, level: int, channel: str, event: ServiceEvent | None = None,
                      case: Case | None = None, tags=(), text: str = "", real_name: bool = False,
                      name: str = "", phone: str = "", user=None,
                      entered_by: Staff | None = None) -> Evaluation:
    """One evaluation of an event or a case. A second one for the same subject is a Conflict
    (`already_evaluated`); the database's unique constraints decide under a race. Level ≤ 2 opens
    the rectification loop; a real-name bad review requires a return visit."""
    if (event is None) == (case is None):
        raise Invalid("evaluation_subject", "请指定所评价的服务或办件", "Name one service event or one case")
    if level not in (1, 2, 3, 4, 5):
        raise Invalid("level_out_of_range", "评价等级须为 1 至 5", "Level must be 1 to 5")
    if channel not in EvaluationChannel.values:
        raise Invalid("unknown_channel", "评价渠道无效", "Unknown channel")
    tags = _clean_tags(level, tags)
    name, phone = (name or "").strip()[:60], (phone or "").strip()[:30]
    if real_name and not (name and (phone or user is not None)):
        raise Invalid("real_name_needs_contact", "实名评价请填写姓名和联系电话",
                      "A real-name evaluation needs a name and a phone number")
    if event is not None:
        fields = dict(subject=Subject.EVENT, event=event, case=event.case, staff=event.staff,
                      window=event.window, centre_id=event.centre_id, department_id=event.department_id)
        exists = Evaluation.objects.filter(event=event).exists()
    else:
        assert case is not None
        clerk = _case_staff(case)
        fields = dict(subject=Subject.CASE, case=case, staff=clerk, window=clerk.window if clerk else None,
                      centre_id=case.centre_id, department_id=case.department_id)
        exists = Evaluation.objects.filter(case=case, subject=Subject.CASE).exists()
    if exists:
        raise already_evaluated()
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                level=level, channel=channel, tags=tags, text=(text or "").strip()[:1000],
                real_name=real_name,
                evaluator_name=name if real_name else "", evaluator_phone=phone if real_name else "",
                user=user if getattr(user, "is_authenticated", False) else None, entered_by=entered_by,
                created_at=now(), **fields)
    except IntegrityError:
        raise already_evaluated() from None
    if evaluation.level <= BAD_LEVEL_MAX:
        rectification_open(evaluation=evaluation)
    return evaluation


def rectification_open(*, evaluation: Evaluation) -> Rectification:
    """A bad review opens its loop, awaiting assignment (assign within the verify deadline)."""
    from onewindow.feedback.services.loop import working_days_after

    record = Rectification.objects.create(
        evaluation=evaluation, centre_id=evaluation.centre_id, department_id=evaluation.department_id,
        staff=evaluation.staff, status=LoopStatus.OPEN, received_at=evaluation.created_at,
        step_due=working_days_after(limit("ONEWINDOW_FEEDBACK_VERIFY_DAYS")),
        visit_required=evaluation.real_name)
    loop_open(record=record, note=evaluation.get_level_display())
    managers_notify(record=record)
    return record


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def evaluation_invite_send(*, event: ServiceEvent | None = None, case: Case | None = None,
                           phone: str = "") -> tuple[EvaluationInvite, str]:
    """Create a one-time token and text the link to the citizen (after commit). Returns the row and
    the token (shown nowhere else: only its hash is stored)."""
    if (event is None) == (case is None):
        raise Invalid("evaluation_subject", "请指定所评价的服务或办件", "Name one service event or one case")
    if event is not None and Evaluation.objects.filter(event=event).exists():
        raise already_evaluated()
    if case is not None and Evaluation.objects.filter(case=case, subject=Subject.CASE).exists():
        raise already_evaluated()
    phone = (phone or (event.phone if event else case.applicant.phone if case else "")).strip()
    if not phone:
        raise Invalid("phone_required", "没有可发送短信的手机号码", "No phone number to text the link to")
    token = secrets.token_urlsafe(24)
    created = now()
    invite = EvaluationInvite.objects.create(
        token_hash=_hash(token), event=event, case=case, phone=phone[:30], created_at=created,
        expires_at=created + dt.timedelta(hours=limit("ONEWINDOW_FEEDBACK_INVITE_HOURS")))
    base = getattr(settings, "ONEWINDOW_PUBLIC_BASE_URL", "").rstrip("/")
    link = base + reverse("feedback:evaluate_token", args=[token])
    until = timezone.localtime(invite.expires_at).strftime("%m-%d %H:%M")
    notification_send(dedupe_key=f"feedback:invite:{invite.pk}", channel="sms", template="feedback.invite",
                      context={"link": link, "until": until,
                               "what": case.number if case else (event.label if event else "")},
                      address=invite.phone)
    return invite, token


def _invite_problem(invite: EvaluationInvite | None):
    if invite is None:
        return NotFound("invite_not_found", "评价链接无效", "This evaluation link is not valid")
    if invite.used_at is not None:
        return Conflict("invite_used", "该评价链接已使用过", "This evaluation link has already been used")
    if invite.expires_at <= now():
        return Conflict("invite_expired", "该评价链接已过期", "This evaluation link has expired")
    return None


def invite_check(*, token: str) -> EvaluationInvite:
    """The usable invitation behind a token (for showing the form), else the error that explains it."""
    invite = (EvaluationInvite.objects.select_related("event", "case").filter(token_hash=_hash(token or ""))
              .first())
    problem = _invite_problem(invite)
    if problem:
        raise problem
    assert invite is not None
    return invite


@transaction.atomic
def evaluation_submit_with_token(*, token: str, level: int, tags=(), text: str = "", real_name: bool = False,
                                 name: str = "") -> Evaluation:
    """Evaluate through an SMS link: the token works once (locked and marked used in the same
    transaction as the evaluation) and only until it expires."""
    invite = (EvaluationInvite.objects.select_for_update().filter(token_hash=_hash(token or "")).first())
    problem = _invite_problem(invite)
    if problem:
        raise problem
    assert invite is not None
    evaluation = evaluation_submit(level=level, channel=EvaluationChannel.SMS, event=invite.event,
                                   case=invite.case, tags=tags, text=text, real_name=real_name, name=name,
                                   phone=invite.phone)
    invite.used_at = now()
    invite.save(update_fields=["used_at"])
    return evaluation
