"""Progress lookup without login: right and wrong answers, no existence leak, rate limits."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from onewindow.cases.services import MaterialIn
from tests.cases.conftest import intake

URL = "/progress/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case(frozen, clerk, food):
    given = [MaterialIn(material=m.pk, provided="original") for m in (food.m_form, food.m_id, food.m_deed)]
    return intake(clerk, food, materials=given).case


def look(client, number, verify, **extra):
    return client.post(URL, {"number": number, "verify": verify}, **extra)


def test_form_page(client, db):
    resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'name="number"' in html and 'name="verify"' in html and 'method="post"' in html
    assert resp["Cache-Control"].startswith("max-age=0") or "no-cache" in resp["Cache-Control"]


@pytest.mark.parametrize("verify", ["002X", "002x", "1234"])  # ID …002X, phone …1234
def test_right_answer_shows_state_timeline_and_clock(client, case, verify, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        resp = look(client, case.number, verify)
    assert resp.status_code == 200
    progress = resp.context["progress"]
    assert progress["state"] == case.state == "accepted"
    assert progress["applicant"] == "张*"
    assert [t["action"] for t in progress["timeline"]] == ["receive", "accept"]
    assert progress["clock"].working_days_limit == 10
    assert progress["clock"].working_days_remaining == 10
    html = resp.content.decode()
    assert "食品经营许可" in html and "2026-03-25" in html  # due: 10 working days after 11 March
    assert "110***********002X" in html and "11010519491231002X" not in html
    assert "clerk" not in html


def test_wrong_code_and_unknown_number_answer_the_same(client, case):
    wrong = look(client, case.number, "9999")
    unknown = look(client, "99010120260311999999", "002X")
    assert wrong.status_code == unknown.status_code == 404
    def main(resp) -> str:
        html = resp.content.decode().replace(case.number, "N").replace("99010120260311999999", "N")
        html = html[html.index("<main"):]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    assert main(wrong) == main(unknown)
    assert wrong.context["progress"] is None and wrong.context["not_found"]


@pytest.mark.parametrize("number, verify", [("", "002X"), ("abc", "002X"), ("1" * 41, "002X"),
                                            ("x\x00y123456", "002X"), ("99010120260311999999", "12"),
                                            ("99010120260311999999", "abcd")])
def test_bad_input_is_422_not_500(client, db, number, verify):
    resp = look(client, number, verify)
    assert resp.status_code == 422
    assert resp.context["progress"] is None


def test_ip_rate_limit_gives_a_clear_429(client, case):
    for _ in range(10):
        assert look(client, "99010120260311999999", "0000").status_code == 404
    resp = look(client, case.number, "002X")
    assert resp.status_code == 429
    assert resp["Retry-After"] == "60"
    assert "portal/429.html" in [t.name for t in resp.templates]
    # another address is not blocked
    assert look(client, case.number, "002X", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_number_cap_holds_across_addresses(client, case):
    for n in range(20):
        look(client, case.number, "0000", REMOTE_ADDR=f"10.0.1.{n}")
    # the 21st attempt on that number, from a fresh address, is refused even with the right code
    assert look(client, case.number, "002X", REMOTE_ADDR="10.0.2.1").status_code == 429


def test_get_with_number_prefills_the_form(client, db):
    resp = client.get(URL, {"number": "12345678"})
    assert 'value="12345678"' in resp.content.decode()
