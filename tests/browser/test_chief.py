"""Chief representative in the browser: decides within the authorisation, sees the refusal of a
power they lack in the row, decides their department's part of a joint case, records meeting minutes."""

from __future__ import annotations

import re

import pytest
import time_machine
from playwright.sync_api import expect

from onewindow.cases.models import Case, JointMeeting
from onewindow.network.models import Authorisation
from tests.cases.conftest import (  # noqa: F401 - fixtures
    MONDAY,
    immediate_version,
    intake,
    joint_version,
    other_chief,
    version,
)


@pytest.fixture
def flowing():
    with time_machine.travel(MONDAY, tick=True):
        yield


def test_chief_flow(page, login, axe_check, screenshot, flowing, clerk, chief, other_chief,  # noqa: F811
                    version, immediate_version, joint_version):  # noqa: F811
    promised = intake(clerk, version).case
    immediate = intake(clerk, immediate_version).case
    joint = intake(clerk, joint_version).case
    # This chief may not approve immediate cases directly.
    Authorisation.objects.filter(staff=chief).update(direct_approval=False)
    login(page, chief)
    page.goto("/workbench/chief/")
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "chief")
    axe_check(page)

    refused_row = page.locator("tr", has_text=immediate.number)
    expect(refused_row.locator("[data-granted]")).to_have_attribute("data-granted", "no")
    refused_row.locator('button[data-action="decide"][value="approve"]').click()
    result = refused_row.locator("[role=status]")
    expect(result).to_have_class(re.compile("status-error"))
    expect(result).to_contain_text("授权书未授予此项审批权")
    assert Case.objects.get(pk=immediate.pk).state != "decided"

    row = page.locator("tr", has_text=promised.number)
    expect(row.locator("[data-granted]")).to_have_attribute("data-granted", "yes")
    row.locator('button[data-action="decide"][value="approve"]').click()
    expect(row.locator("[role=status]")).to_have_class(re.compile("status-ok"))
    assert Case.objects.get(pk=promised.pk).state == "decided"

    card = page.locator("article.joint-case", has_text=joint.number)
    expect(card.locator(".task-card")).to_have_count(2)
    card.locator('button[data-action="task_decide"][value="approve"]').click()
    expect(card.locator("[role=status]").first).to_have_class(re.compile("status-ok"))
    assert joint.tasks.get(department=chief.department).state == "done"

    card.locator("summary").click()
    card.locator("textarea[name=attendees]").fill("张三，李四")
    card.locator("textarea[name=minutes]").fill("各部门意见一致，同意并联办理")
    card.locator('button[data-action="meeting"]').click()
    expect(card.locator('[data-result-of="meeting"]')).to_have_class(re.compile("status-ok"))
    assert JointMeeting.objects.filter(case=joint).count() == 1
    screenshot(page, "chief-after-actions")
    axe_check(page)
