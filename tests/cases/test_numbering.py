"""Case numbers follow each centre's configured format (issue 3 §1); a broken format is a clear 409."""

import datetime as dt

import pytest
from django.db import transaction

from onewindow.cases.services.numbering import case_number_allocate
from onewindow.core.errors import Conflict

DAY = dt.date(2026, 3, 9)


def allocate(centre):
    with transaction.atomic():
        return case_number_allocate(centre=centre, day=DAY)


def test_default_format_is_region_date_and_daily_sequence(centre):
    assert [allocate(centre) for _ in range(2)] == ["99010120260309000001", "99010120260309000002"]


def test_a_centre_may_configure_its_own_format(centre, other_centre):
    centre.case_number_format = "QH-{date:%y%m%d}-{seq:04d}"
    centre.save(update_fields=["case_number_format"])
    assert allocate(centre) == "QH-260309-0001"
    # Sequences are per centre: the other centre starts at 1 with the default format.
    assert allocate(other_centre) == "99010220260309000001"


def test_a_misconfigured_format_is_refused_and_gives_its_number_back(centre):
    centre.case_number_format = "{region}{unknown}"
    centre.save(update_fields=["case_number_format"])
    with pytest.raises(Conflict) as exc:
        allocate(centre)
    assert exc.value.code == "invalid_case_number_format"
    centre.case_number_format = "{region}{date:%Y%m%d}{seq:06d}"
    centre.save(update_fields=["case_number_format"])
    assert allocate(centre) == "99010120260309000001"  # the rolled-back allocation left no gap

