"""The issuing window in Chromium: pick a decided case, see its licence checked against the decision,
issue (Alt+I), hand it over by pickup with the collector's identity checked, confirmed in the page;
a locker handover shows the pickup code once."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from onewindow.cases import services as svc
from onewindow.cases.models import Case
from onewindow.licences.models import LicenceDelivery
from tests.cases.conftest import applicant, complete
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.licences.conftest import PERSON_ID, key_file, licence_type, media, seal  # noqa: F401 - fixtures


def settled(page):
    """htmx processes swapped-in content after its settle delay: wait for that before acting on it."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")


@pytest.fixture
def decided(clerk, chief, department, licence_type, seal):
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可",
                              implementation_code="11990101MB0000001X400011100071")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="食品经营许可证",
                           result_licence_type="food_business_licence", conclude_on_delivery=False)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    case = svc.case_intake(by=clerk, item_code=item.implementation_code, applicant=applicant(),
                           materials=complete(v)).case
    # The live server's database commits: the licence is signed as the approval commits.
    return svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予许可")


def test_issuer_issues_and_hands_over_by_pickup(page, login, issuer, decided, axe_check, screenshot):
    login(page, issuer)
    page.goto("/workbench/issuing/")
    page.locator(f'[data-issuing-case="{decided.number}"]').first.click()
    expect(page.locator('[data-licence-check="ok"]')).to_be_visible()
    settled(page)
    axe_check(page)
    screenshot(page, "issuing-check")
    page.keyboard.press("Alt+i")
    expect(page.locator("#issuing-case [role=status]")).to_contain_text(decided.number)
    settled(page)
    assert Case.objects.get(pk=decided.pk).state == "issued"
    # Pickup: the clerk checks the collector's resident ID.
    page.fill("#d-id-number", PERSON_ID)
    page.locator('[data-action="deliver"]').click()
    expect(page.locator('[data-state="delivered"]')).to_be_visible()
    expect(page.locator("#issuing-case [role=status]")).to_be_visible()
    assert LicenceDelivery.objects.get().checked_id_masked == "110***********002X"
    axe_check(page)
    screenshot(page, "issuing-delivered")


def test_locker_shows_the_pickup_code_and_fields_follow_the_method(page, login, issuer, decided):
    svc.case_issue(case=decided, by=issuer)
    login(page, issuer)
    page.goto(f"/workbench/issuing/?case={decided.number}")
    expect(page.locator('[data-method="locker"]')).to_be_hidden()
    page.locator("input[name=method][value=locker]").check()
    expect(page.locator('[data-method="locker"]')).to_be_visible()
    expect(page.locator('[data-method="pickup"]')).to_be_hidden()
    page.fill("#d-locker", "A-07")
    page.keyboard.press("Alt+d")
    expect(page.locator("[data-pickup-code]")).to_have_text(re.compile(r"^\d{6}$"))
