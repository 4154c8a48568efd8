"""Materials, fees, situations and answers of a draft."""

from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.catalogue import services
from onewindow.catalogue.models import Fee, Material, MaterialSource, Situation, SituationOption
from onewindow.catalogue.selectors import item_draft
from onewindow.core.errors import Invalid
from tests.catalogue.factories import draft_item, published_item


@pytest.fixture
def draft(department):
    return item_draft(item=draft_item(department=department))


def test_material_add_positions_and_fields(draft):
    a = services.material_add(version=draft, name="居民身份证", form="original_and_copy", copies=2)
    b = services.material_add(version=draft, name="营业执照", source=MaterialSource.LICENCE_LIBRARY,
                              licence_type="BUSINESS_LICENCE")
    assert (a.position, b.position) == (1, 2)
    assert Material.objects.get(pk=a.pk).form == "original_and_copy"


@pytest.mark.parametrize(("fields", "code"), [
    ({"copies": 0}, "copies_too_small"),
    ({"source": MaterialSource.LICENCE_LIBRARY}, "licence_type_required"),
    ({"requirement": "maybe"}, "field_invalid_choice"),
    ({"medium": "stone"}, "field_invalid_choice"),
    ({"position": 0}, "field_invalid"),
    ({"colour": "red"}, "unknown_field"),
])
def test_material_add_rejects_bad_input(draft, fields, code):
    with pytest.raises(Invalid) as exc:
        services.material_add(version=draft, name="材料", **fields)
    assert exc.value.code == code
    assert not Material.objects.filter(version=draft).exists()


def test_material_names_and_positions_unique_in_version(draft):
    services.material_add(version=draft, name="居民身份证", position=1)
    with pytest.raises(Invalid) as exc:
        services.material_add(version=draft, name="居民身份证")
    assert exc.value.code == "material_name_duplicate"
    with pytest.raises(Invalid) as exc:
        services.material_add(version=draft, name="户口簿", position=1)
    assert exc.value.code == "position_taken"


def test_material_update_and_remove(draft):
    material = services.material_add(version=draft, name="居民身份证")
    other = services.material_add(version=draft, name="户口簿")
    services.material_update(material=material, acceptance_standard="原件核验", copies=3)
    material.refresh_from_db()
    assert (material.acceptance_standard, material.copies) == ("原件核验", 3)
    with pytest.raises(Invalid) as exc:
        services.material_update(material=material, name="户口簿")
    assert exc.value.code == "material_name_duplicate"
    situation = services.situation_add(version=draft, question="是否本人办理?")
    option = services.situation_option_add(situation=situation, label="否", removes=[other])
    services.material_remove(material=other)
    assert not Material.objects.filter(pk=other.pk).exists()
    assert option.removes.count() == 0  # the link goes with the material


def test_fee_add_update_remove(draft):
    fee = services.fee_add(version=draft, name="工本费", amount="10", standard="每证10元")
    assert Fee.objects.get(pk=fee.pk).amount == Decimal("10.00")
    services.fee_update(fee=fee, amount=Decimal("12.50"))
    assert Fee.objects.get(pk=fee.pk).amount == Decimal("12.50")
    for amount, code in (("-1", "fee_amount_negative"), ("abc", "field_invalid"),
                         ("1234567890123", "field_max_digits")):
        with pytest.raises(Invalid) as exc:
            services.fee_add(version=draft, name="费", amount=amount)
        assert exc.value.code == code
    services.fee_remove(fee=fee)
    assert not Fee.objects.filter(version=draft).exists()


def test_situation_and_options(draft):
    id_card = services.material_add(version=draft, name="居民身份证")
    proxy = services.material_add(version=draft, name="授权委托书", requirement="conditional")
    situation = services.situation_add(version=draft, question="是否委托办理?")
    no = services.situation_option_add(situation=situation, label="否")
    yes = services.situation_option_add(situation=situation, label="是", adds=[proxy], removes=[id_card.pk])
    assert (no.position, yes.position) == (1, 2)
    assert list(yes.adds.all()) == [proxy] and list(yes.removes.all()) == [id_card]
    services.situation_option_update(option=yes, label="是(委托)", removes=[])
    yes.refresh_from_db()
    assert yes.label == "是(委托)" and yes.removes.count() == 0 and list(yes.adds.all()) == [proxy]
    services.situation_update(situation=situation, question="是否委托他人办理?")
    assert Situation.objects.get(pk=situation.pk).question == "是否委托他人办理?"
    services.situation_option_remove(option=no)
    services.situation_remove(situation=situation)
    assert not SituationOption.objects.filter(situation__version=draft).exists()


