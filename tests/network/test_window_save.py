import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import MAX_DEDICATED_KINDS, Window, WindowKind
from onewindow.network.services import window_save
from tests.factories import DepartmentFactory, WindowFactory
from tests.network.helpers import township


def save(centre, **kw):
    args = {"centre": centre, "number": "B01", "name": "社会民生综合受理", "kind": WindowKind.COMPREHENSIVE}
    args.update(kw)
    return window_save(**args)


def test_creates_a_window_with_themes(centre, department):
    window = save(centre, themes=["social", "registration", "social"], department=department)
    window.refresh_from_db()
    assert window.centre == centre
    assert window.themes == ["social", "registration"]  # duplicates dropped, order kept
    assert window.department == department
    assert window.active is True


def test_updates_an_existing_window_in_place(centre, window):
    saved = save(centre, window=window, number=window.number, name="改名后的窗口", themes=["investment"])
    assert saved.pk == window.pk
    window.refresh_from_db()
    assert window.name == "改名后的窗口"
    assert Window.objects.filter(centre=centre).count() == 1


def test_unknown_theme_is_invalid(centre):
    with pytest.raises(Invalid) as exc:
        save(centre, themes=["social", "weather"])
    assert exc.value.code == "unknown_theme"
    assert exc.value.detail["themes"] == ["weather"]
    assert not Window.objects.exists()


def test_unknown_kind_is_invalid(centre):
    with pytest.raises(Invalid) as exc:
        save(centre, kind="teleport")
    assert exc.value.code == "unknown_window_kind"


def test_township_slot_only_on_township_centres(centre):
    with pytest.raises(Invalid) as exc:
        save(centre, township_slot="health")
    assert exc.value.code == "township_slot_not_township"
    assert exc.value.message and exc.value.message_en


def test_township_slot_accepted_on_a_township(centre):
    town = township(centre)
    window = save(town, township_slot="health")
    assert window.township_slot == "health"


def test_unknown_township_slot_is_invalid(db):
    with pytest.raises(Invalid) as exc:
        save(township(), township_slot="fishing")
    assert exc.value.code == "unknown_township_slot"


def test_dedicated_window_needs_its_kind(centre):
    with pytest.raises(Invalid) as exc:
        save(centre, kind=WindowKind.DEDICATED, dedicated_kind="  ")
    assert exc.value.code == "dedicated_kind_required"


def test_dedicated_kind_only_on_dedicated_windows(centre):
    with pytest.raises(Invalid) as exc:
        save(centre, dedicated_kind="不动产登记")
    assert exc.value.code == "dedicated_kind_not_dedicated"


def test_at_most_three_dedicated_kinds_per_centre(centre):
    for i, kind in enumerate(["不动产登记", "公安", "税务"]):
        save(centre, number=f"Z0{i}", kind=WindowKind.DEDICATED, dedicated_kind=kind)
    # Another window of an existing kind is fine: the rule counts kinds, not windows.
    save(centre, number="Z10", kind=WindowKind.DEDICATED, dedicated_kind="税务")
    with pytest.raises(Invalid) as exc:
        save(centre, number="Z11", kind=WindowKind.DEDICATED, dedicated_kind="公积金")
    assert exc.value.code == "too_many_dedicated_kinds"
    assert exc.value.detail["max"] == MAX_DEDICATED_KINDS == 3
    assert not Window.objects.filter(number="Z11").exists()


def test_dedicated_kinds_are_counted_per_centre_and_only_active(centre, other_centre):
    for i, kind in enumerate(["不动产登记", "公安", "税务"]):
        save(other_centre, number=f"Z0{i}", kind=WindowKind.DEDICATED, dedicated_kind=kind)
    WindowFactory(centre=centre, number="Z90", kind=WindowKind.DEDICATED, dedicated_kind="旧专窗",
                  active=False)
    for i, kind in enumerate(["公积金", "医保", "出入境"]):
        save(centre, number=f"Z0{i}", kind=WindowKind.DEDICATED, dedicated_kind=kind)
    assert Window.objects.filter(centre=centre, kind=WindowKind.DEDICATED, active=True).count() == 3


def test_changing_an_existing_dedicated_window_does_not_count_itself(centre):
    windows = [save(centre, number=f"Z0{i}", kind=WindowKind.DEDICATED, dedicated_kind=k)
               for i, k in enumerate(["不动产登记", "公安", "税务"])]
    renamed = save(centre, window=windows[2], number="Z02", kind=WindowKind.DEDICATED,
                   dedicated_kind="公积金")
    assert renamed.dedicated_kind == "公积金"


def test_number_is_unique_within_a_centre(centre, other_centre, window):
    with pytest.raises(Conflict) as exc:
        save(centre, number=window.number)
    assert exc.value.code == "window_number_taken"
    assert save(other_centre, number=window.number).centre == other_centre


def test_department_must_belong_to_the_centre(centre, other_centre):
    with pytest.raises(Invalid) as exc:
        save(centre, department=DepartmentFactory(centre=other_centre))
    assert exc.value.code == "department_not_in_centre"


def test_blank_number_is_invalid(centre):
    with pytest.raises(Invalid) as exc:
        save(centre, number=" ")
    assert exc.value.code == "window_number_required"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_cannot_exceed_three_dedicated_kinds(centre):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    save(centre, number="Z00", kind=WindowKind.DEDICATED, dedicated_kind="不动产登记")
    save(centre, number="Z01", kind=WindowKind.DEDICATED, dedicated_kind="公安")
    kinds = ["税务", "公积金", "医保", "出入境", "社保", "电力"]
    barrier = threading.Barrier(len(kinds))

    def attempt(i_kind):
        i, kind = i_kind
        try:
            barrier.wait()
            save(centre, number=f"Y{i}", kind=WindowKind.DEDICATED, dedicated_kind=kind)
            return "ok"
        except Invalid as exc:
            return exc.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(kinds)) as pool:
        outcomes = list(pool.map(attempt, enumerate(kinds)))
    assert outcomes.count("ok") == 1
    assert outcomes.count("too_many_dedicated_kinds") == len(kinds) - 1
    assert len(set(Window.objects.filter(centre=centre, kind=WindowKind.DEDICATED)
                   .values_list("dedicated_kind", flat=True))) == 3
