"""Drafts, updates, publication, retirement: item_version_* services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from onewindow.catalogue import services
from onewindow.catalogue.models import (
    CaseClass,
    ItemVersion,
    Material,
    MaterialRequirement,
    Situation,
    SituationOption,
    VersionStatus,
)
from onewindow.catalogue.selectors import item_draft
from onewindow.core.errors import Conflict, Invalid
from tests.catalogue.conftest import TODAY
from tests.catalogue.factories import draft_item, published_item


@pytest.fixture
def item(department):
    return published_item(department=department)


def add_situation(version):
    """A situation whose answer adds the conditional material and removes the second required one."""
    conditional = services.material_add(version=version, name="委托书",
                                        requirement=MaterialRequirement.CONDITIONAL)
    licence = Material.objects.get(version=version, name="营业执照")
    situation = services.situation_add(version=version, question="是否委托他人办理?")
    services.situation_option_add(situation=situation, label="否")
    services.situation_option_add(situation=situation, label="是", adds=[conditional], removes=[licence])
    return situation


def test_create_draft_copies_content_and_remaps_option_links(department):
    item = draft_item(department=department, keywords="食品", faq=[{"question": "q", "answer": "a"}])
    v1 = item_draft(item=item)
    services.material_add(version=v1, name="居民身份证", position=9)
    services.material_add(version=v1, name="营业执照", position=3)
    add_situation(v1)
    services.fee_add(version=v1, name="工本费", amount="10.00")
    services.item_version_publish(version=v1)

    v2 = services.item_version_create_draft(item=item)
    assert (v2.number, v2.status, v2.effective_from, v2.published_at) == (2, "draft", None, None)
    assert v2.keywords == "食品" and v2.faq == [{"question": "q", "answer": "a"}]
    def rows(v):
        return list(v.materials.values_list("name", "position"))

    assert rows(v2) == rows(v1)
    assert list(v2.fees.values_list("name", "amount")) == list(v1.fees.values_list("name", "amount"))
    option = SituationOption.objects.get(situation__version=v2, label="是")
    assert [m.name for m in option.adds.all()] == ["委托书"]
    assert [m.name for m in option.removes.all()] == ["营业执照"]
    # The links point at the copies, never at the published version's rows.
    assert {m.version_id for m in option.adds.all()} | {m.version_id for m in option.removes.all()} == {v2.pk}
    assert Situation.objects.filter(version=v1).count() == Situation.objects.filter(version=v2).count() == 1


def test_only_one_draft_at_a_time(item):
    draft = services.item_version_create_draft(item=item)
    with pytest.raises(Conflict) as exc:
        services.item_version_create_draft(item=item)
    assert exc.value.code == "draft_exists" and exc.value.detail["version"] == draft.pk
    assert ItemVersion.objects.filter(item=item).count() == 2


def test_new_draft_copies_the_latest_version_even_if_scheduled(item):
    v2 = services.item_version_create_draft(item=item)
    services.item_version_update(version=v2, name="食品经营许可(新)",
                                 effective_from=TODAY + dt.timedelta(days=30))
    services.item_version_publish(version=v2)
    v3 = services.item_version_create_draft(item=item)
    assert v3.number == 3 and v3.name == "食品经营许可(新)"


def test_update_draft_fields(item):
    draft = services.item_version_create_draft(item=item)
    services.item_version_update(version=draft, promised_days=5,
                                 special_procedures=["field_survey", "hearing"],
                                 handling_forms=["window", "online"], theme="social", notice_days=3,
                                 flow=[{"name": "受理", "description": "窗口受理"}])
    draft.refresh_from_db()
    assert draft.promised_days == 5 and draft.special_procedures == ["field_survey", "hearing"]
    assert draft.handling_forms == ["window", "online"] and draft.theme == "social" and draft.notice_days == 3


@pytest.mark.parametrize(("fields", "code"), [
    ({"promised_days": 21}, "promised_exceeds_statutory"),
    ({"statutory_days": 0, "promised_days": 0}, "statutory_days_too_small"),
    ({"promised_days": 0}, "promised_days_too_small"),
    ({"notice_days": 6}, "notice_days_out_of_range"),
    ({"max_extension_days": 16}, "max_extension_out_of_range"),
    ({"online_depth": 5}, "online_depth_out_of_range"),
    ({"special_procedures": ["hearing", "lottery"]}, "unknown_special_procedure"),
    ({"special_procedures": "hearing"}, "field_not_a_list"),
    ({"special_procedures": ["hearing", "hearing"]}, "field_duplicate_values"),
    ({"handling_forms": ["fax"]}, "unknown_handling_form"),
    ({"delivery_methods": ["drone"]}, "unknown_delivery_method"),
    ({"theme": "sports"}, "unknown_theme"),
    ({"flow": [{"description": "no name"}]}, "field_invalid_entries"),
    ({"faq": [{"question": "q"}]}, "field_invalid_entries"),
    ({"life_events": [1, 2]}, "field_not_a_list"),
    ({"case_class": "urgent"}, "field_invalid_choice"),
    ({"item_type": "99"}, "field_invalid_choice"),
    ({"name": ""}, "field_blank"),
    ({"name": "长" * 201}, "field_max_length"),
    ({"statutory_days": "twenty"}, "field_invalid"),
    ({"effective_from": "2025-01-01"}, "field_invalid"),
])
def test_update_rejects_bad_input(item, fields, code):
    draft = services.item_version_create_draft(item=item)
    before = model_to_dict(ItemVersion.objects.get(pk=draft.pk))
    with pytest.raises(Invalid) as exc:
        services.item_version_update(version=draft, **fields)
    assert exc.value.code == code
    assert exc.value.status == 422 and exc.value.message and exc.value.message_en
    assert model_to_dict(ItemVersion.objects.get(pk=draft.pk)) == before


def test_update_immediate_item_may_have_zero_promised_days(item):
    draft = services.item_version_create_draft(item=item)
    services.item_version_update(version=draft, case_class=CaseClass.IMMEDIATE, promised_days=0)
    assert ItemVersion.objects.get(pk=draft.pk).promised_days == 0


def test_update_rejects_unknown_and_life_fields(item):
    draft = services.item_version_create_draft(item=item)
    for field in ("status", "number", "published_at", "colour"):
        with pytest.raises(Invalid) as exc:
            services.item_version_update(version=draft, **{field: "x"})
        assert exc.value.code == "unknown_field"


def test_published_version_never_changes(item):
    published = item.current_version
    with pytest.raises(Conflict) as exc:
        services.item_version_update(version=published, name="改名")
    assert exc.value.code == "version_published_immutable" and exc.value.status == 409
    material = published.materials.first()
    for call in (lambda: services.material_add(version=published, name="新材料"),
                 lambda: services.material_update(material=material, name="改"),
                 lambda: services.material_remove(material=material),
                 lambda: services.fee_add(version=published, name="费", amount=1),
                 lambda: services.situation_add(version=published, question="?"),
                 lambda: services.item_version_discard(version=published)):
        with pytest.raises(Conflict) as exc:
            call()
        assert exc.value.code == "version_published_immutable"
    published.refresh_from_db()
    assert published.name == "食品经营许可" and published.materials.count() == 2


def test_publish_makes_current_and_closes_previous(item, manager):
    v1 = item.current_version
    v2 = services.item_version_create_draft(item=item)
    services.item_version_update(version=v2, name="食品经营许可证核发", keywords="餐饮")
    services.item_version_publish(version=v2, by=manager.user)
    item.refresh_from_db()
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert item.current_version == v2 and item.name == "食品经营许可证核发" and "餐饮" in item.search_text
    assert (v2.status, v2.effective_from, v2.published_by) == ("published", TODAY, manager.user)
    assert v1.effective_to == TODAY and v1.status == "published"


def test_case_keeps_its_version(item):
    """A case pins the version it was accepted under: publishing a newer one leaves that row as it was."""
    pinned = item.current_version
    snapshot = model_to_dict(ItemVersion.objects.get(pk=pinned.pk), exclude=["effective_to"])
    materials = list(Material.objects.filter(version=pinned).values())
    draft = services.item_version_create_draft(item=item)
    services.item_version_update(version=draft, promised_days=3, conditions="新条件")
    services.material_remove(material=draft.materials.get(name="营业执照"))
    services.item_version_publish(version=draft)
    assert model_to_dict(ItemVersion.objects.get(pk=pinned.pk), exclude=["effective_to"]) == snapshot
    assert list(Material.objects.filter(version=pinned).values()) == materials


def test_publish_only_drafts(item):
    with pytest.raises(Conflict) as exc:
        services.item_version_publish(version=item.current_version)
    assert exc.value.code == "version_not_draft"


def test_publish_revalidates_content(department):
    item = draft_item(department=department)
    # A draft written behind the services' back (e.g. a raw data load) is still checked on publication.
    ItemVersion.objects.filter(item=item).update(promised_days=30)
    with pytest.raises(Invalid) as exc:
        services.item_version_publish(version=item_draft(item=item))
    assert exc.value.code == "promised_exceeds_statutory"
    assert item_draft(item=item).status == VersionStatus.DRAFT


def test_publish_cannot_backdate_before_the_current_version(department):
    item = published_item(department=department, effective_from=dt.date(2025, 1, 1))
    draft = services.item_version_create_draft(item=item)
    services.item_version_update(version=draft, effective_from=dt.date(2024, 12, 31))
    with pytest.raises(Conflict) as exc:
        services.item_version_publish(version=draft)
    assert exc.value.code == "effective_from_before_current"


def test_discard_draft(item):
    draft = services.item_version_create_draft(item=item)
    services.item_version_discard(version=draft)
    assert not ItemVersion.objects.filter(pk=draft.pk).exists()
    assert Material.objects.filter(version=item.current_version).count() == 2


def test_retire_current_version_leaves_item_without_guide(item):
    version = item.current_version
    services.item_version_retire(version=version)
    version.refresh_from_db()
    item.refresh_from_db()
    assert version.status == "retired" and version.effective_to == TODAY and version.retired_at
    assert item.current_version is None
    with pytest.raises(Conflict) as exc:
        services.item_version_retire(version=version)
    assert exc.value.code == "version_not_published"


def test_retire_in_future_and_not_in_past(item):
    version = item.current_version
    with pytest.raises(Invalid) as exc:
        services.item_version_retire(version=version, on=TODAY - dt.timedelta(days=1))
    assert exc.value.code == "retire_date_in_past"
    services.item_version_retire(version=version, on=TODAY + dt.timedelta(days=10))
    item.refresh_from_db()
    assert item.current_version == version  # still in force until the 10th day
    assert services.items_refresh_current(on=TODAY + dt.timedelta(days=10)) == [item.pk]
    item.refresh_from_db()
    assert item.current_version is None


def test_retire_draft_refused(department):
    item = draft_item(department=department)
    with pytest.raises(Conflict) as exc:
        services.item_version_retire(version=item_draft(item=item))
    assert exc.value.code == "version_not_published"


def test_bundle_versions_must_stay_joint(department, other_department):
    from tests.catalogue.factories import joint_bundle

    bundle = joint_bundle(department=department)
    a = published_item(department=department)
    b = published_item(department=other_department)
    services.bundle_set_components(bundle=bundle, components=[(a, True), (b, False)])
    draft = services.item_version_create_draft(item=bundle)
    with pytest.raises(Invalid) as exc:
        services.item_version_update(version=draft, case_class=CaseClass.PROMISED)
    assert exc.value.code == "bundle_must_be_joint"


def test_licensing_caps_do_not_bind_other_item_types(department):
    # Information disclosure (an "other power" item) has 7 days for a correction notice and a 20-day
    # extension under its own regulation (DOMAIN §8); the licensing law's 5 and 15 do not apply.
    item = draft_item(department=department, item_type="10", name="政府信息公开申请", statutory_days=20,
                      promised_days=15, notice_days=7, max_extension_days=20)
    assert item_draft(item=item).notice_days == 7
