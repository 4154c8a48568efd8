"""calendar_year_load: a year file publishes a year (no longer provisional) or, with any bad entry,
reports every problem and writes nothing."""

from __future__ import annotations

import copy

import pytest
import time_machine

from onewindow.calendar.models import CalendarOverride, CalendarRevision, CalendarYear, OverrideSource
from onewindow.calendar.services import (
    DueDate,
    calendar_override_set,
    calendar_year_load,
    calendar_year_publish,
    calendar_year_unpublish,
    due_date,
    is_working_day,
    provisional_span,
)
from onewindow.core.errors import Conflict, Invalid, NotFound
from tests.calendar.conftest import d, year_file_2027
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_loading_2027_turns_provisional_results_into_published_ones():
    # Before: 2027 by the weekend rule. From Wed 2026-12-30: 31, Fri 01-01, Mon 4 -> provisional.
    assert due_date(start=d("2026-12-30"), working_days=3) == DueDate(d("2027-01-04"), True)
    # Before: over the (not yet known) Spring Festival: from Fri 02-05, 5 days = 8, 9, 10, 11, 12.
    assert due_date(start=d("2027-02-05"), working_days=5) == DueDate(d("2027-02-12"), True)

    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        year = calendar_year_load(data=year_file_2027(), by=UserFactory())

    assert (year.year, year.source, year.note) == (2027, "file", "test calendar")
    assert year.loaded_at.isoformat() == "2026-11-20T02:00:00+00:00"
    # After: 01-01 is a holiday: 31 (1), Mon 4 (2), Tue 5 (3).
    assert due_date(start=d("2026-12-30"), working_days=3) == DueDate(d("2027-01-05"), False)
    # After: holiday Sat 02-06 .. Sun 02-14, make-up Sat 02-20: 15, 16, 17, 18, 19.
    assert due_date(start=d("2027-02-05"), working_days=5) == DueDate(d("2027-02-19"), False)
    assert due_date(start=d("2027-02-05"), working_days=6) == DueDate(d("2027-02-20"), False)
    assert is_working_day(d("2027-01-31"))  # make-up Sunday
    assert provisional_span(d("2027-01-01"), d("2027-12-31")) is False
    assert provisional_span(d("2027-12-31"), d("2028-01-03")) is True  # 2028 still unpublished
    assert CalendarOverride.objects.filter(source=OverrideSource.FILE).count() == 12


def test_reloading_replaces_the_earlier_file_and_keeps_other_admin_overrides():
    calendar_override_set(day=d("2027-03-08"), kind="holiday", name="地方节日")  # not in the file
    calendar_override_set(day=d("2027-01-01"), kind="workday", name="猜测")  # the file says otherwise
    calendar_year_load(data=year_file_2027())
    data = year_file_2027()
    data["holidays"] = [{"date": "2027-01-01", "name": "元旦"}]  # Spring Festival entries withdrawn
    data["workdays"] = []
    calendar_year_load(data=data)

    kinds = dict(CalendarOverride.objects.values_list("date", "kind"))
    assert kinds == {d("2027-01-01"): "holiday", d("2027-03-08"): "holiday"}
    assert CalendarOverride.objects.get(date=d("2027-03-08")).source == OverrideSource.ADMIN
    assert is_working_day(d("2027-02-08"))  # a plain Monday again
    assert CalendarYear.objects.count() == 1


def test_a_file_year_replaces_the_package_data_for_that_year():
    data = {"year": 2026, "holidays": [{"date": "2026-01-01", "name": "元旦"}], "workdays": []}
    calendar_year_load(data=data)
    assert is_working_day(d("2026-02-16"))  # the package's Spring Festival no longer applies
    assert not is_working_day(d("2026-02-14"))  # nor its make-up Saturday
    calendar_year_unpublish(year=2026)
    assert not is_working_day(d("2026-02-16"))  # back to the package


