"""The counter page /workbench/counter/: who may open it, the live item search, the intake form of
an item with its situation-tailored material list, and the instant ID check."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.workbench.counter_support import (  # noqa: F401 - fixtures
    PERSON_ID,
    frozen,
    htmx,
    immediate_version,
    searchable,
    version,
)

COUNTER = "/workbench/counter/"


def test_url_names():
    assert reverse("workbench:counter") == COUNTER
    assert reverse("workbench:counter_items") == "/workbench/counter/items/"


def test_anonymous_goes_to_login(client, db):
    resp = client.get(COUNTER)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["reviewer", "chief", "issuer", "manager", "supervisor", "agent"])
def test_other_roles_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona).user)
    assert client.get(COUNTER).status_code == 403
    assert client.post("/workbench/counter/intake/", {}).status_code == 403


def test_citizen_without_staff_profile_is_refused(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="citizen"))
    assert client.get(COUNTER).status_code == 403


def test_clerk_sees_the_counter(client, clerk, frozen):
    client.force_login(clerk.user)
    resp = client.get(COUNTER)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "A01" in page                                  # the clerk's window
    assert 'id="item-q"' in page and "autofocus" in page  # the search box takes the keyboard
    assert "onewindow/js/counter.js" in page and "onewindow/css/counter.css" in page
    assert 'id="action-errors"' in page


@pytest.mark.parametrize("q", ["食品", "spjy", "shipin", "11990101MB0000001X400011100001"])
def test_search_by_name_pinyin_initials_and_code(client, clerk, searchable, frozen, q, htmx):
    client.force_login(clerk.user)
    resp = client.get("/workbench/counter/items/", {"q": q}, **htmx)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "食品经营许可" in page
    assert "即办证明" not in page
    assert "data-item-pick" in page


def test_search_sees_only_the_centres_items(client, outsider, searchable, frozen, htmx):
    client.force_login(outsider.user)
    page = client.get("/workbench/counter/items/", {"q": "spjy"}, **htmx).content.decode()
    assert "食品经营许可" not in page


def test_search_is_one_query(client, clerk, searchable, frozen, htmx, django_assert_max_num_queries):
    client.force_login(clerk.user)
    client.get("/workbench/counter/items/", {"q": "x"}, **htmx)  # session and staff profile warm-up
    # session, user, staff + roles (2), the search itself
    with django_assert_max_num_queries(5):
        resp = client.get("/workbench/counter/items/", {"q": "sp jy"}, **htmx)
    assert "食品经营许可" in resp.content.decode()


def test_search_with_nul_and_long_input_is_not_an_error(client, clerk, searchable, frozen, htmx):
    client.force_login(clerk.user)
    assert client.get("/workbench/counter/items/", {"q": "食\x00品" + "x" * 500}, **htmx).status_code == 200


def test_intake_form_lists_materials_and_situation(client, clerk, version, frozen, htmx):
    client.force_login(clerk.user)
    resp = client.get("/workbench/counter/form/", {"item": version.item.implementation_code}, **htmx)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "经营场所是否租赁？" in page
    for m in (version.m_form, version.m_id, version.m_lease, version.m_licence):
        assert f'name="material_{m.pk}"' in page and f'name="scan_{m.pk}"' in page
    assert f'data-material="{version.m_lease.pk}"' in page
    assert f'<tr class="not-needed" data-material="{version.m_lease.pk}"' in page  # not asked for yet
    for action in ("accept", "notice", "refuse"):
        assert f'data-action="{action}"' in page
    assert 'data-action="conclude"' not in page  # a promised item cannot be concluded at once
    assert 'data-key="a" aria-keyshortcuts="Alt+A"' in page and 'data-key="n"' in page


def test_situation_answer_adds_the_lease(client, clerk, version, frozen, htmx):
    client.force_login(clerk.user)
    resp = client.get("/workbench/counter/form/", {
        "item": version.item.implementation_code, "part": "materials",
        f"situation_{version.situation.pk}": version.opt_rented.pk,
        f"material_{version.m_form.pk}": "copy"}, **htmx)
    page = resp.content.decode()
    assert f'<tr class="required" data-material="{version.m_lease.pk}"' in page
    # What the clerk had ticked is kept when the list is redrawn.
    assert f'name="material_{version.m_form.pk}" value="copy" checked' in page
    assert "<form" not in page  # only the list


def test_unknown_item_answers_422_in_the_error_region(client, clerk, frozen, htmx, db):
    client.force_login(clerk.user)
    resp = client.get("/workbench/counter/form/", {"item": "nope"}, **htmx)
    assert resp.status_code == 422
    assert resp["HX-Retarget"] == "#action-errors"
    assert 'role="alert"' in resp.content.decode()


def test_item_of_another_centre_is_unknown(client, outsider, version, frozen, htmx):
    client.force_login(outsider.user)
    resp = client.get("/workbench/counter/form/", {"item": version.item.implementation_code}, **htmx)
    assert resp.status_code == 422


def test_id_check_resident_id_gives_birth_date_and_sex(client, clerk, frozen, htmx):
    client.force_login(clerk.user)
    page = client.get("/workbench/counter/id-check/", {"kind": "person", "id_number": PERSON_ID},
                      **htmx).content.decode()
    assert "data-id-ok" in page and "1949-12-31" in page
    assert "76" in page  # age on 2026-03-09


def test_id_check_bad_check_digit(client, clerk, frozen, htmx):
    client.force_login(clerk.user)
    resp = client.get("/workbench/counter/id-check/",
                      {"kind": "person", "id_number": PERSON_ID[:-1] + "1"}, **htmx)
    assert resp.status_code == 200 and "data-id-bad" in resp.content.decode()


def test_id_check_uscc(client, clerk, frozen, htmx):
    client.force_login(clerk.user)
    url = "/workbench/counter/id-check/"
    ok = client.get(url, {"kind": "organisation", "id_number": "91350100M000100Y43"}, **htmx)
    bad = client.get(url, {"kind": "organisation", "id_number": "91350100M000100Y44"}, **htmx)
    assert "data-id-ok" in ok.content.decode() and "data-id-bad" in bad.content.decode()
