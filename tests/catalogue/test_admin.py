"""The catalogue admin: pages load for a superuser, saves go through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from onewindow.catalogue import services
from onewindow.catalogue.models import (
    BundleComponent,
    Delegation,
    GuideReview,
    ItemVersion,
    Material,
    ServiceItem,
    Situation,
    VersionStatus,
)
from onewindow.catalogue.selectors import item_draft
from tests.catalogue.factories import joint_bundle, published_item


@pytest.fixture
def client(admin_user):
    c = Client()
    c.force_login(admin_user)
    return c


@pytest.fixture
def world(department, other_department, township):
    food = published_item(department=department, name="食品经营许可")
    seal = published_item(department=other_department, name="公章刻制备案")
    bundle = joint_bundle(department=department)
    services.bundle_set_components(bundle=bundle, components=[(food, True), (seal, False)])
    draft = services.item_version_create_draft(item=food)
    situation = services.situation_add(version=draft, question="是否委托?")
    services.situation_option_add(situation=situation, label="是")
    delegation = services.delegation_grant(item=food, to_centre=township, valid_from=dt.date(2025, 1, 1))
    review = services.guide_review_record(item=food, reviewed_on=dt.date(2025, 6, 1), reviewer=None,
                                          outcome="unchanged")
    return {"food": food, "draft": draft, "situation": situation, "delegation": delegation, "review": review,
            "published": food.current_version, "component": BundleComponent.objects.first()}


def url(model, view, *args):
    return reverse(f"admin:catalogue_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("model", "key"), [
    (ServiceItem, "food"), (ItemVersion, "draft"), (ItemVersion, "published"), (Situation, "situation"),
    (Delegation, "delegation"), (GuideReview, "review"), (BundleComponent, "component"),
])
def test_changelist_and_change_view_load(client, world, model, key):
    assert client.get(url(model, "changelist")).status_code == 200
    obj = world[key]
    response = client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    assert str(obj).split(" ")[0] in response.content.decode()


def test_add_pages_load(client, world):
    for model in (ServiceItem, Delegation, GuideReview):
        assert client.get(url(model, "add")).status_code == 200


def test_index_and_search(client, world):
    assert client.get(reverse("admin:index")).status_code == 200
    response = client.get(url(ServiceItem, "changelist"), {"q": "食品"})
    assert response.status_code == 200 and "食品经营许可" in response.content.decode()


def test_published_version_is_read_only(client, world):
    published = world["published"]
    page = client.get(url(ItemVersion, "change", published.pk)).content.decode()
    assert 'name="name"' not in page and 'name="_save"' not in page
    response = client.post(url(ItemVersion, "change", published.pk), {"name": "改名"})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.name == "食品经营许可"


def test_draft_is_editable_through_the_services(client, world):
    draft = world["draft"]
    page = client.get(url(ItemVersion, "change", draft.pk)).content.decode()
    assert 'name="name"' in page
    from django.forms.models import model_to_dict

    from onewindow.catalogue.services.rules import version_content_fields

    data = model_to_dict(draft, fields=[*version_content_fields(), "effective_from"])
    for key in ("handling_forms", "life_events", "special_procedures", "flow", "review_steps", "faq",
                "delivery_methods"):
        data[key] = "[]"
    data["effective_from"] = ""
    data.update({"name": "食品经营许可(草稿)", "promised_days": 30})
    materials = list(draft.materials.all())
    for prefix, rows in (("materials", materials), ("fees", []), ("situations", [world["situation"]])):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    for n, m in enumerate(materials):
        for field, value in model_to_dict(m).items():
            if field not in ("version",):
                data[f"materials-{n}-{field}"] = value
    data["situations-0-id"] = world["situation"].pk
    data["situations-0-version"] = draft.pk
    data["situations-0-position"] = 1
    data["situations-0-question"] = "是否委托他人?"
    # promised 30 > statutory 20: the form shows the rule's message and nothing changes.
    response = client.post(url(ItemVersion, "change", draft.pk), data)
    assert response.status_code == 200
    assert "承诺办结时限不得超过法定办结时限" in response.content.decode()
    assert ItemVersion.objects.get(pk=draft.pk).name == "食品经营许可"
    data["promised_days"] = 8
    data["materials-1-DELETE"] = "on"
    response = client.post(url(ItemVersion, "change", draft.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert (draft.name, draft.promised_days) == ("食品经营许可(草稿)", 8)
    assert [m.name for m in draft.materials.all()] == ["居民身份证"]
    assert Situation.objects.get(pk=world["situation"].pk).question == "是否委托他人?"


def test_publish_action(client, world, admin_user):
    draft = world["draft"]
    services.item_version_update(version=draft, name="食品经营许可(新版)")
    response = client.post(url(ItemVersion, "changelist"),
                           {"action": "publish", "_selected_action": [draft.pk, world["published"].pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED and draft.published_by == admin_user
    world["food"].refresh_from_db()
    assert world["food"].name == "食品经营许可(新版)"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("只有草稿版本可以发布" in t for t in texts)  # the already published one is reported
    assert any("1" in t for t in texts)


def test_new_draft_action_reports_conflicts(client, world):
    food = world["food"]
    action = {"action": "new_draft", "_selected_action": [food.pk]}
    response = client.post(url(ServiceItem, "changelist"), action)
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("已有草稿版本" in t for t in texts)
    services.item_version_discard(version=world["draft"])
    client.post(url(ServiceItem, "changelist"), action)
    assert item_draft(item=food) is not None


def test_add_item_through_admin(client, department):
    response = client.post(url(ServiceItem, "add"), {
        "centre": department.centre.pk, "department": department.pk, "basic_code": "000500000001",
        "implementation_code": "11990100MB0000000X4000500000001", "name": "户外广告设置许可",
        "item_type": "01",
        "exercise_level": 4, "resident_in_hall": "on", "any_window": "on", "statutory_days": 20,
        "promised_days": 5})
    assert response.status_code == 302
    item = ServiceItem.objects.get(implementation_code="11990100MB0000000X4000500000001")
    assert item_draft(item=item).promised_days == 5
    bad = client.post(url(ServiceItem, "add"), {
        "centre": department.centre.pk, "department": department.pk, "basic_code": "123",
        "implementation_code": "11990100MB0000000X4000500000002", "name": "x", "item_type": "01",
        "exercise_level": 4, "statutory_days": 20, "promised_days": 5})
    assert bad.status_code == 200 and "基本编码必须为12位数字或大写字母" in bad.content.decode()


def test_situation_options_edit_links(client, world):
    situation = world["situation"]
    draft = world["draft"]
    material = draft.materials.first()
    option = situation.options.get()
    data = {"position": 1, "question": situation.question,
            "options-TOTAL_FORMS": 2, "options-INITIAL_FORMS": 1,
            "options-MIN_NUM_FORMS": 0, "options-MAX_NUM_FORMS": 1000,
            "options-0-id": option.pk, "options-0-situation": situation.pk, "options-0-position": 1,
            "options-0-label": "是", "options-0-adds": [material.pk],
            "options-1-situation": situation.pk, "options-1-position": 0, "options-1-label": "否"}
    response = client.post(url(Situation, "change", situation.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    option.refresh_from_db()
    assert list(option.adds.all()) == [material]
    assert [o.label for o in situation.options.all()] == ["是", "否"]
    # A published version's situation is read-only.
    published_situation = Situation.objects.create(version=world["published"], question="旧问题")
    assert client.post(url(Situation, "change", published_situation.pk), data).status_code == 403
    assert Material.objects.filter(version=draft).count() == 2


def test_overdue_review_filter(client, world):
    response = client.get(url(ServiceItem, "changelist"), {"guide_reviews": "overdue"})
    page = response.content.decode()
    assert response.status_code == 200 and "食品经营许可" in page and "公章刻制备案" in page
    for day in (dt.date(2025, 1, 5), dt.date(2025, 3, 5), dt.date(2025, 5, 5)):
        services.guide_review_record(item=world["food"], reviewed_on=day, reviewer=None, outcome="unchanged")
    response = client.get(url(ServiceItem, "changelist"), {"guide_reviews": "ok"})
    assert "食品经营许可" in response.content.decode()
    response = client.get(url(ServiceItem, "changelist"), {"guide_reviews": "overdue"})
    assert "食品经营许可" not in response.content.decode()


def test_delegation_and_review_through_admin(client, world, department, township, admin_user):
    seal = ServiceItem.objects.get(name="公章刻制备案")
    response = client.post(url(Delegation, "add"), {"item": seal.pk, "to_centre": township.pk,
                                                    "valid_from": "2025-02-01", "document_no": "文号"})
    assert response.status_code == 302
    assert Delegation.objects.get(item=seal).granted_by == admin_user
    bad = client.post(url(Delegation, "add"), {"item": seal.pk, "to_centre": department.centre.pk,
                                               "valid_from": "2025-02-01"})
    assert bad.status_code == 200 and "只能赋权给乡镇" in bad.content.decode()
    response = client.post(url(Delegation, "changelist"),
                           {"action": "revoke", "_selected_action": [world["delegation"].pk]})
    assert response.status_code == 302
    assert Delegation.objects.get(pk=world["delegation"].pk).revoked
    response = client.post(url(GuideReview, "add"), {"item": seal.pk, "reviewed_on": "2025-06-10",
                                                     "outcome": "updated", "note": "核对收费"})
    assert response.status_code == 302
    assert GuideReview.objects.get(item=seal).reviewer == admin_user
    future = client.post(url(GuideReview, "add"), {"item": seal.pk, "reviewed_on": "2025-07-10",
                                                   "outcome": "updated"})
    assert future.status_code == 200 and GuideReview.objects.filter(item=seal).count() == 1


def test_service_refusal_rolls_back_and_shows_a_message(client, world):
    """Bundle rules are checked by bundle_set_components on save: a bundle of one component is
    refused, nothing is saved, and the reason comes back as a message."""
    bundle = ServiceItem.objects.get(name="企业开办")
    rows = list(BundleComponent.objects.filter(bundle=bundle).order_by("position"))
    data = {"entrusted_department": "", "exercise_level": 4, "resident_in_hall": "on", "any_window": "on",
            "components-TOTAL_FORMS": 2, "components-INITIAL_FORMS": 2, "components-MIN_NUM_FORMS": 0,
            "components-MAX_NUM_FORMS": 1000}
    for n, row in enumerate(rows):
        data.update({f"components-{n}-id": row.pk, f"components-{n}-bundle": bundle.pk,
                     f"components-{n}-component": row.component_id, f"components-{n}-position": row.position,
                     f"components-{n}-is_lead": "on" if row.is_lead else ""})
    data["components-1-DELETE"] = "on"
    data["resident_in_hall"] = ""  # an item-level change in the same save must be rolled back too
    response = client.post(url(ServiceItem, "change", bundle.pk), data)
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("至少涉及两个部门" in t for t in texts)
    assert BundleComponent.objects.filter(bundle=bundle).count() == 2
    bundle.refresh_from_db()
    assert bundle.resident_in_hall is True  # nothing of the save was kept