def test_every_bad_entry_is_reported_at_once_and_nothing_is_loaded():
    data = copy.deepcopy(year_file_2027())
    data["holidays"] += [
        {"date": "2027-02-30", "name": "不存在"},  # no such day
        {"date": "2026-12-31", "name": "去年"},  # outside the year
        {"date": "2027-01-31", "name": "冲突"},  # also listed as a workday
        {"date": "2027-01-01", "name": "元旦"},  # listed twice
        {"date": "2027-05-03", "name": ""},  # no name
        "2027-05-04",  # not an object
    ]
    data["workdays"].append({"date": "2027-03-03", "name": "周三调休"})  # a Wednesday already works
    data["extra"] = 1
    before = CalendarRevision.objects.get(pk=1).number

    with pytest.raises(Invalid) as exc:
        calendar_year_load(data=data)

    assert exc.value.code == "invalid_year_file"
    problems = {(p["where"], p["code"]) for p in exc.value.detail}
    assert problems == {
        ("extra", "unknown_key"),
        ("holidays[10]", "invalid_date"),
        ("holidays[11]", "date_outside_year"),
        ("workdays[0] / holidays[12]", "holiday_and_workday"),
        ("holidays[13] / holidays[0]", "duplicate_date"),
        ("holidays[14]", "invalid_name"),
        ("holidays[15]", "not_an_entry"),
        ("workdays[2]", "workday_not_weekend"),
    }
    assert all(p["message"] and p["message_en"] for p in exc.value.detail)
    assert not CalendarOverride.objects.exists()
    assert not CalendarYear.objects.exists()
    assert CalendarRevision.objects.get(pk=1).number == before
    assert due_date(start=d("2026-12-30"), working_days=3).provisional is True


@pytest.mark.parametrize(("data", "where", "code"), [
    ([], "$", "not_an_object"),
    ({"year": "2027", "holidays": []}, "year", "invalid_year"),
    ({"year": True, "holidays": []}, "year", "invalid_year"),
    ({"year": 2101, "holidays": []}, "year", "year_out_of_range"),
    ({"year": 2027}, "holidays", "missing_holidays"),
    ({"year": 2027, "holidays": {}}, "holidays", "not_a_list"),
    ({"year": 2027, "holidays": [{"date": "2027-01-01", "name": "x"}] * 367}, "holidays", "too_many_entries"),
    ({"year": 2027, "holidays": [{"date": "2027-1-1", "name": "x"}]}, "holidays[0]", "invalid_date"),
    ({"year": 2027, "holidays": [{"date": "2027-01-01", "name": "x", "kind": "y"}]}, "holidays[0].kind",
     "unknown_key"),
    ({"year": 2027, "holidays": [], "note": 5}, "note", "invalid_note"),
])
def test_malformed_files(data, where, code):
    with pytest.raises(Invalid) as exc:
        calendar_year_load(data=data)
    assert (exc.value.detail[0]["where"], exc.value.detail[0]["code"]) == (where, code)


def test_weekend_days_of_a_holiday_period_are_accepted():
    # Published notices list every day of a holiday period, weekends included (as the package does).
    data = {"year": 2027, "holidays": [{"date": "2027-02-06", "name": "春节"}]}  # a Saturday
    assert calendar_year_load(data=data).year == 2027


def test_publishing_a_year_by_hand():
    calendar_override_set(day=d("2030-01-01"), kind="holiday", name="元旦")
    assert due_date(start=d("2029-12-31"), working_days=1) == DueDate(d("2030-01-02"), True)
    calendar_year_publish(year=2030, note="entered by hand")
    assert due_date(start=d("2029-12-31"), working_days=1).provisional is True  # 2029 still unpublished
    assert due_date(start=d("2030-01-01"), working_days=1) == DueDate(d("2030-01-02"), False)
    with pytest.raises(Conflict) as exc:
        calendar_year_publish(year=2030)
    assert exc.value.code == "year_already_published"
    with pytest.raises(Conflict) as exc:
        calendar_year_publish(year=2026)
    assert exc.value.code == "year_in_package"
    with pytest.raises(Invalid):
        calendar_year_publish(year=1999)
    calendar_year_unpublish(year=2030)
    assert due_date(start=d("2030-01-01"), working_days=1).provisional is True
    with pytest.raises(NotFound):
        calendar_year_unpublish(year=2030)
