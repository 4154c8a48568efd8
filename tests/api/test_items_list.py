"""GET /api/v1/items: public list, search (name, code, keyword, pinyin), filters, keyset pages."""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine

from onewindow.catalogue.models import Delegation, HandlingForm, ItemType, VersionStatus
from onewindow.network.models import CentreLevel
from tests.api.conftest import assert_error, make_item
from tests.factories import CentreFactory, DepartmentFactory

URL = "/api/v1/items"


@pytest.fixture
def catalogue(department, other_department, other_centre):
    """Four listed items in the test county, one listed in the next county, two that are not public."""
    ga_elsewhere = DepartmentFactory(centre=other_centre, name="邻县公安局", code="GA")
    items = {
        "first_id": make_item(department=other_department, name="居民身份证首次申领", keywords="办证",
                              item_type=ItemType.PUBLIC_SERVICE, theme="social"),
        "renew_id": make_item(department=other_department, name="居民身份证换领", keywords="到期换证",
                              item_type=ItemType.PUBLIC_SERVICE, theme="social"),
        "company": make_item(department=department, name="企业设立登记", keywords="开办企业 营业执照",
                             theme="registration", handling_forms=[HandlingForm.WINDOW, HandlingForm.ONLINE],
                             visits_required=0, promised_days=3, statutory_days=15),
        "food": make_item(department=department, name="食品经营许可", keywords="餐饮",
                          theme="production"),
        "lost_id": make_item(department=ga_elsewhere, name="居民身份证挂失",
                             item_type=ItemType.PUBLIC_SERVICE, theme="social"),
        "draft": make_item(department=other_department, name="居民身份证草稿事项",
                           status=VersionStatus.DRAFT),
        "inactive": make_item(department=other_department, name="居民身份证临时证"),
    }
    items["inactive"].active = False
    items["inactive"].save()
    return items


def _names(resp):
    assert resp.status_code == 200, resp.content
    return {r["name"] for r in resp.json()["results"]}


LISTED = {"居民身份证首次申领", "居民身份证换领", "企业设立登记", "食品经营许可", "居民身份证挂失"}
IDS = {"居民身份证首次申领", "居民身份证换领", "居民身份证挂失"}


@pytest.mark.django_db
def test_lists_only_active_items_with_a_published_current_version(api_client, catalogue):
    resp = api_client.get(URL)
    assert _names(resp) == LISTED
    body = resp.json()
    assert body["count"] == 5
    assert body["next"] is None
    codes = [r["implementation_code"] for r in body["results"]]
    assert codes == sorted(codes)


@pytest.mark.django_db
def test_result_shape(api_client, catalogue, department, centre):
    company = catalogue["company"]
    resp = api_client.get(URL, {"q": "企业设立"})
    assert resp.json()["results"] == [{
        "code": company.basic_code,
        "implementation_code": company.implementation_code,
        "name": "企业设立登记",
        "item_type": "01",
        "item_type_name": str(ItemType.LICENSING.label),
        "department": {"id": department.pk, "code": "SCJG", "name": "测试县市场监督管理局"},
        "centre": {"id": centre.pk, "name": "测试县政务服务中心", "region": "990101"},
        "theme": "registration",
        "case_class": "promised",
        "promised_days": 3,
        "statutory_days": 15,
        "visits_required": 0,
        "handling_forms": ["window", "online"],
    }]


@pytest.mark.django_db
@pytest.mark.parametrize("q,expected", [
    ("身份证", IDS),                     # name
    ("sfz", IDS),                        # pinyin initials
    ("SFZ", IDS),                        # case does not matter
    ("shenfenzheng", IDS),               # full pinyin
    ("sfz hl", {"居民身份证换领"}),        # every term must match
    ("营业执照", {"企业设立登记"}),        # keyword
    ("canyin", {"食品经营许可"}),          # keyword in pinyin
    ("  食品   经营 ", {"食品经营许可"}),   # extra spaces
    ("户口", set()),
])
def test_q_matches_name_keywords_and_pinyin(api_client, catalogue, q, expected):
    resp = api_client.get(URL, {"q": q})
    assert _names(resp) == expected
    assert resp.json()["count"] == len(expected)


@pytest.mark.django_db
def test_q_matches_basic_and_implementation_codes(api_client, catalogue):
    food = catalogue["food"]
    assert _names(api_client.get(URL, {"q": food.basic_code})) == {"食品经营许可"}
    assert _names(api_client.get(URL, {"q": food.implementation_code.lower()})) == {"食品经营许可"}


@pytest.mark.django_db
def test_filters(api_client, catalogue, department, other_department, centre, other_centre):
    def names(**params):
        return _names(api_client.get(URL, params))

    assert names(department="SCJG") == {"企业设立登记", "食品经营许可"}
    assert names(department="GA") == IDS  # a code names the same department in every centre
    assert names(department=str(other_department.pk)) == {"居民身份证首次申领", "居民身份证换领"}
    assert names(item_type="20") == IDS
    assert names(item_type="01") == {"企业设立登记", "食品经营许可"}
    assert names(item_type="09") == set()
    assert names(theme="registration") == {"企业设立登记"}
    assert names(centre=other_centre.pk) == {"居民身份证挂失"}
    assert names(centre=centre.pk, q="sfz") == {"居民身份证首次申领", "居民身份证换领"}
    assert names(region="990102") == {"居民身份证挂失"}
    assert names(department="NOPE") == set()


