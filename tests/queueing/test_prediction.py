"""People ahead and the predicted wait: median service time of the line's last N finished tickets
× people ahead ÷ windows open (staffed and on duty)."""

from __future__ import annotations

import datetime as dt

from onewindow.network.models import DutyStatus
from onewindow.queueing.models import QueueSettings, Ticket, TicketStatus
from onewindow.queueing.selectors import people_ahead, predicted_wait_minutes, ticket_progress
from tests.factories import WindowFactory
from tests.queueing.conftest import DAY, _staff, at


def finished(line, minutes: list[int], centre):
    """Finished tickets of earlier days with these service times (minutes), oldest first."""
    for i, m in enumerate(minutes):
        start = at(9, 0, day=DAY - dt.timedelta(days=1)) + dt.timedelta(hours=i)
        Ticket.objects.create(
            centre=centre,
            line=line,
            day=start.date(),
            seq=i + 1,
            number=f"Z{i:03d}",
            token=f"t{i}",
            source="kiosk",
            taken_at=start,
            sort_at=start,
            status=TicketStatus.FINISHED,
            serve_started_at=start,
            closed_at=start + dt.timedelta(minutes=m),
        )


def test_people_ahead_counts_waiting_tickets_before_it_in_queue_order(social, registration, take, frozen):
    a1 = take(social, at_=at(8, 0))
    a2 = take(social, at_=at(8, 5))
    take(registration, at_=at(8, 1))  # another line: not ahead
    a3 = take(social, at_=at(8, 2))  # A003 taken earlier than A002 (sort_at decides)
    assert [people_ahead(ticket=t) for t in (a1, a3, a2)] == [0, 1, 2]


def test_prediction_uses_the_median_of_the_last_n_finished(centre, social, take, window, clerk, frozen):
    QueueSettings.objects.create(centre=centre, prediction_sample=3)
    finished(social, [60, 4, 6, 8], centre)  # last three: 4, 6, 8 → median 6 minutes
    for minute in range(3):
        take(social, at_=at(8, minute))
    progress = ticket_progress(ticket=Ticket.objects.get(number="A003"))
    assert (progress.people_ahead, progress.predicted_wait_minutes) == (2, 12)  # 6 × 2 ÷ 1 window


def test_prediction_divides_by_the_windows_open(centre, social, take, window, clerk, frozen):
    finished(social, [10], centre)
    second = WindowFactory(centre=centre, number="A09", themes=["social"])
    colleague = _staff("colleague", centre, second)
    for minute in range(4):
        take(social, at_=at(8, minute))
    last = Ticket.objects.get(number="A004")
    assert predicted_wait_minutes(line=social, ahead=3, sample=50) == 15  # 10 × 3 ÷ 2
    colleague.duty_status = DutyStatus.OUT
    colleague.save()
    assert ticket_progress(ticket=last).predicted_wait_minutes == 30  # one window left


def test_default_service_time_until_the_line_has_history(social, take, frozen):
    social.default_service_minutes = 7
    social.save()
    take(social, at_=at(8, 0))
    ticket = take(social, at_=at(8, 1))
    # No window staffed at all: counted as one, so the estimate never divides by zero.
    assert ticket_progress(ticket=ticket).predicted_wait_minutes == 7


def test_called_ticket_has_nobody_ahead(social, take, window, clerk):
    from onewindow.queueing.services import ticket_call_next

    take(social, at_=at(8, 0))
    ticket = ticket_call_next(window=window, by=clerk, at=at(9))
    progress = ticket_progress(ticket=ticket)
    assert (progress.people_ahead, progress.predicted_wait_minutes) == (0, 0)
