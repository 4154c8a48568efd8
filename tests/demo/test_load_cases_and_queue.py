from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.states import State
from onewindow.licences.models import SealKey
from onewindow.network.models import Seal, SealStatus
from onewindow.queueing.models import Ticket


def test_demo_cases_cover_the_lifecycle(demo):
    states = set(Case.objects.values_list("state", flat=True))
    assert Case.objects.count() >= 250
    # Every state but "delivered", which concludes at once for items that conclude on delivery.
    missing = {s.value for s in State} - states - {State.DELIVERED.value}
    assert not missing, missing
    # Every demo case has its history: at least one event each.
    assert CaseEvent.objects.values("case").distinct().count() == Case.objects.count()


def test_every_active_seal_has_a_signing_key(demo):
    active = Seal.objects.filter(status=SealStatus.ACTIVE)
    assert active.exists()
    assert SealKey.objects.filter(seal__in=active, retired_at__isnull=True).count() == active.count()


def test_demo_queue_has_a_day_of_tickets(demo):
    assert Ticket.objects.count() >= 100
