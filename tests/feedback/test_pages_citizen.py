"""Citizen pages: the window evaluator, the case evaluation form (contract fields), the SMS link page,
the complaint and "couldn't get it done" forms and the complainant's status page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from onewindow.feedback.models import Complaint, Evaluation
from onewindow.feedback.services import evaluation_invite_send, loop_assign, loop_reply, loop_verify


def test_window_evaluator_shows_big_buttons_and_records_one_press(client, event, window):
    url = reverse("feedback:window", args=[window.pk])
    page = client.get(url).content.decode()
    assert page.count('data-action="evaluate"') == 5 and "A001" in page
    resp = client.post(url, {"event": event.pk, "level": 5})
    assert resp.status_code == 200 and 'role="status"' in resp.content.decode()
    assert Evaluation.objects.get().channel == "window"
    again = client.post(url, {"event": event.pk, "level": 1})
    assert again.status_code == 409  # the event is no longer offered
    assert Evaluation.objects.count() == 1


def test_window_evaluator_idle_without_a_recent_service(client, frozen, event, window):
    frozen.shift(dt.timedelta(hours=1))
    page = client.get(reverse("feedback:window", args=[window.pk])).content.decode()
    assert 'data-action="evaluate"' not in page


def test_window_evaluator_unknown_window_404(client, db):
    assert client.get(reverse("feedback:window", args=[999999])).status_code == 404


def test_case_form_has_the_contract_fields(client, case):
    page = client.get(reverse("feedback:evaluate_case", args=[case.number])).content.decode()
    assert len(re.findall(r'type="radio" name="level" value="[1-5]"', page)) == 5
    assert 'type="checkbox" name="tags"' in page
    assert re.search(r'<textarea[^>]*name="text"', page)
    assert 'data-action="evaluate"' in page
    for field_id in re.findall(r'<input[^>]*id="(id_[a-z_]+)"', page):  # every input has a label
        assert f'for="{field_id}"' in page


def test_case_evaluation_with_the_verification_code(client, case):
    url = reverse("feedback:evaluate_case", args=[case.number])
    resp = client.post(url, {"verify": "1234", "level": 4, "tags": ["efficient", "attitude"], "text": "不错"})
    assert resp.status_code == 200, resp.content.decode()[:500]
    e = Evaluation.objects.get()
    assert (e.subject, e.channel, e.level, e.tags) == ("case", "web", 4, ["efficient"])  # misfit tag left out
    dup = client.post(url, {"verify": "1234", "level": 5})
    assert dup.status_code == 409 and "只能评价一次" in dup.content.decode() or dup.status_code == 409


def test_case_evaluation_with_a_wrong_code_is_404(client, case):
    resp = client.post(reverse("feedback:evaluate_case", args=[case.number]), {"verify": "0000", "level": 5})
    assert resp.status_code == 404
    assert not Evaluation.objects.exists()


def test_case_form_without_a_level_is_422(client, case):
    resp = client.post(reverse("feedback:evaluate_case", args=[case.number]), {"verify": "1234"})
    assert resp.status_code == 422


def test_sms_link_page_once(client, event):
    _invite, token = evaluation_invite_send(event=event)
    url = reverse("feedback:evaluate_token", args=[token])
    assert 'data-action="evaluate"' in client.get(url).content.decode()
    assert client.post(url, {"level": 5}).status_code == 200
    used = client.get(url)
    assert used.status_code == 409 and 'data-code="invite_used"' in used.content.decode()


def test_sms_link_expired(client, frozen, event):
    _invite, token = evaluation_invite_send(event=event)
    frozen.shift(dt.timedelta(days=4))
    resp = client.get(reverse("feedback:evaluate_token", args=[token]))
    assert resp.status_code == 409 and 'data-code="invite_expired"' in resp.content.decode()


def test_complaint_form_submits_and_shows_the_status(client, frozen, centre, window):
    url = reverse("feedback:complaint_new")
    assert client.get(url).status_code == 200
    resp = client.post(
        url,
        {
            "kind": "complaint",
            "centre": centre.pk,
            "subject": "排队太久",
            "text": "等了两小时",
            "window": window.pk,
            "name": "李四",
            "phone": "13700001234",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:800]
    complaint = Complaint.objects.get()
    assert (complaint.kind, complaint.source, complaint.window) == ("complaint", "portal", window)
    status = client.get(resp["Location"])
    assert complaint.reference in status.content.decode()


def test_anonymous_suggestion_and_refused_anonymous_complaint(client, frozen, centre):
    url = reverse("feedback:complaint_new")
    ok = client.post(
        url, {"kind": "suggestion", "centre": centre.pk, "subject": "s", "text": "t", "anonymous": "on"}
    )
    assert ok.status_code == 302
    no = client.post(
        url, {"kind": "complaint", "centre": centre.pk, "subject": "s", "text": "t", "anonymous": "on"}
    )
    assert no.status_code == 422 and 'role="alert"' in no.content.decode()


def test_cannot_do_form_with_a_case(client, case, centre):
    url = reverse("feedback:cannot_do_new") + f"?case={case.number}"
    page = client.get(url).content.decode()
    assert case.number in page
    resp = client.post(
        url,
        {
            "centre": centre.pk,
            "subject": "办不成",
            "text": "说不清",
            "case": case.number,
            "verify": "002X",
            "name": "张三",
            "phone": "13800001234",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:800]
    assert Complaint.objects.get().kind == "cannot_do"


def test_complainant_rates_on_the_status_page(client, frozen, centre, manager, reviewer):
    from onewindow.feedback.services import complaint_submit

    c = complaint_submit(
        kind="complaint", source="portal", centre=centre, subject="s", text="t", name="n", phone="13700001234"
    )
    c = loop_assign(record=c, assignee=reviewer, by=manager)
    c = loop_verify(record=c, founded=False, finding="f", by=reviewer)
    loop_reply(record=c, reply="答复内容", by=reviewer)
    url = reverse("feedback:complaint_status", args=[c.reference])
    assert "答复内容" in client.get(url).content.decode()
    resp = client.post(url, {"action": "rate", "satisfaction": 2})
    assert resp.status_code == 200
    c.refresh_from_db()
    assert c.satisfaction == 2


@pytest.mark.parametrize("name", ["complaint_new", "cannot_do_new"])
def test_forms_render_for_anonymous_visitors(client, db, name):
    assert client.get(reverse(f"feedback:{name}")).status_code == 200
