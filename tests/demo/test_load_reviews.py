"""load_reviews: a year of guide reviews; most items reviewed at least 4 times, a few overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from onewindow.catalogue.models import GuideReview, ServiceItem
from onewindow.catalogue.selectors import guide_reviews_overdue
from tests.demo.conftest import LOADED_ON


def test_every_item_has_reviews_within_the_last_year(demo):
    year_ago = LOADED_ON - dt.timedelta(days=365)
    assert not ServiceItem.objects.filter(reviews__isnull=True).exists()
    assert not GuideReview.objects.filter(Q(reviewed_on__gt=LOADED_ON) | Q(reviewed_on__lt=year_ago)).exists()
    assert not GuideReview.objects.filter(reviewer__isnull=True).exists()


def test_most_items_are_reviewed_four_times_and_the_overdue_list_is_not_empty(demo):
    counts = ServiceItem.objects.annotate(n=Count("reviews")).values_list("n", flat=True)
    assert sum(n >= 4 for n in counts) > 0.8 * len(counts)
    overdue = guide_reviews_overdue(on=LOADED_ON)
    assert 0 < overdue.count() < 0.2 * len(counts)
    assert GuideReview.objects.filter(outcome="updated").exists()
