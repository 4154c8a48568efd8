"""Writes of notices. Signatures are the contract the cases app calls.

notice_request is called inside a case transaction: it writes the Notice row there and asks for the
PDF after commit, so a rolled-back transition never leaves a document behind. notice_generate is the
one function a task queue calls; today it runs in-process right after the commit.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from onewindow.core.errors import Invalid
from onewindow.core.permissions import staff_of
from onewindow.core.tasks import dispatch
from onewindow.core.timeutil import now
from onewindow.network.models import Staff
from onewindow.notices.models import Notice, NoticeStatus
from onewindow.notices.render.context import build_context
from onewindow.notices.render.kinds import TEMPLATES
from onewindow.notices.render.layout import render_pdf

logger = logging.getLogger(__name__)

NOTICE_KINDS = ("acceptance", "one_time", "refusal", "joint_acceptance", "suspension", "extension",
                "decision", "out_of_remit")


def _as_staff(by) -> Staff | None:
    if by is None or isinstance(by, Staff):
        return by
    return staff_of(by)


def _dispatch(notice_id: int) -> None:
    """Where generation runs: in-process after commit (embedded) or on a Celery worker
    (CELERY_BROKER_URL), through the one background-work seam (docs/deployment.md)."""
    dispatch("onewindow.notices.services.notice_generate", notice_id=notice_id)


@transaction.atomic
def notice_request(*, case, kind: str, event=None, by=None) -> Notice:
    """Ask for the notice PDF of `kind` for `case` (about `event`, a CaseEvent). Runs after commit;
    idempotent per (case, kind, event): a repeated request returns the same row and renders nothing
    more. A notice whose generation failed is scheduled again."""
    if kind not in NOTICE_KINDS:
        raise Invalid("invalid_notice_kind", "文书类型无效", "Unknown notice kind",
                      detail={"kind": kind, "allowed": list(NOTICE_KINDS)})
    if event is not None and event.case_id != case.pk:
        raise Invalid("event_not_of_case", "事件不属于该办件", "The event belongs to another case",
                      detail={"event_id": event.pk})
    notice, created = Notice.objects.get_or_create(
        case=case, kind=kind, event=event,
        defaults={"created_at": now(), "requested_by": _as_staff(by)})
    if not created:
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != NoticeStatus.FAILED:
            return notice
        notice.status, notice.error = NoticeStatus.PENDING, ""
        notice.save(update_fields=["status", "error"])
    notice_id = notice.pk
    transaction.on_commit(lambda: _dispatch(notice_id), robust=True)
    return notice


def _render(notice: Notice) -> bytes:
    return render_pdf(TEMPLATES[notice.kind](build_context(notice)))


def notice_generate(*, notice_id: int) -> Notice | None:
    """Render and store the PDF of a pending notice; a ready notice is left alone (safe to call
    twice, e.g. a retried task). Failures are recorded on the row, not raised.

    Rendering happens outside any transaction (it is the slow part); the file and the status are
    written in one short transaction that re-checks the status, so two workers never both store."""
    notice = (Notice.objects.select_related(
        "case__centre", "case__department", "case__item__department", "case__item_version", "case__applicant",
        "event").filter(pk=notice_id).first())
    if notice is None or notice.status == NoticeStatus.READY:
        return notice
    try:
        pdf = _render(notice)
    except Exception as exc:  # any bug in a template must not lose the request: mark it failed
        logger.exception("notice %s (%s) failed to render", notice_id, notice.kind)
        return _notice_fail(notice_id=notice_id, error=f"{type(exc).__name__}: {exc}")
    return _notice_store(notice_id=notice_id, pdf=pdf)


@transaction.atomic
def _notice_store(*, notice_id: int, pdf: bytes) -> Notice | None:
    notice = Notice.objects.select_for_update().select_related("case").filter(pk=notice_id).first()
    if notice is None or notice.status == NoticeStatus.READY:
        return notice
    suffix = f"-{notice.event_id}" if notice.event_id else ""
    notice.file.save(f"{notice.case.number}-{notice.kind}{suffix}.pdf", ContentFile(pdf), save=False)
    notice.sha256 = hashlib.sha256(pdf).hexdigest()
    notice.status, notice.error, notice.generated_at = NoticeStatus.READY, "", now()
    notice.save(update_fields=["file", "sha256", "status", "error", "generated_at"])
    return notice


@transaction.atomic
def _notice_fail(*, notice_id: int, error: str) -> Notice | None:
    notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None or notice.status == NoticeStatus.READY:
        return notice
    notice.status, notice.error = NoticeStatus.FAILED, error[:500]
    notice.save(update_fields=["status", "error"])
    return notice
