"""Guide search (name, keyword, pinyin initials) and browsing by theme, department and life event;
the guide page with the seven disclosures."""

from __future__ import annotations

import pytest

from onewindow.catalogue.models import VersionStatus
from tests.factories import ItemVersionFactory, ServiceItemFactory
from tests.portal.conftest import FOOD_CODE

pytestmark = pytest.mark.django_db


def names(resp) -> list[str]:
    return [i.name for i in resp.context["page"].items]


@pytest.mark.parametrize("q", ["spjyxk", "SPJY", "shipinjingying", "食品", "餐饮", FOOD_CODE])
def test_search_finds_by_name_keyword_pinyin_and_code(client, food, id_card, q):
    resp = client.get("/guides/", {"q": q})
    assert resp.status_code == 200
    assert names(resp) == ["食品经营许可"]


def test_search_pinyin_initials_of_keyword(client, food, id_card):
    assert names(client.get("/guides/", {"q": "sfz"})) == ["居民身份证申领"]


def test_search_without_match_says_so(client, food):
    resp = client.get("/guides/", {"q": "zzzz"})
    assert resp.status_code == 200
    assert names(resp) == []
    assert "0" in resp.content.decode()


def test_unpublished_and_inactive_items_are_not_listed(client, food, department):
    draft = ServiceItemFactory(department=department, centre=department.centre, name="草稿事项",
                               search_text="草稿事项 cgsx")
    ItemVersionFactory(item=draft, status=VersionStatus.DRAFT)
    food.item.active = False
    food.item.save(update_fields=["active"])
    assert names(client.get("/guides/", {"q": "cgsx"})) == []
    assert names(client.get("/guides/", {"q": "spjyxk"})) == []


def test_browse_by_theme_department_and_event(client, food, id_card, start_business, other_department):
    assert names(client.get("/guides/", {"theme": "social"})) == ["居民身份证申领"]
    assert names(client.get("/guides/", {"theme": "production"})) == ["食品经营许可"]
    assert sorted(names(client.get("/guides/", {"department": food.item.department_id}))) == \
        sorted(["食品经营许可", "居民身份证申领"])
    assert names(client.get("/guides/", {"department": other_department.pk})) == []
    resp = client.get("/guides/", {"event": "start-business"})
    assert names(resp) == ["食品经营许可"]
    assert "开办企业" in resp.content.decode()


def test_event_with_several_tags(client, food, id_card, start_business):
    start_business.tags = ["开办企业", "身份证件办理"]
    start_business.save()
    both = sorted(["食品经营许可", "居民身份证申领"])
    assert sorted(names(client.get("/guides/", {"event": "start-business"}))) == both


@pytest.mark.parametrize("params, status", [
    ({"event": "no-such-event"}, 404),
    ({"q": "a b c d e f g h i"}, 422),
    ({"q": "食品\x00"}, 200),
    ({"page": "abc"}, 200),
    ({"page": "99999999999999999999999"}, 200),
    ({"department": "-1"}, 200),
    ({"theme": "nonsense"}, 200),
])
def test_bad_input_is_never_a_500(client, food, params, status):
    assert client.get("/guides/", params).status_code == status


def test_pages(client, department):
    for n in range(25):
        item = ServiceItemFactory(department=department, centre=department.centre, name=f"分页事项{n:02d}",
                                  search_text=f"分页事项{n:02d} fysx")
        ItemVersionFactory(item=item)
    first = client.get("/guides/", {"q": "fysx"})
    second = client.get("/guides/", {"q": "fysx", "page": 2})
    assert first.context["page"].count == 25 and first.context["page"].pages == 2
    assert len(names(first)) == 20 and len(names(second)) == 5
    assert not set(names(first)) & set(names(second))
    assert "page=2" in first.content.decode()


def test_search_runs_a_constant_number_of_queries(client, food, id_card, start_business,
                                                  django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        resp = client.get("/guides/", {"q": "sp", "event": "start-business"})
    assert resp.status_code == 200


def test_guide_page_shows_the_seven_disclosures(client, food):
    resp = client.get(f"/guides/{FOOD_CODE}/")
    assert resp.status_code == 200
    html = resp.content.decode()
    # seven disclosure sections, in order: legal basis, content, procedure, materials, flow, time, fees
    positions = [html.index(f'id="d{n}"') for n in range(1, 8)]
    assert positions == sorted(positions)
    assert "《中华人民共和国行政许可法》" in html  # legal basis
    assert "食品经营许可的申请与审查" in html  # content
    assert "食品经营许可申请书" in html and "租赁合同" in html  # materials (conditional ones marked)
    assert "提交材料" in html  # flow
    assert "10.00" in html  # fee
    assert 'href="https://example.org/form.pdf"' in html  # blank form
    assert "现场领取" in html  # sample given as text
    assert f'href="/guides/{FOOD_CODE}/guide.pdf"' in html
    assert f'name="s{food.situation.pk}"' in html


def test_apply_online_only_where_the_item_allows_it(client, food, id_card):
    from django.urls import NoReverseMatch, reverse

    try:
        apply_url = reverse("portal:apply", args=[FOOD_CODE])
    except NoReverseMatch:  # portal-citizen's page not there: the button is simply absent
        apply_url = None
    food_html = client.get(f"/guides/{FOOD_CODE}/").content.decode()
    id_html = client.get(f"/guides/{id_card.item.implementation_code}/").content.decode()
    assert 'data-action="apply"' not in id_html
    if apply_url:
        assert f'href="{apply_url}"' in food_html and 'data-action="apply"' in food_html


@pytest.mark.parametrize("code", ["NOSUCHCODE", "x" * 300, "%00"])
def test_unknown_guide_is_404(client, food, code):
    assert client.get(f"/guides/{code}/").status_code == 404


def test_draft_guide_is_404(client, department):
    v = ItemVersionFactory(item=ServiceItemFactory(department=department, centre=department.centre),
                           status=VersionStatus.DRAFT)
    assert client.get(f"/guides/{v.item.implementation_code}/").status_code == 404


def test_guide_page_query_count(client, food, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(f"/guides/{FOOD_CODE}/").status_code == 200


def test_booking_link_preselects_the_centre(client, food):
    html = client.get(f"/guides/{FOOD_CODE}/").content.decode()
    assert f'href="/appointments/?centre={food.item.centre_id}"' in html


def test_cannot_do_and_complaint_links_when_feedback_has_them(client, food):
    from django.urls import NoReverseMatch, reverse

    html = client.get(f"/guides/{FOOD_CODE}/").content.decode()
    for name in ("feedback:cannot_do_new", "feedback:complaint_new"):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        assert f'href="{url}"' in html
