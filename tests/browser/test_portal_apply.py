"""End to end in Chromium: a citizen applies online, the clerk's pre-review gives the one-time
notice, the citizen resubmits, the clerk accepts; decided, issued, delivered and concluded through
the services; the citizen evaluates the case. axe-core: no serious or critical violation on the
login, apply and my-cases pages."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from onewindow.cases import services as svc
from onewindow.cases.models import Case
from tests.accounts.citizens import (  # noqa: F401 - fixtures
    PDF,
    _clear_cache,
    citizen,
    online_version,
)
from tests.browser.conftest import AXE
from tests.factories import PASSWORD


def _axe(page, axe_check):
    """axe_check, with axe-core injected through the DevTools protocol: the site's CSP (script-src
    'self') refuses the inline <script> the shared helper adds, and a page evaluation is not subject
    to it. Then the shared helper runs axe (it sees `axe` already defined)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("(src) => { (0, eval)(src); }", AXE.read_text(encoding="utf-8"))
    page.add_script_tag = lambda **kw: None  # the helper's own injection would be refused by the CSP
    try:
        return axe_check(page)
    finally:
        del page.add_script_tag


def _files(tmp_path):
    path = tmp_path / "申请材料.pdf"
    path.write_bytes(PDF)
    return path


def _portal_login(page, user):
    page.goto(reverse("portal:login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[data-action=login]").click()
    page.wait_for_url("**/my/cases/")


def _upload(page, material_id, path):
    page.set_input_files(f"#file-{material_id}", str(path))
    page.locator(f"form:has(#file-{material_id}) button[data-action=attach]").click()
    page.wait_for_load_state("networkidle")


def test_apply_notice_resubmit_accept_conclude_evaluate(page, browser_context, browser, live_server, login,
                                                        axe_check, screenshot, citizen, clerk, chief, issuer,  # noqa: F811
                                                        online_version, tmp_path):  # noqa: F811
    v = online_version
    pdf = _files(tmp_path)

    page.goto(reverse("portal:login"))
    _axe(page, axe_check)
    _portal_login(page, citizen)

    page.goto(reverse("portal:apply", args=[v.item.implementation_code]))
    _axe(page, axe_check)
    page.locator(f"input[name=s{v.situation.pk}][value='{v.opt_owned.pk}']").check()
    page.locator("button[data-action=draft]").click()
    page.wait_for_url("**/my/cases/*/")
    case = Case.objects.get()
    assert case.state == "draft"
    _upload(page, v.m_form.pk, pdf)  # the ID material is forgotten
    page.locator("button[data-action=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-state=submitted]").count() == 1

    # The clerk's pre-review, in the clerk's own browser session: one-time notice.
    clerk_context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    clerk_page = clerk_context.new_page()
    login(clerk_page, clerk)
    clerk_page.goto(reverse("workbench:prereview"))
    clerk_page.locator(f"a:text('{case.number}')").click()
    assert clerk_page.locator(f"#defect-{v.m_id.pk}").is_checked()  # no file: pre-ticked
    clerk_page.fill(f"#note-{v.m_id.pk}", "请上传身份证正反面")
    clerk_page.locator("button[data-action=notice]").click()
    clerk_page.wait_for_url("**/workbench/prereview/")
    case.refresh_from_db()
    assert case.state == "supplement_required"

    # The citizen sees the notice online, uploads and resubmits.
    page.reload()
    assert page.get_by_text("请上传身份证正反面").count() == 1
    _upload(page, v.m_id.pk, pdf)
    page.locator("button[data-action=supplement]").click()
    page.wait_for_load_state("networkidle")

    clerk_page.goto(reverse("workbench:prereview_case", args=[case.number]))
    clerk_page.locator("button[data-action=supplement]").click()
    clerk_page.wait_for_url("**/workbench/prereview/")
    case.refresh_from_db()
    assert case.state == "accepted"
    clerk_context.close()

    # The back office and the issuing window, through the services.
    case = svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")
    case = svc.case_issue(case=case, by=issuer)
    case = svc.case_deliver(case=case, by=issuer, method="pickup")
    case = svc.case_conclude(case=case, by=issuer)

    page.goto(reverse("portal:my_cases"))
    _axe(page, axe_check)
    page.locator(f"a:text('{case.number}')").click()
    assert page.locator("[data-state=concluded]").count() == 1
    screenshot(page, "portal-my-case-concluded")
    try:
        evaluate_url = reverse("feedback:evaluate_case", args=[case.number])
    except NoReverseMatch:
        pytest.skip("the evaluation form (feedback) is not installed: stopped at concluded")
    page.locator(f"a[href='{evaluate_url}']").click()
    page.locator("input[name=level][value='5']").check()
    page.locator("button[data-action=evaluate]").click()
    page.wait_for_load_state("networkidle")
    from onewindow.feedback.models import Evaluation

    assert Evaluation.objects.filter(case=case, level=5).exists()
