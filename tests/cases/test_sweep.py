"""Art. 32 deemed acceptance: no one-time notice within notice_days (5 working days) → accepted as of
the receipt date, by `manage.py cases_sweep`; idempotent."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.management import call_command

from onewindow.cases import services as svc
from onewindow.cases.models import CaseEvent
from tests.cases.conftest import complete, intake

TZ = dt.timezone(dt.timedelta(hours=8))


def at(y, m, d):
    return time_machine.travel(dt.datetime(y, m, d, 1, 0, tzinfo=TZ), tick=False)


def test_deemed_acceptance_as_of_receipt(clerk, version):
    with at(2026, 9, 24):
        held = intake(clerk, version, accept=False).case  # Thu 24 Sep, no notice given
        noticed = intake(clerk, version, materials=complete(version, skip=(version.m_id,))).case
        accepted = intake(clerk, version).case
    # 5 working days after Thu 24 Sep: [Fri 25 Mid-Autumn], 28, 29, 30 Sep, [1–7 Oct], 8, 9 Oct → Fri 9 Oct.
    assert held.notice_due_date == dt.date(2026, 10, 9)
    with at(2026, 10, 9):
        assert svc.cases_sweep() == 0  # still within the limit on the last day
    with at(2026, 10, 10):
        assert svc.cases_sweep() == 1
        events = CaseEvent.objects.count()
        assert svc.cases_sweep() == 0  # idempotent
        assert CaseEvent.objects.count() == events
    held.refresh_from_db()
    assert held.state == "accepted" and held.accepted_on == dt.date(2026, 9, 24)
    event = held.events.order_by("-seq").first()
    assert (event.action, event.from_state, event.to_state, event.actor_id, event.actor_role) == (
        "deemed_accept", "received", "accepted", None, "system")
    assert event.payload["accepted_on"] == "2026-09-24"
    # The clock runs from the receipt: 10 working days after 24 Sep → Sat 10 Oct is the 6th … → 2026-10-15.
    assert held.promised_due_date == dt.date(2026, 10, 15)
    noticed.refresh_from_db()
    accepted.refresh_from_db()
    assert noticed.state == "supplement_required" and accepted.events.count() == 2


def test_management_command(clerk, version, capsys):
    with at(2026, 3, 9):
        case = intake(clerk, version, accept=False).case
    with at(2026, 3, 20):
        call_command("cases_sweep")
        call_command("cases_sweep", "--on", "2026-03-20")
    out = capsys.readouterr().out
    assert "deemed accepted: 1" in out and "deemed accepted: 0" in out
    case.refresh_from_db()
    assert case.state == "accepted"
