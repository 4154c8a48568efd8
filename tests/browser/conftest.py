"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

Fixtures: `page` (1366×768, zh-CN), `login(page, staff)`, `axe_check(page)` (axe-core, vendored,
fails on serious or critical violations), `screenshot(page, name)` (PNG under the folder the README
names: $ONEWINDOW_SCREENSHOT_DIR, default var/screenshots/).

Chromium is /usr/bin/chromium (override: ONEWINDOW_CHROMIUM). Without it the tests skip, except in
CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# (factories, assertions) are still plain synchronous calls, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ONEWINDOW_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(os.environ.get("ONEWINDOW_SCREENSHOT_DIR", ROOT / "var" / "screenshots"))
# Flags the machine needs: no sandbox as root, no GPU, and no calls home (the network is closed).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _playwright():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM} (CI installs it: apt-get install chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_context(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN",
                                  base_url=live_server.url)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def login():
    """login(page, staff_or_user, password=PASSWORD): log in through the staff login form."""
    from tests.factories import PASSWORD

    def do(page, who, password: str = PASSWORD):
        user = getattr(who, "user", who)
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.locator("main form[method=post] [type=submit]").first.click()
        page.wait_for_load_state("networkidle")

    return do


@pytest.fixture
def axe_check():
    """axe_check(page) -> list of violations; asserts none is serious or critical."""

    def check(page, *, context: str | None = None):
        # Through the DevTools protocol: the site's CSP (script-src 'self') blocks an inline <script>.
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async (ctx) => await axe.run(ctx || document, {resultTypes: ['violations']})", context)
        bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        summary = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]
        assert not bad, f"axe: serious/critical violations on {page.url}: {summary}"
        return result["violations"]

    return check


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> path of the PNG (full page)."""

    def take(page, name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
