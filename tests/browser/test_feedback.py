"""Browser: the window evaluator (a tablet facing the citizen) and the citizen's case evaluation form
render, pass axe (no serious/critical violations), and record one evaluation each."""

from __future__ import annotations

from onewindow.core.timeutil import now
from onewindow.feedback.models import Evaluation
from onewindow.feedback.services import service_event_record
from tests.cases.conftest import intake, version  # noqa: F401 - the item fixture of the cases tests


def test_window_evaluator_page(page, axe_check, screenshot, centre, window, clerk):
    service_event_record(
        key="ticket:browser1",
        kind="ticket",
        centre_id=centre.pk,
        at=now(),
        window_id=window.pk,
        staff_id=clerk.pk,
        label="A017",
    )
    page.goto(f"/feedback/window/{window.pk}/")
    buttons = page.locator("button[data-action=evaluate]")
    assert buttons.count() == 5
    axe_check(page)
    screenshot(page, "feedback-window-evaluator")
    page.locator("button[data-action=evaluate][value='5']").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[role=status]").first.is_visible()
    screenshot(page, "feedback-window-thanks")
    evaluation = Evaluation.objects.get()
    assert (evaluation.level, evaluation.channel, evaluation.window_id) == (5, "window", window.pk)


def test_citizen_case_evaluation_form(page, axe_check, screenshot, clerk, version):  # noqa: F811
    case = intake(clerk, version).case
    page.goto(f"/feedback/evaluate/case/{case.number}/")
    axe_check(page)
    page.fill("input[name=verify]", "1234")
    page.check("input[name=level][value='4']")
    page.check("input[name=tags][value='efficient']")
    page.fill("textarea[name=text]", "办理很快")
    screenshot(page, "feedback-evaluate-case")
    page.click("button[data-action=evaluate]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[role=status]").first.is_visible()
    axe_check(page)
    evaluation = Evaluation.objects.get()
    assert (evaluation.level, evaluation.tags, evaluation.case_id) == (4, ["efficient"], case.pk)
