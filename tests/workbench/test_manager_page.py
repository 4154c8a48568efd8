"""The centre manager's page: live overview (states, colours, windows staffed, queue), the 30 s
htmx poll, the on-duty board and administration links."""

from __future__ import annotations

import datetime as dt

from onewindow.network.models import DutyStatus
from onewindow.network.services import staff_set_duty
from tests.workbench.backoffice_support import *  # noqa: F403
from tests.workbench.backoffice_support import MONDAY, intake


def test_overview_counts_states_and_colours(client, manager, clerk, version, frozen):
    intake(clerk, version)                                   # will be overdue
    frozen.move_to(MONDAY + dt.timedelta(days=7))
    intake(clerk, version)                                   # 3 working days left: yellow
    frozen.move_to(MONDAY + dt.timedelta(days=21))
    intake(clerk, version)                                   # fresh: green
    client.force_login(manager.user)
    resp = client.get("/workbench/manager/")
    page = resp.content.decode()
    assert resp.status_code == 200
    assert 'hx-trigger="every 30s"' in page
    assert 'data-state="accepted"' in page
    for colour in ("red", "yellow", "green"):
        start = page.index(f'data-colour="{colour}"')
        assert '<span class="figure-value">1</span>' in page[start:start + 80]


def test_overview_fragment_and_windows(client, manager, clerk, window):
    client.force_login(manager.user)
    resp = client.get("/workbench/manager/overview/")
    page = resp.content.decode()
    assert resp.status_code == 200 and "<html" not in page
    start = page.index('data-figure="windows"')
    assert "1 / 1" in page[start:start + 80]
    staff_set_duty(staff=clerk, status=DutyStatus.OUT, note="下村")
    page = client.get("/workbench/manager/overview/").content.decode()
    start = page.index('data-figure="windows"')
    assert "0 / 1" in page[start:start + 80]


def test_on_duty_board_and_admin_links(client, manager, clerk):
    staff_set_duty(staff=clerk, status=DutyStatus.OUT, note="下村代办")
    client.force_login(manager.user)
    page = client.get("/workbench/manager/").content.decode()
    assert "clerk" in page and "下村代办" in page
    assert "/admin/network/staff/" not in page  # not an admin login
    manager.user.is_staff = True
    manager.user.save()
    page = client.get("/workbench/manager/").content.decode()
    assert "/admin/network/staff/" in page


def test_only_managers(client, reviewer, chief, outsider, db):
    for staff in (reviewer, chief, outsider):
        client.force_login(staff.user)
        assert client.get("/workbench/manager/").status_code == 403
        assert client.get("/workbench/manager/overview/").status_code == 403


def test_outsider_manager_sees_only_their_centre(client, manager, other_centre, accepted):
    from onewindow.network.models import Role
    from tests.factories import StaffFactory, UserFactory

    theirs = StaffFactory(user=UserFactory(username="m2"), centre=other_centre, roles=[Role.CENTRE_MANAGER])
    client.force_login(theirs.user)
    page = client.get("/workbench/manager/overview/").content.decode()
    assert 'data-state="accepted"' not in page


def test_overview_query_count(client, manager, accepted, django_assert_max_num_queries):
    client.force_login(manager.user)
    client.get("/workbench/manager/overview/")
    # session, user, staff, roles; states, colours, windows, staffed windows, queue
    with django_assert_max_num_queries(9):
        assert client.get("/workbench/manager/overview/").status_code == 200
