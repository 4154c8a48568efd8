from onewindow.network.models import MANDATORY_TOWNSHIP_SLOTS
from onewindow.network.selectors import township_layout_gaps
from tests.factories import WindowFactory
from tests.network.helpers import township


def test_new_township_misses_all_five(db):
    assert township_layout_gaps(centre=township()) == MANDATORY_TOWNSHIP_SLOTS
    assert len(MANDATORY_TOWNSHIP_SLOTS) == 5


def test_filled_and_inactive_slots(db):
    town = township()
    WindowFactory(centre=town, number="1", township_slot="market_access")
    WindowFactory(centre=town, number="2", township_slot="health")
    WindowFactory(centre=town, number="3", township_slot="military", active=False)
    WindowFactory(centre=town, number="4", township_slot="optional")
    assert township_layout_gaps(centre=town) == ["urban_rural", "livelihood", "military"]


def test_complete_layout(db):
    town = township()
    for i, slot in enumerate(MANDATORY_TOWNSHIP_SLOTS):
        WindowFactory(centre=town, number=str(i), township_slot=slot)
    assert township_layout_gaps(centre=town) == []


def test_other_levels_have_no_gaps(centre):
    assert township_layout_gaps(centre=centre) == []
