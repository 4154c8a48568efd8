"""The situation questionnaire → personal material checklist (htmx fragment and no-JS page)."""

from __future__ import annotations

import pytest

from tests.portal.conftest import FOOD_CODE

pytestmark = pytest.mark.django_db
URL = f"/guides/{FOOD_CODE}/checklist"
HX = {"HTTP_HX_REQUEST": "true"}


def listed(resp) -> list[str]:
    return [r["material"].name for r in resp.context["checklist"]]


def test_rented_adds_the_lease(client, food):
    resp = client.get(URL, {f"s{food.situation.pk}": food.opt_rented.pk}, **HX)
    assert resp.status_code == 200
    assert listed(resp) == ["食品经营许可申请书", "身份证明", "租赁合同", "场所平面图", "营业执照"]
    html = resp.content.decode()
    assert "<html" not in html  # a fragment for htmx
    assert 'role="status"' in html
    # the print link carries the answers so that the PDF prints the same list
    assert f"checklist=1&amp;s{food.situation.pk}={food.opt_rented.pk}" in html


def test_owned_removes_the_plan_and_adds_nothing(client, food):
    resp = client.get(URL, {f"s{food.situation.pk}": food.opt_owned.pk}, **HX)
    assert listed(resp) == ["食品经营许可申请书", "身份证明", "营业执照"]


def test_unanswered_shows_the_required_materials(client, food):
    resp = client.get(URL, **HX)
    assert listed(resp) == ["食品经营许可申请书", "身份证明", "场所平面图", "营业执照"]
    assert resp.context["answered"] == 0 and resp.context["questions"] == 1


def test_licence_library_material_is_marked_as_not_to_submit(client, food):
    html = client.get(URL, **HX).content.decode()
    assert "营业执照" in html


def test_option_of_another_situation_is_422(client, food, id_card):
    from onewindow.catalogue.models import Situation, SituationOption

    other = SituationOption.objects.create(
        situation=Situation.objects.create(version=id_card, question="?"), label="x")
    resp = client.get(URL, {f"s{food.situation.pk}": other.pk}, **HX)
    assert resp.status_code == 422
    assert 'role="alert"' in resp.content.decode()


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 30, ""])
def test_garbage_answers_are_ignored(client, food, value):
    resp = client.get(URL, {f"s{food.situation.pk}": value}, **HX)
    assert resp.status_code == 200


def test_without_javascript_the_whole_page_comes_back(client, food):
    resp = client.get(URL, {f"s{food.situation.pk}": food.opt_rented.pk})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "<html" in html and "租赁合同" in html
    assert "checked" in html  # the chosen answer stays chosen


def test_checklist_query_count(client, food, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(URL, {f"s{food.situation.pk}": food.opt_rented.pk}, **HX)
