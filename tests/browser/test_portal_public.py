"""The citizen side in Chromium: guide search → guide → questionnaire → checklist; booking an
appointment; the progress lookup; a 360 px phone run with screenshots; axe-core on every page
(zero serious or critical violations)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import expect

from onewindow.queueing.models import Appointment
from tests.browser.conftest import AXE
from tests.portal.conftest import (  # noqa: F401  (fixtures)
    FOOD_CODE,
    SATURDAY,
    at,
    food,
    id_card,
    saturday_rule,
    social,
    start_business,
    weekday_rule,
)


@pytest.fixture
def ticking():
    """A Wednesday morning in March 2026; the clock runs (the browser waits on real time)."""
    with time_machine.travel(at(9, 0), tick=True) as traveller:
        yield traveller


@pytest.fixture
def axe_check():
    """The harness's axe_check, injecting axe through the DevTools protocol (page.evaluate), which the
    site's Content-Security-Policy (script-src 'self') does not block, unlike an inline script tag.
    Remove once tests/browser/conftest.py does the same (patch in the portal-public report)."""

    def check(page, *, context: str | None = None):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async (ctx) => await axe.run(ctx || document, {resultTypes: ['violations']})", context)
        bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        summary = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]
        assert not bad, f"axe: serious/critical violations on {page.url}: {summary}"
        return result["violations"]

    return check


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("food", "id_card", "start_business")
def test_search_guide_questionnaire_checklist(page, axe_check, screenshot):
    page.goto("/")
    axe_check(page)
    page.fill("#home-q", "spjyxk")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**/guides/?q=spjyxk")
    assert page.locator(".result h2 a").all_inner_texts() == ["食品经营许可"]
    page.locator(".result h2 a").first.click()
    page.wait_for_url(f"**/guides/{FOOD_CODE}/")
    assert page.locator("h1").inner_text() == "食品经营许可"
    axe_check(page)
    page.get_by_label("租赁").check()
    checklist = page.locator("#checklist")
    checklist.locator("[role=status]").wait_for()
    assert "租赁合同" in checklist.inner_text()
    page.get_by_label("自有").check()
    # a locator assertion, not wait_for_function: the CSP (no 'unsafe-eval') blocks string predicates
    expect(checklist).not_to_contain_text("租赁合同")
    text = checklist.inner_text()
    assert "场所平面图" not in text and "身份证明" in text
    axe_check(page)
    screenshot(page, "portal-guide-checklist")


@pytest.mark.usefixtures("ticking", "social", "weekday_rule", "saturday_rule")
def test_book_an_appointment(page, axe_check, screenshot):
    page.goto("/appointments/")
    axe_check(page)
    page.get_by_label("社会民生").check()
    saturday = page.locator(f"input[name=day][value='{SATURDAY.isoformat()}']")
    saturday.wait_for()
    saturday.check()
    slot = page.locator("input[name=start][value='10:00']")
    slot.wait_for()
    slot.check()
    page.fill("input[name=name]", "李四")
    page.fill("input[name=phone]", "13800001234")
    axe_check(page)
    page.locator("[data-action=book]").click()
    page.wait_for_url("**/appointments/*/")
    appointment = Appointment.objects.get()
    assert page.locator("[data-booking-code]").inner_text() == appointment.code
    assert (appointment.day, appointment.start) == (SATURDAY, dt.time(10))
    axe_check(page)
    screenshot(page, "portal-appointment-booked")


def test_progress_lookup_page(page, axe_check, db):
    page.goto("/progress/")
    axe_check(page)
    page.fill("input[name=number]", "99010120260311999999")
    page.fill("input[name=verify]", "1234")
    page.locator("main form button[type=submit]").click()
    page.locator("[role=alert]").wait_for()
    axe_check(page)


def test_articles_pages(page, axe_check, centre):
    from onewindow.portal.demo import load_demo_portal

    load_demo_portal()
    page.goto("/articles/")
    axe_check(page)
    page.locator(".article-list h2 a").first.click()
    page.locator("article h1").wait_for()
    axe_check(page)


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN",
                                  base_url=live_server.url, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.usefixtures("food", "id_card", "start_business")
def test_phone_360px_with_modes(phone_page, axe_check, screenshot):
    page = phone_page
    for path in ["/", f"/guides/{FOOD_CODE}/", "/progress/", "/appointments/"]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide at a 360px viewport"
    page.goto("/")
    screenshot(page, "portal-home-360")
    # simple mode: fewer choices, big buttons; remembered across pages
    page.locator("[data-mode-toggle=simple-mode]").click()
    assert page.locator("[data-mode-toggle=simple-mode]").get_attribute("aria-pressed") == "true"
    assert not page.locator("#events-heading").is_visible()
    assert page.locator(".big-button").count() == 4
    page.locator("[data-mode-toggle=high-contrast]").click()
    page.reload()
    classes = page.evaluate("document.documentElement.className")
    assert "simple-mode" in classes and "high-contrast" in classes
    axe_check(page)
    screenshot(page, "portal-home-360-simple-contrast")
    page.goto(f"/guides/{FOOD_CODE}/")
    assert "simple-mode" in page.evaluate("document.documentElement.className")
    axe_check(page)
    screenshot(page, "portal-guide-360")
