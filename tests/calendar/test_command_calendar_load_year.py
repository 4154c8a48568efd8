"""manage.py calendar_load_year FILE."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from onewindow.calendar.models import CalendarOverride, CalendarYear
from onewindow.calendar.services import due_date
from tests.calendar.conftest import d, year_file_2027

pytestmark = pytest.mark.django_db


def write(tmp_path, data, name="2027.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_loads_a_year_file(tmp_path):
    out = io.StringIO()
    call_command("calendar_load_year", write(tmp_path, year_file_2027()), stdout=out)
    assert "year 2027 published" in out.getvalue()
    assert CalendarYear.objects.get().source == "file"
    assert due_date(start=d("2026-12-30"), working_days=3).provisional is False


def test_check_only_validates(tmp_path):
    out = io.StringIO()
    call_command("calendar_load_year", write(tmp_path, year_file_2027()), "--check", stdout=out)
    assert "year 2027 is valid (12 days)" in out.getvalue()
    assert not CalendarYear.objects.exists()


def test_bad_entries_are_listed_and_nothing_is_loaded(tmp_path):
    data = year_file_2027()
    data["workdays"].append({"date": "2027-03-03", "name": "周三"})
    data["holidays"].append({"date": "2027-02-29", "name": "闰日"})
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("calendar_load_year", write(tmp_path, data), stderr=err)
    text = err.getvalue()
    assert "holidays[10] (2027-02-29): invalid_date" in text
    assert "workdays[2] (2027-03-03): workday_not_weekend" in text
    assert not CalendarOverride.objects.exists()


def test_unreadable_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("calendar_load_year", str(path), str(tmp_path / "missing.json"), stderr=err)
    assert "broken.json: cannot read JSON" in err.getvalue()
    assert "missing.json: cannot read JSON" in err.getvalue()


def test_defaults_to_the_configured_file(tmp_path, settings):
    settings.ONEWINDOW_CALENDAR_FILE = write(tmp_path, year_file_2027())
    call_command("calendar_load_year", stdout=io.StringIO())
    assert CalendarYear.objects.filter(year=2027).exists()


def test_no_file_at_all(settings):
    settings.ONEWINDOW_CALENDAR_FILE = ""
    with pytest.raises(CommandError, match="ONEWINDOW_CALENDAR_FILE"):
        call_command("calendar_load_year")
