"""End to end in Chromium, every step through the pages: the clerk's intake with a missing material
→ one-time notice → the applicant comes back: supplement → accepted → the reviewer records an
opinion and the chief representative decides on the shared case page (workbench-backoffice's
/workbench/cases/<number>/, buttons marked data-action) → the issuing window checks the e-licence,
issues it and hands it over by pickup. Screenshots of each main page; axe on each."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from onewindow.cases.models import Case
from onewindow.catalogue.services.items import item_refresh_search
from onewindow.licences.models import Licence, LicenceDelivery
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.licences.conftest import PERSON_ID, key_file, licence_type, media, seal  # noqa: F401 - fixtures


def settled(page):
    """htmx processes swapped-in content after its settle delay: wait for that before acting on it."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")


@pytest.fixture
def food_licence(department, licence_type, seal):
    """食品经营许可 whose result is an e-licence signed with the department's seal."""
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可",
                              implementation_code="11990101MB0000001X400011100081")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="食品经营许可证",
                           result_licence_type="food_business_licence", conclude_on_delivery=True)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    item_refresh_search(item=item, version=v)
    return v


def as_(page, login, staff):
    page.context.clear_cookies()
    login(page, staff)


def test_intake_notice_supplement_review_decide_issue_deliver(page, login, clerk, reviewer, chief, issuer,
                                                               food_licence, axe_check, screenshot):
    v = food_licence
    # 1. Counter: intake with the identity document missing → one-time notice.
    as_(page, login, clerk)
    page.goto("/workbench/counter/")
    page.locator("#item-q").type("spjy")
    expect(page.locator("[data-item-pick]").first).to_contain_text("食品经营许可")
    page.locator("#item-q").press("Enter")
    expect(page.locator("#applicant-name")).to_be_focused()
    page.keyboard.type("张三")
    page.keyboard.press("Enter")
    page.keyboard.type(PERSON_ID)
    expect(page.locator("[data-id-ok]")).to_be_visible()
    page.locator("[data-all-original]").click()
    page.locator(f'input[name="material_{v.m_id.pk}"][value="missing"]').check()
    page.keyboard.press("Alt+n")
    expect(page.locator(".result [role=status]")).to_contain_text(re.compile(r"\d{14}"))
    case = Case.objects.get()
    assert case.state == "supplement_required" and [m["name"] for m in case.missing] == ["身份证明"]
    expect(page.locator('[data-notice="one_time"]')).to_be_visible()
    screenshot(page, "e2e-1-notice")
    axe_check(page)

    # 2. The applicant is back: supplement → accepted (the clock starts).
    page.goto("/workbench/counter/")
    page.locator(f'#counter-side [data-resume][href$="/{case.number}/"]').click()
    page.locator(f'input[name="material_{v.m_id.pk}"][value="original"]').check()
    page.locator('[data-action="supplement"]').click()
    expect(page.locator('#case-body [data-state="accepted"]')).to_be_visible()
    expect(page.locator("#case-body [role=status]")).to_be_visible()
    case.refresh_from_db()
    assert case.state == "accepted" and case.receiving_clerk_id == clerk.pk
    screenshot(page, "e2e-2-accepted")
    axe_check(page)

    # 3. Back office: the reviewer's opinion, then the chief representative's decision.
    as_(page, login, reviewer)
    page.goto(f"/workbench/cases/{case.number}/")
    page.fill("#review-opinion", "材料齐全，经营场所符合要求，建议准予许可。")
    page.locator('[data-action="review"]').click()
    expect(page.locator("[role=status]").first).to_be_visible()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    case.refresh_from_db()
    assert case.state == "in_review", case.state
    screenshot(page, "e2e-3-review")
    axe_check(page)

    as_(page, login, chief)
    page.goto(f"/workbench/cases/{case.number}/")
    page.locator('[data-action="decide"][value="approve"]').click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    expect(page.locator("[role=status]").first).to_be_visible()
    case.refresh_from_db()
    assert case.state == "decided" and case.outcome == "approve"
    assert Licence.objects.filter(case=case).exists()  # signed as the approval committed
    screenshot(page, "e2e-4-decided")
    axe_check(page)

    # 4. Issuing window: check, issue, hand over in person.
    as_(page, login, issuer)
    page.goto("/workbench/issuing/")
    page.locator(f'[data-issuing-case="{case.number}"]').first.click()
    expect(page.locator('[data-licence-check="ok"]')).to_be_visible()
    settled(page)
    page.keyboard.press("Alt+i")
    expect(page.locator("#issuing-case [role=status]")).to_contain_text(case.number)
    settled(page)
    page.fill("#d-id-number", PERSON_ID)
    page.keyboard.press("Alt+d")
    expect(page.locator('#issuing-case [data-state="concluded"]')).to_be_visible()
    expect(page.locator("#issuing-case [role=status]")).to_contain_text(case.number)
    case.refresh_from_db()
    # conclude_on_delivery: delivered, then concluded by the software.
    assert case.state == "concluded" and case.delivery_method == "pickup"
    assert LicenceDelivery.objects.get().status == "delivered"
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["receive", "notice", "supplement", "review", "decide", "issue", "deliver", "conclude"]
    screenshot(page, "e2e-5-delivered")
    axe_check(page)
