"""The browser harness itself: the staff login page renders in Chromium and passes axe."""

from __future__ import annotations


def test_login_page_renders_and_passes_axe(page, axe_check, screenshot):
    page.goto("/accounts/login/")
    assert page.locator("input[name=username]").is_visible()
    axe_check(page)
    assert screenshot(page, "login").exists()


def test_staff_login_reaches_the_workbench(page, login, clerk):
    login(page, clerk)
    assert "/workbench/" in page.url