def test_option_links_must_stay_in_the_version(draft, department):
    other_version = published_item(department=department).current_version
    foreign = other_version.materials.first()
    own = services.material_add(version=draft, name="居民身份证")
    situation = services.situation_add(version=draft, question="?")
    with pytest.raises(Invalid) as exc:
        services.situation_option_add(situation=situation, label="是", adds=[foreign])
    assert exc.value.code == "material_not_in_version"
    with pytest.raises(Invalid) as exc:
        services.situation_option_add(situation=situation, label="是", adds=[own], removes=[own])
    assert exc.value.code == "option_adds_and_removes"
    with pytest.raises(Invalid) as exc:
        services.situation_option_add(situation=situation, label="")
    assert exc.value.code == "field_blank"
    assert not SituationOption.objects.exists()


def test_situation_positions_unique(draft):
    services.situation_add(version=draft, question="一", position=2)
    with pytest.raises(Invalid) as exc:
        services.situation_add(version=draft, question="二", position=2)
    assert exc.value.code == "position_taken"
    assert services.situation_add(version=draft, question="三").position == 3


def test_clear_contents(draft):
    material = services.material_add(version=draft, name="居民身份证")
    services.fee_add(version=draft, name="工本费", amount=1)
    situation = services.situation_add(version=draft, question="?")
    services.situation_option_add(situation=situation, label="是", adds=[material])
    services.version_clear_contents(version=draft)
    assert not draft.materials.exists() and not draft.fees.exists() and not draft.situations.exists()


def test_replace_contents_in_one_go(draft, django_assert_max_num_queries):
    services.material_add(version=draft, name="旧材料")
    extra = [{"position": n, "name": f"材料{n}"} for n in range(3, 40)]
    with django_assert_max_num_queries(18):  # constant: bulk writes, whatever the number of rows
        services.version_replace_contents(
            version=draft,
            materials=[{"position": 1, "name": "居民身份证"},
                       {"position": 2, "name": "授权委托书", "requirement": "conditional"}, *extra],
            fees=[{"name": "工本费", "amount": Decimal("5.00")}],
            situations=[{"position": 1, "question": "是否委托?"}],
            options=[{"situation": 1, "position": 1, "label": "否"},
                     {"situation": 1, "position": 2, "label": "是", "adds": [2], "removes": [1]}])
    assert [m.name for m in draft.materials.all()][:3] == ["居民身份证", "授权委托书", "材料3"]
    assert draft.materials.count() == 39
    yes = SituationOption.objects.get(situation__version=draft, label="是")
    assert [m.name for m in yes.adds.all()] == ["授权委托书"]
    assert [m.name for m in yes.removes.all()] == ["居民身份证"]
    assert list(draft.fees.values_list("amount", flat=True)) == [Decimal("5.00")]


def test_replace_contents_reports_every_bad_row_and_keeps_the_old(draft):
    old = services.material_add(version=draft, name="旧材料")
    with pytest.raises(Invalid) as exc:
        services.version_replace_contents(
            version=draft,
            materials=[{"position": 1, "name": "甲"}, {"position": 1, "name": "甲", "copies": 0}],
            fees=[{"name": "费", "amount": -1}],
            situations=[{"position": 1, "question": ""}],
            options=[{"situation": 2, "position": 1, "label": "x", "adds": [7]}])
    fields = {(e["field"], e["code"]) for e in exc.value.detail["errors"]}
    assert fields == {("materials.1.copies", "copies_too_small"),
                      ("materials.1.name", "material_name_duplicate"),
                      ("materials.1.position", "position_taken"), ("fees.0.amount", "fee_amount_negative"),
                      ("situations.0.question", "field_blank"), ("options.0.situation", "unknown_situation"),
                      ("options.0.adds", "material_not_in_version")}
    assert list(draft.materials.all()) == [old]
