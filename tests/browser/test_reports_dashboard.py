"""The dashboard in Chromium: ECharts draws every chart (canvas present), each with the PNG export
toolbox; no serious accessibility violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# The browser fixtures come from tests/browser/conftest.py (one Playwright per process); the case-trail
# fixtures are the reports tests' own.
from tests.reports.conftest import at, item, trail  # noqa: F401 - fixtures

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
