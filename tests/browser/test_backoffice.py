"""Reviewer's main flow in the browser: task list → case page → opinion → suspend → resume, then
the chief representative decides. Every action answers in the page (role="status") without a
reload; screenshots and axe on the task list and the case page."""

from __future__ import annotations

import re

import pytest
import time_machine
from playwright.sync_api import expect

from onewindow.cases.models import Case
from tests.cases.conftest import MONDAY, intake, version  # noqa: F401 - fixture


@pytest.fixture
def flowing():
    # Time runs (the browser waits on real timers) from a fixed working Monday.
    with time_machine.travel(MONDAY, tick=True):
        yield


def act(page, action: str):
    """Click the action's button and wait for its confirmation in the status region (texts are
    checked by the test-client tests; here: the right confirmation, in the page, with focus)."""
    page.locator(f'button[data-action="{action}"]').first.click()
    status = page.locator("#case-status[role=status]")
    expect(status.locator(f'[data-result-of="{action}"]')).to_be_visible()
    expect(status).to_have_class(re.compile("status-ok"))
    return status


def test_reviewer_flow_then_chief_decides(page, login, axe_check, screenshot, flowing, clerk, reviewer, chief,
                                          version):  # noqa: F811
    case = intake(clerk, version).case
    login(page, reviewer)

    page.goto("/workbench/tasks/")
    row = page.locator("tr", has_text=case.number)
    expect(row).to_have_attribute("data-colour", "green")
    screenshot(page, "backoffice-tasks")
    axe_check(page)

    page.get_by_role("link", name=case.number).click()
    expect(page.locator("h1")).to_contain_text(case.number)
    screenshot(page, "backoffice-case")
    axe_check(page)
    url = page.url

    page.locator("#review-opinion").fill("材料齐全，符合受理条件")
    act(page, "review")
    assert page.url == url  # answered within the page
    expect(page.locator("#case-status")).to_be_focused()

    page.locator("#suspend-kind").select_option("field_survey")
    page.locator("#suspend-reason").fill("需现场踏勘经营场所")
    act(page, "suspend")
    expect(page.locator('[data-action="resume"]')).to_be_visible()
    assert Case.objects.get(pk=case.pk).state == "suspended"
    screenshot(page, "backoffice-case-suspended")

    page.locator("#resume-result").fill("踏勘符合要求")
    act(page, "resume")
    assert Case.objects.get(pk=case.pk).state == "in_review"

    # A service error shows its message in the same place, not a 500.
    page.evaluate("document.querySelector('#review-opinion').removeAttribute('required')")
    page.locator('button[data-action="review"]').click()
    expect(page.locator("#case-status")).to_have_class(re.compile("status-error"))

    page.context.clear_cookies()
    login(page, chief)
    page.goto(url)
    page.locator("#decide-opinion").fill("同意")
    page.locator('button[data-action="decide"][value="approve"]').click()
    expect(page.locator('#case-status [data-result-of="decide"]')).to_be_visible()
    assert Case.objects.get(pk=case.pk).state == "decided"
    screenshot(page, "backoffice-case-decided")
    axe_check(page)


def test_case_page_on_a_tablet(browser, live_server, login, screenshot, axe_check, flowing, clerk, reviewer,
                               version):  # noqa: F811
    case = intake(clerk, version).case
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="zh-CN",
                                  base_url=live_server.url)
    try:
        page = context.new_page()
        login(page, reviewer)
        page.goto(f"/workbench/cases/{case.number}/")
        # One column, no sideways scrolling of the page.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.locator("[data-large-text-toggle]").click()
        expect(page.locator("html")).to_have_class(re.compile("large-text"))
        screenshot(page, "backoffice-case-tablet-large-text")
        axe_check(page)
    finally:
        context.close()
