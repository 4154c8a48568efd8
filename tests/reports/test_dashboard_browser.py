"""The dashboard in Chromium: ECharts draws every chart (canvas present), each with the PNG export
toolbox; no serious accessibility violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401 - fixtures
    _playwright,
    axe_check,
    browser,
    browser_context,
    login,
    page,
    screenshot,
)
from tests.reports.conftest import at

pytestmark = pytest.mark.browser


def test_dashboard_charts(page, login, axe_check, screenshot, manager, trail, item, clerk):  # noqa: F811
    from onewindow.core.timeutil import today
    from onewindow.reports.periods import period_containing

    day = period_containing(today()).start
    c = trail.make(item, accepted_on=day)
    trail.ev(c, "receive", at(day.year, day.month, day.day), actor=clerk.user)
    login(page, manager)
    page.goto("/reports/")
    for name in ("trend", "departments", "tree", "levels"):
        expect(page.locator(f'[data-chart="{name}"] canvas').first).to_be_attached()
    expect(page.locator('[data-indicator="received"]')).to_contain_text("1")
    screenshot(page, "reports-dashboard")
    axe_check(page)
