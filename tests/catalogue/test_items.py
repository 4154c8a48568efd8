"""item_create and item_update."""

from __future__ import annotations

import pytest

from onewindow.catalogue import services
from onewindow.catalogue.models import CaseClass, ItemType, ItemVersion, ServiceItem, VersionStatus
from onewindow.core.errors import Conflict, Invalid
from tests.catalogue.factories import draft_item, next_codes
from tests.factories import DepartmentFactory


def create(department, **kw):
    basic, impl = next_codes()
    args = dict(centre=department.centre, department=department, basic_code=basic, implementation_code=impl,
                name="食品经营许可", item_type=ItemType.LICENSING, statutory_days=20, promised_days=10)
    args.update(kw)
    return services.item_create(**args)


def test_item_create_makes_item_and_first_draft(department, clerk):
    item = create(department, keywords="食品 许可", theme="production", by=clerk.user)
    assert item.pk and item.current_version is None and item.name == "食品经营许可"
    versions = list(ItemVersion.objects.filter(item=item))
    assert len(versions) == 1
    draft = versions[0]
    assert (draft.number, draft.status, draft.statutory_days, draft.promised_days) == (1, "draft", 20, 10)
    assert (draft.max_extension_days, draft.notice_days) == (10, 5)  # defaults
    assert draft.theme == "production" and draft.created_by == clerk.user
    assert "spjyxk" in item.search_text  # pinyin initials of the name


@pytest.mark.parametrize("basic_code", ["12345", "0001000000011", "00010000000a", ""])
def test_item_create_rejects_bad_basic_code(department, basic_code):
    with pytest.raises(Invalid) as exc:
        create(department, basic_code=basic_code)
    assert exc.value.code == "invalid_basic_code"
    assert exc.value.detail["field"] == "basic_code"
    assert not ServiceItem.objects.exists()


def test_item_create_rejects_bad_implementation_code(department):
    with pytest.raises(Invalid) as exc:
        create(department, implementation_code="abc-123")
    assert exc.value.code == "invalid_implementation_code"


def test_item_create_department_must_belong_to_centre(department, other_centre):
    with pytest.raises(Invalid) as exc:
        create(department, centre=other_centre)
    assert exc.value.code == "department_not_in_centre"
    assert not ServiceItem.objects.exists()


def test_item_create_inactive_department(department):
    department.active = False
    department.save()
    with pytest.raises(Invalid) as exc:
        create(department)
    assert exc.value.code == "department_inactive"


def test_item_create_implementation_code_unique(department):
    item = draft_item(department=department)
    with pytest.raises(Conflict) as exc:
        create(department, implementation_code=item.implementation_code)
    assert exc.value.code == "implementation_code_taken"
    assert ServiceItem.objects.count() == 1


def test_item_create_reports_every_bad_field(department):
    with pytest.raises(Invalid) as exc:
        create(department, basic_code="x", item_type="99", statutory_days=5, promised_days=8,
               theme="nonsense", special_procedures=["hearing", "magic"])
    codes = {e["code"] for e in exc.value.detail["errors"]}
    assert {"invalid_basic_code", "unknown_item_type", "promised_exceeds_statutory", "unknown_theme",
            "unknown_special_procedure"} <= codes


def test_item_create_unknown_version_field(department):
    with pytest.raises(Invalid) as exc:
        create(department, colour="red")
    assert exc.value.code == "unknown_field"


def test_item_create_immediate_item_may_promise_zero_days(department):
    item = create(department, case_class=CaseClass.IMMEDIATE, statutory_days=1, promised_days=0)
    assert ItemVersion.objects.get(item=item).promised_days == 0


def test_item_create_entrusted_department_not_itself(department):
    with pytest.raises(Invalid) as exc:
        create(department, entrusted_department=department)
    assert exc.value.code == "entrusted_same_as_department"


def test_item_update_changes_item_level_fields(department, other_department):
    item = draft_item(department=department)
    services.item_update(item=item, resident_in_hall=False, any_window=False,
                         entrusted_department=other_department)
    item.refresh_from_db()
    assert (item.resident_in_hall, item.any_window) == (False, False)
    assert item.entrusted_department == other_department


def test_item_update_refuses_identity_and_bad_values(department):
    item = draft_item(department=department)
    with pytest.raises(Invalid) as exc:
        services.item_update(item=item, implementation_code="X" * 20)
    assert exc.value.code == "unknown_field"
    with pytest.raises(Invalid) as exc:
        services.item_update(item=item, exercise_level=9)
    assert exc.value.code == "unknown_exercise_level"
    with pytest.raises(Invalid):
        services.item_update(item=item, active="yes")
    item.refresh_from_db()
    assert item.active is True and item.exercise_level == 4


def test_item_create_department_of_other_centre_same_code(department):
    # A department with the same code in another centre is still another centre's department.
    stranger = DepartmentFactory(code=department.code)
    with pytest.raises(Invalid) as exc:
        create(stranger, centre=department.centre)
    assert exc.value.code == "department_not_in_centre"
    assert not ItemVersion.objects.filter(status=VersionStatus.DRAFT).exists()
