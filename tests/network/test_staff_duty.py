import datetime as dt

import pytest
import time_machine

from onewindow.core.errors import Invalid
from onewindow.network.models import DutyStatus
from onewindow.network.services import staff_set_duty

MOMENT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@time_machine.travel(MOMENT, tick=False)
def test_sets_status_note_and_stamp(clerk):
    staff_set_duty(staff=clerk, status=DutyStatus.OUT, note=" 外出踏勘 ")
    clerk.refresh_from_db()
    assert clerk.duty_status == "out"
    assert clerk.duty_note == "外出踏勘"
    assert clerk.duty_changed_at == MOMENT


def test_unknown_status_is_invalid(clerk):
    with pytest.raises(Invalid) as exc:
        staff_set_duty(staff=clerk, status="asleep")
    assert exc.value.code == "unknown_duty_status"
    clerk.refresh_from_db()
    assert clerk.duty_status == DutyStatus.ON_DUTY
    assert clerk.duty_changed_at is None


def test_note_too_long_is_invalid(clerk):
    with pytest.raises(Invalid) as exc:
        staff_set_duty(staff=clerk, status=DutyStatus.OUT, note="远" * 101)
    assert exc.value.code == "duty_note_too_long"
