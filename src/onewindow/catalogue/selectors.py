"""Reads of the catalogue: the version in force, tailored material lists, what a centre may handle,
overdue guide reviews. Writes live in catalogue.services.

Date rules (docs/catalogue.md "Versions and dates"):
- a version is in force on day d when it is published (or since retired), effective_from <= d and
  (effective_to is empty or d < effective_to): effective_to is the first day it is NO LONGER in force;
- a delegation is valid on day d when it is not revoked and valid_from <= d <= valid_to (inclusive,
  as the grant document states it).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Max, Q, QuerySet

from onewindow.catalogue.models import (
    Delegation,
    GuideReview,
    ItemVersion,
    Material,
    MaterialRequirement,
    ServiceItem,
    Situation,
    SituationOption,
    VersionStatus,
)
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import today

# seed 001 #16: every guide is checked in full at least 4 times a year.
REVIEWS_PER_YEAR = 4
REVIEW_WINDOW_DAYS = 365


def versions_in_force_on(on: dt.date) -> QuerySet[ItemVersion]:
    """Every version whose validity window contains `on` (an item may have several while a newer
    one has taken effect but items_refresh_current has not yet closed the older one)."""
    return (ItemVersion.objects
            .filter(status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED],
                    effective_from__lte=on)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on)))


def version_in_force(*, item: ServiceItem, on: dt.date) -> ItemVersion | None:
    """The version of `item` in force on `on`: the one that took effect last (then the highest number)."""
    return (versions_in_force_on(on).filter(item=item)
            .order_by("-effective_from", "-number").first())


def item_latest_version(*, item: ServiceItem) -> ItemVersion | None:
    return ItemVersion.objects.filter(item=item).order_by("-number").first()


def item_draft(*, item: ServiceItem) -> ItemVersion | None:
    return ItemVersion.objects.filter(item=item, status=VersionStatus.DRAFT).order_by("-number").first()


def materials_for(*, version: ItemVersion, answers: dict[int, int]) -> list[Material]:
    """The material list for an applicant's answers (situation id → chosen option id).

    Required materials, plus the materials the chosen options add, minus those they remove (a removal
    wins over an addition). Conditional materials no chosen option adds are not asked for. Unanswered
    situations change nothing. Unknown situation ids, or an option that is not an answer of its
    situation, raise Invalid listing every bad pair.
    """
    answers = dict(answers or {})
    option_situation = dict(SituationOption.objects.filter(situation__version=version)
                            .values_list("id", "situation_id"))
    situation_ids = set(Situation.objects.filter(version=version).values_list("id", flat=True))
    bad = []
    for situation_id, option_id in answers.items():
        if situation_id not in situation_ids:
            bad.append({"situation": situation_id, "option": option_id, "reason": "unknown_situation"})
        elif option_situation.get(option_id) != situation_id:
            bad.append({"situation": situation_id, "option": option_id, "reason": "unknown_option"})
    if bad:
        code = str(bad[0]["reason"])
        raise Invalid(code, "情形或选项不属于该事项版本", "Unknown situation or answer for this item version",
                      detail={"errors": bad})
    chosen = list(answers.values())
    added = set(SituationOption.adds.through.objects.filter(situationoption_id__in=chosen)
                .values_list("material_id", flat=True))
    removed = set(SituationOption.removes.through.objects.filter(situationoption_id__in=chosen)
                  .values_list("material_id", flat=True))
    return [m for m in version.materials.all()
            if (m.requirement == MaterialRequirement.REQUIRED or m.pk in added) and m.pk not in removed]


def delegations_valid_on(on: dt.date) -> QuerySet[Delegation]:
    return (Delegation.objects.filter(revoked=False, valid_from__lte=on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)))


def items_available_at(*, centre, on: dt.date | None = None) -> QuerySet[ServiceItem]:
    """Active items a centre may handle on `on` (default today): its own items plus those delegated
    to it (赋权) by a delegation valid that day."""
    on = on or today()
    delegated = delegations_valid_on(on).filter(to_centre=centre).values("item_id")
    return (ServiceItem.objects.filter(active=True)
            .filter(Q(centre=centre) | Q(pk__in=delegated))
            .select_related("department", "current_version"))


def guide_reviews_overdue(*, on: dt.date) -> QuerySet[ServiceItem]:
    """Active, published items whose guide was reviewed fewer than REVIEWS_PER_YEAR times in the
    REVIEW_WINDOW_DAYS days ending on `on` (on-364 … on, both included), seed 001 #16.

    Each row carries `review_count` (reviews in the window) and `last_reviewed_on` (latest review on
    or before `on`, None if never); the least recently reviewed come first.
    """
    start = on - dt.timedelta(days=REVIEW_WINDOW_DAYS)
    in_window = Q(reviews__reviewed_on__gt=start, reviews__reviewed_on__lte=on)
    return (ServiceItem.objects.filter(active=True, current_version__isnull=False)
            .annotate(review_count=Count("reviews", filter=in_window),
                      last_reviewed_on=Max("reviews__reviewed_on", filter=Q(reviews__reviewed_on__lte=on)))
            .filter(review_count__lt=REVIEWS_PER_YEAR)
            .select_related("department")
            .order_by(F("last_reviewed_on").asc(nulls_first=True), "implementation_code"))


def item_reviews(*, item: ServiceItem) -> QuerySet[GuideReview]:
    return GuideReview.objects.filter(item=item).select_related("reviewer").order_by("-reviewed_on", "-id")
