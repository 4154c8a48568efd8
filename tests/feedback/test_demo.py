"""load_demo_feedback on the demo network with a simulated day of tickets: evaluations, loops and
complaints appear, rates are computable, and a second run changes nothing."""

from __future__ import annotations

import pytest
import time_machine

from onewindow.demo.loaders.network import load_network
from onewindow.demo.loaders.staff import load_staff
from onewindow.feedback.demo import load_demo_feedback
from onewindow.feedback.models import Complaint, Evaluation, LoopEvent, ServiceEvent
from onewindow.feedback.selectors import evaluation_rates
from onewindow.queueing.demo import load_demo_queue
from tests.queueing.conftest import DAY, at


@pytest.mark.django_db
def test_demo_feedback_is_idempotent():
    load_network()
    load_staff()
    with time_machine.travel(at(10, 40), tick=False):
        load_demo_queue()
        summary = load_demo_feedback()
        counts = (
            ServiceEvent.objects.count(),
            Evaluation.objects.count(),
            Complaint.objects.count(),
            LoopEvent.objects.count(),
        )
        assert counts[1] > 0 and counts[2] == 4, summary
        assert load_demo_feedback() == "0 evaluations, 0 loops worked, 0 complaints"
        assert (
            ServiceEvent.objects.count(),
            Evaluation.objects.count(),
            Complaint.objects.count(),
            LoopEvent.objects.count(),
        ) == counts
        from onewindow.demo import refs

        rates = evaluation_rates(start=DAY.replace(day=1), end=DAY, centre=refs.centre("county"))
        assert rates.service_events > 0 and 0 < rates.active_rate < 1