@pytest.mark.django_db
@pytest.mark.parametrize("item_type", ["99", "1", "xx"])
def test_bad_item_type_is_422(api_client, catalogue, item_type):
    body = assert_error(api_client.get(URL, {"item_type": item_type}), 422, "invalid_item_type")
    assert "20" in body["detail"]["allowed"]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", [
    "!!!", "abc", "a", _b64(b'{"k": "x"}'), _b64(b"[1]"), _b64(b'["a", "b"]'), _b64(b'[""]'),
    _b64(('["' + "x" * 41 + '"]').encode()), _b64(b'["a\\u0000"]'), _b64(b"\xff\xfe"), "x" * 200,
])
def test_bad_cursor_is_422(api_client, catalogue, cursor):
    assert_error(api_client.get(URL, {"cursor": cursor}), 422, "invalid_cursor")


@pytest.mark.django_db
@pytest.mark.parametrize("params,code", [
    ({"limit": 0}, "validation_error"),
    ({"limit": 101}, "validation_error"),
    ({"centre": "abc"}, "validation_error"),
    ({"q": "x" * 101}, "validation_error"),
    ({"q": "sfz\x00"}, "invalid_parameter"),
    ({"department": "S\x00"}, "invalid_parameter"),
    ({"department": "²"}, None),  # a Unicode digit that int() refuses: a code, not an id

    ({"q": " ".join("abcdefghij")}, "too_many_terms"),
])
def test_bad_parameters_are_422_never_500(api_client, catalogue, params, code):
    if code is None:
        assert api_client.get(URL, params).json()["count"] == 0
    else:
        assert_error(api_client.get(URL, params), 422, code)


@pytest.mark.django_db
def test_keyset_paging_walks_every_item_exactly_once(api_client, item_maker):
    made = {item_maker(name=f"分页事项{i:02d}").implementation_code for i in range(45)}
    seen, pages, url = [], 0, f"{URL}?q=fysx"  # pinyin initials of 分页事项
    while url:
        resp = api_client.get(url)
        body = resp.json()
        assert body["count"] == 45
        assert len(body["results"]) == (20 if pages < 2 else 5)
        seen += [r["implementation_code"] for r in body["results"]]
        url = body["next"]
        pages += 1
        if url:
            parts = urlsplit(url)
            assert parts.scheme == "http" and parts.netloc == "testserver"  # a full URL
            assert parse_qs(parts.query)["q"] == ["fysx"]  # filters carried over
    assert pages == 3
    assert seen == sorted(made)
    assert len(set(seen)) == 45


@pytest.mark.django_db
def test_limit_and_insert_between_pages(api_client, item_maker):
    for i in range(5):
        item_maker(name=f"事项{i}", implementation_code=f"IMPL{i * 2:04d}")
    first = api_client.get(URL, {"limit": 2}).json()
    assert [r["implementation_code"] for r in first["results"]] == ["IMPL0000", "IMPL0002"]
    # Rows added before the cursor do not shift later pages (no duplicates, unlike offset paging).
    item_maker(name="新事项", implementation_code="IMPL0001")
    item_maker(name="新事项二", implementation_code="IMPL0003")
    second = api_client.get(first["next"]).json()
    assert [r["implementation_code"] for r in second["results"]] == ["IMPL0003", "IMPL0004"]
    assert second["count"] == 7


@pytest.mark.django_db
def test_list_runs_two_queries_whatever_the_page_size(api_client, item_maker, django_assert_max_num_queries):
    for i in range(30):
        item_maker(name=f"事项{i}", materials=2)
    with django_assert_max_num_queries(2):  # count + page
        resp = api_client.get(URL, {"limit": 25, "q": "sx", "department": "SCJG"})
    assert len(resp.json()["results"]) == 25


@pytest.mark.django_db
def test_available_at_adds_items_delegated_to_the_centre(api_client, catalogue, centre):
    town = CentreFactory(name="测试镇便民服务中心", level=CentreLevel.TOWNSHIP, parent=centre)
    own = make_item(department=DepartmentFactory(centre=town, code="MZ"), name="镇级事项")
    Delegation.objects.create(item=catalogue["company"], to_centre=town, valid_from=dt.date(2025, 1, 1))
    Delegation.objects.create(item=catalogue["food"], to_centre=town, valid_from=dt.date(2025, 1, 1),
                              valid_to=dt.date(2025, 5, 31))
    with time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                             tick=False):
        assert _names(api_client.get(URL, {"available_at": town.pk})) == {own.name, "企业设立登记"}
        assert _names(api_client.get(URL, {"centre": town.pk})) == {own.name}
