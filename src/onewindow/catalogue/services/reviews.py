"""The guide-review log: each guide is checked in full at least 4 times a year (seed 001 #16)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.catalogue.models import GuideReview, ServiceItem
from onewindow.catalogue.services.rules import FieldError, model_errors, raise_if_any
from onewindow.core.timeutil import today
from onewindow.network.models import Staff


@transaction.atomic
def guide_review_record(*, item: ServiceItem, reviewed_on: dt.date, reviewer, outcome: str,
                        note: str = "") -> GuideReview:
    """Record one check of an item's guide. outcome: "unchanged" or "updated" (a new version was or
    will be published because the check found something). reviewer: a user or a staff member."""
    if isinstance(reviewer, Staff):
        reviewer = reviewer.user
    review = GuideReview(item=item, reviewed_on=reviewed_on, reviewer=reviewer, outcome=outcome,
                         note=note or "")
    errors = model_errors(review, exclude={"id", "item", "reviewer"})
    if "reviewed_on" not in {e.field for e in errors} and review.reviewed_on > today():
        errors.append(FieldError("reviewed_on", "review_date_in_future", "复核日期不能晚于今天",
                                 "The review date cannot be in the future"))
    raise_if_any(errors)
    review.save()
    return review
