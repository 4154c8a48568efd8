"""The clerk's intake at the counter in Chromium, from the keyboard: live search → Enter opens the
item → name, Enter, ID (checked as typed) → situation answer retailors the list → materials →
Alt+N gives the one-time notice → its PDF link; then a complete intake accepted with Alt+A."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from onewindow.cases.models import Case
from tests.workbench.counter_support import PERSON_ID, immediate_version, searchable, version  # noqa: F401


def test_clerk_intake_from_the_keyboard(page, login, clerk, searchable, axe_check, screenshot):
    v = searchable
    login(page, clerk)
    started = time.monotonic()
    page.goto("/workbench/counter/")
    search = page.locator("#item-q")
    expect(search).to_be_focused()
    search.type("spjy")
    search.press("Enter")  # at once, before the live results arrive: opens the first result anyway
    name = page.locator("#applicant-name")
    expect(name).to_be_focused()
    assert page.url.endswith("/workbench/counter/")  # loaded in the page by htmx, not a new page
    name.type("张三")
    name.press("Enter")  # moves on instead of submitting
    id_box = page.locator("#applicant-id")
    expect(id_box).to_be_focused()
    id_box.type(PERSON_ID[:-1] + "1")
    expect(page.locator("[data-id-bad]")).to_be_visible()
    id_box.press("Backspace")
    id_box.type(PERSON_ID[-1])
    expect(page.locator("[data-id-ok]")).to_contain_text("1949-12-31")

    # The situation answer adds the lease to the required list (htmx redraws the list only).
    page.get_by_label("租赁", exact=True).check()
    expect(page.locator(f'tr[data-material="{v.m_lease.pk}"]')).to_have_class("required")
    page.locator("[data-all-original]").click()
    page.locator(f'input[name="material_{v.m_lease.pk}"][value="missing"]').check()
    axe_check(page)
    screenshot(page, "counter-intake")

    page.keyboard.press("Alt+n")  # one-time notice
    status = page.locator(".result [role=status]")
    expect(status).to_contain_text(re.compile(r"\d{14}"))
    # Issue #4: a typical intake in under a minute (here with an axe run and a screenshot inside).
    assert time.monotonic() - started < 60
    case = Case.objects.get()
    assert case.state == "supplement_required" and [m["name"] for m in case.missing] == ["租赁合同"]
    assert case.receiving_clerk_id == clerk.pk
    expect(page.locator('[data-notice="one_time"]')).to_be_visible()
    expect(page.locator("#counter-side")).to_contain_text(case.number)
    axe_check(page)
    screenshot(page, "counter-notice")

    # Resume: the applicant is back with the lease (supplement → accept).
    page.locator(f'#counter-side a[href$="/{case.number}/"]').first.click()
    page.locator(f'input[name="material_{v.m_lease.pk}"][value="original"]').check()
    page.keyboard.press("Alt+a")
    expect(page.locator("#case-body [role=status]")).to_be_visible()
    expect(page.locator('[data-state="accepted"]')).to_be_visible()
    case.refresh_from_db()
    assert case.state == "accepted"
    axe_check(page)
    screenshot(page, "counter-supplement-accepted")


def test_error_is_shown_in_the_page_and_the_form_is_kept(page, login, clerk, searchable):
    login(page, clerk)
    page.goto(f"/workbench/counter/?item={searchable.item.implementation_code}")
    page.fill("#applicant-name", "张三")
    page.fill("#applicant-id", PERSON_ID)
    page.locator(f'input[name="material_{searchable.m_id.pk}"][value="missing"]').check()
    page.keyboard.press("Alt+a")  # accept with a missing material: refused by the service
    expect(page.locator("#action-errors [role=alert]")).to_contain_text("一次性告知")
    expect(page.locator("#applicant-name")).to_have_value("张三")
    assert not Case.objects.exists()


def test_counter_on_a_tablet(browser, live_server, clerk, searchable, login):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="zh-CN",
                                  base_url=live_server.url, has_touch=True)
    try:
        page = context.new_page()
        login(page, clerk)
        page.goto(f"/workbench/counter/?item={searchable.item.implementation_code}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 768, f"horizontal scrolling on a tablet: {width}px"
        expect(page.locator('[data-action="accept"]')).to_be_visible()
    finally:
        context.close()
