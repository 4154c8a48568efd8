"""Centre manager in the browser: the live overview (refreshed by htmx in place), the on-duty board
and the administration links."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from tests.cases.conftest import MONDAY, intake, version  # noqa: F401 - fixture


@pytest.fixture
def flowing():
    with time_machine.travel(MONDAY, tick=True):
        yield


def test_manager_overview(page, login, axe_check, screenshot, flowing, manager, clerk, reviewer,
                          version):  # noqa: F811
    manager.user.is_staff = True
    manager.user.save()
    intake(clerk, version)
    login(page, manager)
    page.goto("/workbench/")
    expect(page.locator("#inbox")).to_be_visible()
    screenshot(page, "home-manager")
    axe_check(page)
    page.clock.install()  # the 30-second poll runs on the page's clock, which the test moves on
    page.locator('a.tile[href="/workbench/manager/"]').click()
    overview = page.locator("#overview")
    expect(overview).to_have_attribute("hx-trigger", "every 30s")
    expect(overview.locator('[data-colour="green"] .figure-value')).to_have_text("1")
    expect(page.locator("table", has_text="reviewer")).to_be_visible()  # on-duty board
    expect(page.locator('a[href="/admin/network/staff/"]')).to_be_visible()
    screenshot(page, "manager")
    axe_check(page)

    # The poll swaps the fresh figures in place after 30 s.
    intake(clerk, version)
    page.clock.run_for(31_000)
    expect(page.locator('#overview [data-colour="green"] .figure-value')).to_have_text("2")
    assert "/workbench/manager/" in page.url
