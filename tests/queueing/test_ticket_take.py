"""ticket_take: numbers per line and day (prefix + 3 digits, daily reset, gap-free), the green
channel from the resident ID or the chosen flags, the daily limit and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from onewindow.core.errors import Conflict, Invalid
from onewindow.queueing.models import QueueSettings, Ticket, TicketEvent, TicketSequence
from onewindow.queueing.services import ticket_take
from tests.queueing.conftest import DAY, ELDER_ID, TURNS_70_AFTER_DAY, TURNS_70_ON_DAY, YOUNG_ID, at


def test_numbers_run_per_line_with_the_line_prefix(lines, take, frozen):
    social, registration, _ = lines
    numbers = [take(social).number, take(social).number, take(registration).number, take(social).number]
    assert numbers == ["A001", "A002", "B001", "A003"]
    assert TicketSequence.objects.get(line=social, day=DAY).last == 3


def test_numbers_start_again_each_day(social, take):
    assert take(social, at_=at(16, 59)).number == "A001"
    assert take(social, at_=at(17, 0)).number == "A002"
    tomorrow = take(social, at_=at(8, 30, day=DAY + dt.timedelta(days=1)))
    assert (tomorrow.number, tomorrow.day) == ("A001", DAY + dt.timedelta(days=1))


def test_the_day_is_the_shanghai_day(social, take):
    # 23:30 UTC on the 10th is 07:30 on the 11th in Shanghai.
    ticket = take(social, at_=dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC))
    assert ticket.day == DAY


def test_a_rolled_back_ticket_gives_its_number_back(social, take, frozen):
    take(social)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert take(social).number == "A002"
        raise RuntimeError("printer jammed")
    assert take(social).number == "A002"
    assert list(Ticket.objects.order_by("seq").values_list("number", flat=True)) == ["A001", "A002"]


def test_ticket_records_take_event_and_queue_position(social, take, frozen):
    ticket = take(social)
    assert ticket.status == "waiting" and ticket.taken_at == at(9) == ticket.sort_at
    assert len(ticket.token) >= 20
    event = TicketEvent.objects.get(ticket=ticket)
    assert (event.action, event.from_status, event.to_status, event.at) == ("take", "", "waiting", at(9))


def test_resident_id_of_a_70_year_old_gives_the_green_channel(social, take, frozen):
    elder = take(social, id_number=ELDER_ID)
    young = take(social, id_number=YOUNG_ID)
    assert (elder.priority, elder.priority_reasons) == (True, ["elderly"])
    assert (young.priority, young.priority_reasons) == (False, [])


def test_the_age_counts_from_the_birthday(social, take, frozen):
    assert take(social, id_number=TURNS_70_ON_DAY).priority is True
    assert take(social, id_number=TURNS_70_AFTER_DAY).priority is False


def test_age_threshold_is_configurable(centre, social, take, frozen):
    QueueSettings.objects.create(centre=centre, elderly_age=80)
    assert take(social, id_number=ELDER_ID).priority is False  # 76 < 80


def test_chosen_flags_give_the_green_channel(social, take, frozen):
    ticket = take(social, priority_reasons=["pregnant", "disabled", "pregnant"])
    assert ticket.priority and ticket.priority_reasons == ["pregnant", "disabled"]


def test_elderly_flag_needs_the_id_at_the_kiosk_but_not_from_staff(social, take, clerk, frozen):
    with pytest.raises(Invalid) as exc:
        take(social, priority_reasons=["elderly"])
    assert exc.value.code == "elderly_needs_resident_id"
    ticket = ticket_take(line=social, source="staff", priority_reasons=["elderly"], by=clerk)
    assert ticket.priority_reasons == ["elderly"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"id_number": "110105194912310021"}, "invalid_resident_id"),
        ({"priority_reasons": ["vip"]}, "invalid_priority_reason"),
        ({"phone": "12345"}, "invalid_phone"),
        ({"source": "fax"}, "invalid_source"),
    ],
)
def test_bad_input_is_refused_without_using_a_number(social, take, frozen, kwargs, code):
    with pytest.raises(Invalid) as exc:
        take(social, **kwargs)
    assert exc.value.code == code
    assert not Ticket.objects.exists()
    assert take(social).number == "A001"


def test_daily_limit_closes_the_line(social, take, frozen):
    social.daily_limit = 2
    social.save()
    take(social), take(social)
    with pytest.raises(Conflict) as exc:
        take(social)
    assert exc.value.code == "line_full"
    assert Ticket.objects.count() == 2


def test_inactive_line_and_staff_of_another_centre_are_refused(social, take, outsider, frozen):
    with pytest.raises(Invalid) as exc:
        ticket_take(line=social, source="staff", by=outsider)
    assert exc.value.code == "line_not_in_centre"
    social.active = False
    social.save()
    with pytest.raises(Conflict) as exc:
        take(social)
    assert exc.value.code == "line_inactive"


def test_phone_is_kept_normalised(social, take, frozen):
    assert take(social, phone="138 0013-8000").phone == "13800138000"
