"""guide_review_record and guide_reviews_overdue (seed 001 #16: at least 4 reviews a year)."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.catalogue import services
from onewindow.catalogue.models import GuideReview
from onewindow.catalogue.selectors import guide_reviews_overdue
from onewindow.core.errors import Invalid
from tests.catalogue.conftest import TODAY
from tests.catalogue.factories import draft_item, published_item


def review(item, on, reviewer=None, outcome="unchanged"):
    return services.guide_review_record(item=item, reviewed_on=on, reviewer=reviewer, outcome=outcome)


def test_record_review(department, manager):
    item = published_item(department=department)
    r = services.guide_review_record(item=item, reviewed_on=TODAY, reviewer=manager, outcome="updated",
                                     note="更新了收费依据")
    assert (r.reviewer, r.outcome, r.note) == (manager.user, "updated", "更新了收费依据")


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"reviewed_on": TODAY + dt.timedelta(days=1)}, "review_date_in_future"),
    ({"outcome": "great"}, "field_invalid_choice"),
    ({"note": "长" * 301}, "field_max_length"),
    ({"reviewed_on": "yesterday"}, "field_invalid"),
])
def test_record_review_rejects_bad_input(department, kwargs, code):
    item = published_item(department=department)
    args = {"item": item, "reviewed_on": TODAY, "reviewer": None, "outcome": "unchanged", **kwargs}
    with pytest.raises(Invalid) as exc:
        services.guide_review_record(**args)
    assert exc.value.code == code
    assert not GuideReview.objects.exists()


def test_overdue_counts_the_trailing_365_days(department):
    fresh = published_item(department=department, name="已复核事项")
    for days in (10, 100, 200, 364):  # 364 days ago is still inside the window
        review(fresh, TODAY - dt.timedelta(days=days))
    stale = published_item(department=department, name="复核不足事项")
    for days in (10, 100, 200, 365):  # 365 days ago falls outside
        review(stale, TODAY - dt.timedelta(days=days))
    never = published_item(department=department, name="从未复核事项")
    draft_item(department=department)  # unpublished: no guide to review yet
    rows = list(guide_reviews_overdue(on=TODAY))
    assert [r.name for r in rows] == ["从未复核事项", "复核不足事项"]
    assert (rows[0].review_count, rows[0].last_reviewed_on) == (0, None)
    assert (rows[1].review_count, rows[1].last_reviewed_on) == (3, TODAY - dt.timedelta(days=10))
    assert never in rows and fresh not in rows


def test_overdue_as_time_passes(department):
    item = published_item(department=department)
    for month in (1, 3, 5, 6):
        review(item, dt.date(2025, month, 1))
    assert list(guide_reviews_overdue(on=TODAY)) == []
    # On 2026-01-02 the January 2025 review has left the window.
    assert list(guide_reviews_overdue(on=dt.date(2026, 1, 2))) == [item]
    # Reviews after `on` do not count for that day.
    assert list(guide_reviews_overdue(on=dt.date(2025, 5, 31))) == [item]


def test_inactive_items_are_not_listed(department):
    item = published_item(department=department)
    services.item_update(item=item, active=False)
    assert list(guide_reviews_overdue(on=TODAY)) == []
