"""Staff pages: the loop list with overdue steps, the detail with htmx steps (role=status), hotline
entry, the counter complaint form; scoping (outsider 404) and login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from onewindow.feedback.models import Complaint, Evaluation, LoopStatus
from onewindow.feedback.services import evaluation_submit
from tests.feedback.conftest import at


@pytest.fixture
def loop(event):
    return evaluation_submit(level=2, channel="window", event=event).rectification


def test_list_marks_overdue(client, frozen, loop, manager):
    frozen.move_to(at(dt.date(2026, 3, 12)))
    client.force_login(manager.user)  # after the move: a session lasts a working day at most
    page = client.get(reverse("feedback:staff_loops") + "?overdue=1").content.decode()
    assert f"R{loop.pk}" in page and "fb-overdue" in page


def test_detail_and_htmx_step(client, loop, manager, reviewer):
    client.force_login(manager.user)
    url = reverse("feedback:staff_loop", args=["rectification", loop.pk])
    page = client.get(url).content.decode()
    assert 'data-action="assign"' in page
    resp = client.post(
        reverse("feedback:staff_loop_action", args=["rectification", loop.pk, "assign"]),
        {"assignee": reviewer.pk},
        HTTP_HX_REQUEST="true",
    )
    body = resp.content.decode()
    assert resp.status_code == 200 and 'role="status"' in body and "<html" not in body
    loop.refresh_from_db()
    assert loop.status == LoopStatus.VERIFYING


def test_step_error_is_shown(client, loop, reviewer):
    client.force_login(reviewer.user)  # a reviewer may not assign
    resp = client.post(
        reverse("feedback:staff_loop_action", args=["rectification", loop.pk, "assign"]),
        {"assignee": reviewer.pk},
        HTTP_HX_REQUEST="true",
    )
    assert resp.status_code == 403 and 'role="alert"' in resp.content.decode()


def test_outsider_gets_404(client, loop, outsider):
    client.force_login(outsider.user)
    assert client.get(reverse("feedback:staff_loop", args=["rectification", loop.pk])).status_code == 404
    assert (
        client.post(
            reverse("feedback:staff_loop_action", args=["rectification", loop.pk, "close"])
        ).status_code
        == 404
    )


def test_login_required(client, loop):
    resp = client.get(reverse("feedback:staff_loops"))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_hotline_entry(client, case, clerk):
    client.force_login(clerk.user)
    url = reverse("feedback:staff_hotline")
    assert 'data-action="evaluate"' in client.get(url).content.decode()
    resp = client.post(url, {"case": case.number, "level": 3})
    assert resp.status_code == 200 and 'role="status"' in resp.content.decode()
    e = Evaluation.objects.get()
    assert (e.channel, e.entered_by) == ("hotline", clerk)
    assert client.post(url, {"case": case.number, "level": 3}).status_code == 409


def test_counter_complaint(client, frozen, case, clerk, window):
    client.force_login(clerk.user)
    url = reverse("feedback:staff_complaint_new")
    assert client.get(url).status_code == 200
    resp = client.post(
        url,
        {
            "kind": "report",
            "centre": clerk.centre_id,
            "subject": "索要好处",
            "text": "详情",
            "case": case.number,
            "window": window.pk,
            "name": "王五",
            "phone": "13600001234",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:800]
    c = Complaint.objects.get()
    assert (c.kind, c.source, c.entered_by, c.case) == ("report", "counter", clerk, case)
    # the clerk who entered it can open it
    assert client.get(resp["Location"]).status_code == 200
