"""materials_for: the material list tailored by the applicant's answers; version_in_force."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.catalogue import services
from onewindow.catalogue.selectors import item_draft, materials_for, version_in_force
from onewindow.core.errors import Invalid
from tests.catalogue.conftest import TODAY
from tests.catalogue.factories import draft_item, published_item


@pytest.fixture
def version(department):
    """居民身份证, 营业执照 required; 授权委托书 and 代理人身份证 conditional; two situations."""
    item = draft_item(department=department)
    v = item_draft(item=item)
    id_card = services.material_add(version=v, name="居民身份证")
    licence = services.material_add(version=v, name="营业执照")
    proxy = services.material_add(version=v, name="授权委托书", requirement="conditional")
    agent_id = services.material_add(version=v, name="代理人身份证", requirement="conditional")
    lease = services.material_add(version=v, name="租赁合同", requirement="conditional")
    who = services.situation_add(version=v, question="谁来办理?")
    services.situation_option_add(situation=who, label="本人")
    services.situation_option_add(situation=who, label="委托代理人", adds=[proxy, agent_id],
                                  removes=[id_card])
    premises = services.situation_add(version=v, question="经营场所?")
    services.situation_option_add(situation=premises, label="自有")
    services.situation_option_add(situation=premises, label="租赁", adds=[lease])
    services.situation_option_add(situation=premises, label="已登记", removes=[licence, lease])
    services.item_version_publish(version=v)
    v.refresh_from_db()
    return v


def answer(version, question, label):
    situation = version.situations.get(question=question)
    return situation.pk, situation.options.get(label=label).pk


def names(materials):
    return [m.name for m in materials]


def test_no_answers_gives_required_materials_only(version, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        result = materials_for(version=version, answers={})
    assert names(result) == ["居民身份证", "营业执照"]


def test_answers_add_and_remove(version):
    answers = dict([answer(version, "谁来办理?", "委托代理人"), answer(version, "经营场所?", "租赁")])
    assert names(materials_for(version=version, answers=answers)) == [
        "营业执照", "授权委托书", "代理人身份证", "租赁合同"]
    answers = dict([answer(version, "谁来办理?", "本人"), answer(version, "经营场所?", "自有")])
    assert names(materials_for(version=version, answers=answers)) == ["居民身份证", "营业执照"]


def test_removal_wins_over_addition(version):
    # 已登记 removes 租赁合同 which nothing else adds, and the licence: removal is final.
    answers = dict([answer(version, "经营场所?", "已登记")])
    assert names(materials_for(version=version, answers=answers)) == ["居民身份证"]


def test_unknown_situation_or_option(version, department):
    who, proxy = answer(version, "谁来办理?", "委托代理人")
    premises, rented = answer(version, "经营场所?", "租赁")
    with pytest.raises(Invalid) as exc:
        materials_for(version=version, answers={who: rented})
    assert exc.value.code == "unknown_option"
    with pytest.raises(Invalid) as exc:
        materials_for(version=version, answers={999999: proxy, premises: 888888})
    assert exc.value.code == "unknown_situation"
    assert [e["reason"] for e in exc.value.detail["errors"]] == ["unknown_situation", "unknown_option"]
    # A situation of another version (e.g. the next draft) is unknown to this one.
    draft = services.item_version_create_draft(item=version.item)
    foreign = draft.situations.get(question="谁来办理?")
    with pytest.raises(Invalid):
        materials_for(version=version, answers={foreign.pk: foreign.options.first().pk})


def test_version_in_force(department):
    item = published_item(department=department, effective_from=dt.date(2025, 1, 1))
    v1 = item.current_version
    v2 = services.item_version_create_draft(item=item)
    services.item_version_update(version=v2, effective_from=TODAY + dt.timedelta(days=15))
    services.item_version_publish(version=v2)
    assert version_in_force(item=item, on=dt.date(2024, 12, 31)) is None
    assert version_in_force(item=item, on=TODAY) == v1
    assert version_in_force(item=item, on=TODAY + dt.timedelta(days=14)) == v1
    assert version_in_force(item=item, on=TODAY + dt.timedelta(days=15)) == v2
    assert version_in_force(item=item, on=dt.date(2030, 1, 1)) == v2
