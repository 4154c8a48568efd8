"""GET /api/v1/public/progress/{number}?verify=XXXX and the public page /progress/<number>."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from onewindow.cases import services as svc
from tests.cases.conftest import intake


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case(frozen, clerk, chief, version):
    c = intake(clerk, version).case
    svc.case_assign(case=c, by=chief, reviewer_id=chief.pk)
    return c


def url(number, verify):
    return f"/api/v1/public/progress/{number}?verify={verify}"


@pytest.mark.parametrize("verify", ["002X", "002x", "1234"])  # ID 11010519491231002X, phone 13800001234
def test_progress_with_id_or_phone_digits(api_client, case, verify, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        resp = api_client.get(url(case.number, verify))
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert data["applicant"] == "张*"
    assert data["id_number"] == "110***********002X"
    assert data["phone"] == "138****1234"
    assert data["item"] == "食品经营许可"
    assert data["state"] == "in_review"
    assert data["due_date"] == "2026-03-23"
    # Staff-internal moves (assignment) and staff names are not shown.
    assert [t["action"] for t in data["timeline"]] == ["receive", "accept"]
    assert "clerk" not in resp.content.decode() and "chief" not in resp.content.decode()


def test_wrong_code_and_unknown_number_are_identical(api_client, case):
    wrong = api_client.get(url(case.number, "9999"))
    unknown = api_client.get(url("99010120260309999999", "002X"))
    empty = api_client.get(url(case.number, ""))
    assert wrong.status_code == unknown.status_code == empty.status_code == 404
    assert wrong.content == unknown.content == empty.content


def test_guessing_is_cut_off(api_client, case):
    for n in range(20):
        assert api_client.get(url(case.number, f"{n:04d}")).status_code == 404
    # Even the right code now gets the same 404 for this number.
    assert api_client.get(url(case.number, "002X")).status_code == 404


def test_public_page(client, case):
    page = client.get(f"/progress/{case.number}")
    assert page.status_code == 200
    assert 'name="verify"' in page.content.decode()
    page = client.get(f"/progress/{case.number}?verify=1234")
    html = page.content.decode()
    assert page.status_code == 200
    assert "食品经营许可" in html and "110***********002X" in html and "11010519491231002X" not in html
    assert client.get(f"/progress/{case.number}?verify=0000").status_code == 404
