"""Reads for citizens: the cases an online account may see, and what it may download from them.

A person sees the cases they applied for online as themselves; a member of an organisation sees the
organisation's cases (whoever of its members applied). Anything else is a 404 with the same answer
as a number that does not exist (existence is never leaked). The link is accounts.CitizenCase.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from onewindow.accounts.models import OrganisationMember, User
from onewindow.cases.models import Attachment, Case, CaseEvent, CaseMaterial
from onewindow.cases.services._base import case_not_found
from onewindow.core.errors import NotFound


def zero_visit(version) -> bool:
    """零跑动 / 全程网办: the guide asks for no visit, or the item is fully online (depth 4)."""
    return version.visits_required == 0 or version.online_depth >= 4


def cases_visible_to_citizen(*, user: User) -> QuerySet[Case]:
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    orgs = OrganisationMember.objects.filter(user_id=user.pk).values("organisation_id")
    return Case.objects.filter(Q(citizen_link__user_id=user.pk, citizen_link__organisation__isnull=True)
                               | Q(citizen_link__organisation_id__in=orgs))


def citizen_case_for(*, user: User, number: str) -> Case:
    """One case of the citizen by number, with what the page shows prefetched; 404 otherwise."""
    case = (cases_visible_to_citizen(user=user).filter(number=(number or "")[:40])
            .select_related("item", "item_version", "applicant", "centre", "department",
                            "citizen_link__organisation")
            .prefetch_related(
                Prefetch("events", queryset=CaseEvent.objects.order_by("seq")),
                Prefetch("materials", queryset=CaseMaterial.objects.select_related("material")
                         .order_by("material__position", "material_id")),
                Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
                "suspensions")
            .first())
    if case is None:
        raise case_not_found(number[:40] if number else None)
    return case


def citizen_cases(*, user: User, state: str = "") -> QuerySet[Case]:
    qs = cases_visible_to_citizen(user=user).select_related("item", "citizen_link__organisation")
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-pk")


def citizen_notice_for(*, user: User, number: str, notice_id: int):
    """A ready notice of the citizen's case; 404 for another case's notice or a pending one."""
    from onewindow.notices.models import Notice, NoticeStatus

    notice = (Notice.objects.filter(pk=notice_id, status=NoticeStatus.READY, case__number=(number or "")[:40],
                                    case__in=cases_visible_to_citizen(user=user))
              .select_related("case").first())
    if notice is None or not notice.file:
        raise NotFound("notice_not_found", "告知书不存在", "No such notice")
    return notice


def citizen_licence_for(*, user: User, number: str, licence_id: int):
    from onewindow.licences.models import Licence

    licence = (Licence.objects.filter(pk=licence_id, case__number=(number or "")[:40],
                                      case__in=cases_visible_to_citizen(user=user))
               .select_related("case").first())
    if licence is None or not licence.pdf:
        raise NotFound("licence_not_found", "证照不存在", "No such licence")
    return licence


def citizen_attachment_for(*, user: User, number: str, attachment_id: int) -> Attachment:
    attachment = (Attachment.objects.filter(pk=attachment_id, case__number=(number or "")[:40],
                                            case__in=cases_visible_to_citizen(user=user))
                  .select_related("case").first())
    if attachment is None or not attachment.file:
        raise NotFound("attachment_not_found", "文件不存在", "No such file")
    return attachment
