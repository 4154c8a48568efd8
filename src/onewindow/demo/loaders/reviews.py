"""Step load_reviews: a year of guide-review history (seed 001 #16: every guide checked at least 4
times a year). Most items were checked about quarterly; every eighth item was checked only twice,
the last time months ago, so the overdue list (catalogue.selectors.guide_reviews_overdue) is not
empty. Dates count back from today; an item that already has reviews is left alone."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from onewindow.catalogue.models import ServiceItem
from onewindow.catalogue.services import guide_review_record
from onewindow.core.timeutil import today
from onewindow.demo import refs
from onewindow.network.models import Role, StaffRole

OVERDUE_EVERY = 8
NOTES_UNCHANGED = (
    "季度复核:办事指南与现行法律法规一致,无需修改",
    "对照省级事项库核对基本要素,一致",
    "网上办事大厅、移动端与窗口纸质指南一致性核查,无差异",
    "根据窗口受理情况核对材料清单和受理标准,无变化",
)
NOTES_UPDATED = (
    "更新咨询电话和办公时间,已发布新版本",
    "根据群众咨询补充常见问题,已发布新版本",
    "修正材料受理标准表述,已发布新版本",
)


def _review_dates(rng: random.Random, on: dt.date, *, overdue: bool) -> list[dt.date]:
    if overdue:
        last = on - dt.timedelta(days=rng.randint(110, 170))
        return [last - dt.timedelta(days=90), last]
    latest = rng.randint(3, 45)
    gap = rng.randint(76, 79)  # five checks, all within the last 365 days
    return sorted(on - dt.timedelta(days=latest + k * gap) for k in range(5))


def _reviewers(centres) -> tuple[dict[int, object], dict[int, object]]:
    """(department id → its admin's or chief's user, centre id → a centre manager's user)."""
    by_dept: dict[int, object] = {}
    by_centre: dict[int, object] = {}
    rows = (StaffRole.objects.filter(staff__centre__in=centres,
                                     role__in=[Role.DEPARTMENT_ADMIN, Role.CHIEF_REPRESENTATIVE,
                                               Role.CENTRE_MANAGER])
            .select_related("staff__user").order_by("role", "staff__employee_no"))
    for r in rows:  # department_admin sorts before chief_representative: admins win
        if r.role == Role.CENTRE_MANAGER:
            by_centre.setdefault(r.staff.centre_id, r.staff.user)
        elif r.staff.department_id:
            by_dept.setdefault(r.staff.department_id, r.staff.user)
    return by_dept, by_centre


@transaction.atomic
def load_reviews() -> str:
    """Guide reviews over the last year for every demo item without any."""
    on = today()
    centres = list(refs.centres().values())
    by_dept, by_centre = _reviewers(centres)
    items = ServiceItem.objects.filter(centre__in=centres).order_by("implementation_code")
    made = reviewed = overdue_items = 0
    for n, item in enumerate(items, start=1):
        if item.reviews.exists():
            continue
        rng = random.Random(item.implementation_code)
        overdue = n % OVERDUE_EVERY == 0
        overdue_items += overdue
        reviewed += 1
        reviewer = by_dept.get(item.department_id) or by_centre.get(item.centre_id)
        for date in _review_dates(rng, on, overdue=overdue):
            updated = rng.random() < 0.15
            guide_review_record(item=item, reviewed_on=date, reviewer=reviewer,
                                outcome="updated" if updated else "unchanged",
                                note=rng.choice(NOTES_UPDATED if updated else NOTES_UNCHANGED))
            made += 1
    return (f"{made} new guide reviews for {reviewed} items "
            f"({overdue_items} of them with fewer than 4 in the last year)")
