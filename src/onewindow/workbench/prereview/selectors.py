"""Reads of the online pre-review: the queue of online applications waiting for a clerk."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from onewindow.cases.models import Attachment, Case, CaseEvent, CaseMaterial, Channel
from onewindow.cases.selectors import cases_visible
from onewindow.cases.services._base import case_not_found
from onewindow.cases.states import CITIZEN, State
from onewindow.network.models import Staff

QUEUE_STATES = (State.SUBMITTED, State.SUPPLEMENT_REQUIRED)


def _awaiting() -> Exists:
    """The case's last event is the citizen's submission or resubmission: the clerk's turn."""
    return Exists(CaseEvent.objects.filter(case=OuterRef("pk"), seq=OuterRef("last_event_seq"),
                                           actor_role=CITIZEN, action__in=("submit", "supplement")))


def prereview_queue(*, staff: Staff) -> QuerySet[Case]:
    """Online applications of the clerk's centre waiting for pre-review, oldest first."""
    return (cases_visible(staff=staff).filter(channel=Channel.ONLINE, state__in=QUEUE_STATES)
            .filter(_awaiting()).select_related("item", "applicant").order_by("received_at", "pk"))


def prereview_case(*, staff: Staff, number: str) -> Case:
    """One case of the queue with its checklist and files; 404 when it is not waiting for the clerk."""
    case = (prereview_queue(staff=staff).filter(number=(number or "")[:40])
            .select_related("item_version", "centre")
            .prefetch_related(
                Prefetch("materials", queryset=CaseMaterial.objects.select_related("material")
                         .order_by("material__position", "material_id")),
                Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
            .first())
    if case is None:
        raise case_not_found(number[:40] if number else None)
    return case


def prereview_attachment(*, staff: Staff, number: str, attachment_id: int) -> Attachment | None:
    return (Attachment.objects.filter(pk=attachment_id, case__number=(number or "")[:40],
                                      case__in=cases_visible(staff=staff)).first())
