"""The clock across the 2026 holidays, with a suspension and an extension (hand-computed dates).

2026 calendar (State Council notice, chinesecalendar): Spring Festival Sun 15 – Mon 23 February off,
Sat 14 and Sat 28 February worked; Mid-Autumn Fri 25 September off; National Day Thu 1 – Wed 7
October off, Sun 20 September and Sat 10 October worked. The day of acceptance is not counted; a
suspension pauses the working days after the day it starts up to and including the day it ends.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from onewindow.cases import services as svc
from onewindow.cases.clock import clock_figures
from onewindow.core.errors import Conflict, Invalid
from tests.cases.conftest import intake

TZ = dt.timezone(dt.timedelta(hours=8))


def at(y, m, d):
    return time_machine.travel(dt.datetime(y, m, d, 10, 0, tzinfo=TZ), tick=False)


def test_spring_festival_with_suspension_and_extension(clerk, reviewer, chief, version):
    with at(2026, 2, 10):
        case = intake(clerk, version).case
    # Accepted Tue 10 Feb. Promised 10: 11, 12, 13, Sat 14 (make-up), [15–23 off], 24, 25, 26, 27,
    # Sat 28 (make-up), Mon 2 March = 10th → 2026-03-02.
    assert case.promised_due_date == dt.date(2026, 3, 2)
    with at(2026, 2, 25):
        case = svc.case_suspend(case=case, by=reviewer, kind="expert_review", reason="专家评审")
    with at(2026, 3, 4):
        case = svc.case_resume(case=case, by=reviewer, result="评审通过")
    # Pause = Thu 26 Feb … Wed 4 March (26, 27, Sat 28, 2, 3, 4 March: 6 working days).
    # Counted: 11, 12, 13, 14, 24, 25 (6), then 5, 6, 9, 10 March → 10th = 2026-03-10.
    assert case.promised_due_date == dt.date(2026, 3, 10)
    with at(2026, 3, 5):
        case = svc.case_extend(case=case, by=chief, working_days=5, reason="需补充论证")
    # +5: 11, 12, 13, 16, 17 March → 2026-03-17; statutory 20 + 5 = 25 → …, 30, 31 March = 2026-03-31.
    assert case.promised_due_date == dt.date(2026, 3, 17)
    assert case.decision_due_date == dt.date(2026, 3, 17)
    assert case.statutory_due_date == dt.date(2026, 3, 31)
    with at(2026, 3, 16):
        case = svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予")
        figures = clock_figures(case=case, suspensions=list(case.suspensions.all()), today=dt.date(2026, 3,
                                                                                                   16))
    # Used: 6 before the pause + 5, 6, 9, 10, 11, 12, 13, 16 March = 14; limit 15; 1 left.
    assert (figures.working_days_used, figures.working_days_limit, figures.working_days_remaining) == (14, 15,
                                                                                                       1)
    assert figures.on_time is True and figures.early is True
    assert figures.paused[0]["started_on"] == dt.date(2026, 2, 25)
    assert figures.paused[0]["ended_on"] == dt.date(2026, 3, 4)
    # Art. 44: 10 working days after Mon 16 March: 17 … 27, 30 → 2026-03-30.
    assert case.issue_due_date == dt.date(2026, 3, 30)
    assert case.events.filter(action__in=["suspend", "resume", "extend"]).count() == 3


def test_national_day_with_inspection_and_extension_limits(clerk, reviewer, chief, manager, version):
    with at(2026, 9, 18):
        case = intake(clerk, version).case
    # Accepted Fri 18 Sep. Promised 10: Sun 20 (make-up), 21, 22, 23, 24, [Fri 25 Mid-Autumn], 28, 29,
    # 30, [1–7 Oct], 8, 9 → 2026-10-09. Statutory 20: Sat 10 Oct (make-up), 12 … 16, 19 … 22 → 2026-10-22.
    assert case.promised_due_date == dt.date(2026, 10, 9)
    assert case.statutory_due_date == dt.date(2026, 10, 22)
    with at(2026, 9, 22):
        case = svc.case_suspend(case=case, by=reviewer, kind="inspection", reason="送检")
    with at(2026, 10, 9):
        case = svc.case_resume(case=case, by=reviewer, result="检验合格")
    # Pause 23 Sep … 9 Oct (23, 24, 28, 29, 30 Sep, 8, 9 Oct). Counted: 20, 21, 22, then Sat 10 Oct,
    # 12, 13, 14, 15, 16, 19 → 10th = 2026-10-19.
    assert case.promised_due_date == dt.date(2026, 10, 19)
    with at(2026, 10, 12):
        with pytest.raises(Invalid) as exc:
            svc.case_extend(case=case, by=manager, working_days=11, reason="超过上限")
        assert exc.value.code == "extension_too_long"
        with pytest.raises(Invalid) as exc:
            svc.case_extend(case=case, by=manager, working_days=5, reason="")
        assert exc.value.code == "reason_required"
        case = svc.case_extend(case=case, by=manager, working_days=10, reason="案情复杂")
        # +10: 20, 21, 22, 23, 26, 27, 28, 29, 30 Oct, Mon 2 Nov → 2026-11-02.
        assert case.promised_due_date == dt.date(2026, 11, 2)
        with pytest.raises(Conflict) as exc:
            svc.case_extend(case=case, by=chief, working_days=1, reason="再次延期")
        assert exc.value.code == "extension_already_granted"
    case.refresh_from_db()
    assert case.extension_days == 10


def test_open_suspension_moves_the_due_date_daily(clerk, reviewer, version):
    with at(2026, 3, 9):
        case = intake(clerk, version).case
        case = svc.case_suspend(case=case, by=reviewer, kind="field_survey", reason="现场踏勘")
    base = case.promised_due_date
    assert base == dt.date(2026, 3, 23)
    with at(2026, 3, 11):
        # Tue 10 and Wed 11 are paused so far: the shown figures use the live pause.
        figures = clock_figures(case=case, suspensions=list(case.suspensions.all()), today=dt.date(2026, 3,
                                                                                                   11))
        assert figures.working_days_used == 0
        assert figures.paused[0]["ongoing"] is True


def test_overdue_and_late(clerk, chief, version):
    with at(2026, 3, 9):
        case = intake(clerk, version).case
    with at(2026, 3, 24):
        figures = clock_figures(case=case, suspensions=[], today=dt.date(2026, 3, 24))
        assert figures.overdue is True and figures.working_days_remaining == -1
        case = svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予")
        figures = clock_figures(case=case, suspensions=[], today=dt.date(2026, 3, 24))
        assert figures.on_time is False and figures.early is False


def test_provisional_dates_past_the_published_calendar(clerk, version, immediate_version):
    with at(2026, 12, 21):
        case = intake(clerk, version).case
    # 10 working days after 21 Dec 2026 reach into 2027, which chinesecalendar 1.11 does not publish.
    assert case.promised_due_date.year == 2027
    assert case.provisional is True
