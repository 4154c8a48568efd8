"""Case actions from the case page: each action through htmx and without it, bad input, service
errors shown with their status (never a 500), and scope."""

from __future__ import annotations

from onewindow.cases.models import Case, Opinion
from onewindow.notifications.models import Notification
from tests.workbench.backoffice_support import *  # noqa: F403
from tests.workbench.backoffice_support import post_action


def fresh(case):
    return Case.objects.get(pk=case.pk)


def test_review_by_htmx_answers_in_the_page(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "review", {"opinion": "材料齐全，符合条件"}, **htmx)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert 'id="case-body"' in page and "<html" not in page  # a fragment, not a page
    assert 'role="status"' in page and 'data-result-of="review"' in page
    assert fresh(accepted).state == "in_review"
    assert Opinion.objects.filter(case=accepted, opinion="材料齐全，符合条件").exists()


def test_review_without_javascript_redirects_with_message(client, reviewer, accepted):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "review", {"opinion": "同意"})
    assert resp.status_code == 302 and resp["Location"] == f"/workbench/cases/{accepted.number}/"
    page = client.get(resp["Location"]).content.decode()
    assert 'class="messages" role="status"' in page


def test_empty_opinion_is_422_with_the_message(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "review", {"opinion": "  "}, **htmx)
    assert resp.status_code == 422
    assert "status-error" in resp.content.decode()
    assert fresh(accepted).state == "accepted"


def test_suspend_and_resume(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "suspend", {"kind": "expert_review", "reason": "专家评审"}, **htmx)
    assert resp.status_code == 200, resp.content.decode()[:500]
    assert fresh(accepted).state == "suspended"
    assert 'data-action="resume"' in resp.content.decode()
    resp = post_action(client, accepted, "resume", {"result": "评审通过"}, **htmx)
    assert resp.status_code == 200
    assert fresh(accepted).state == "in_review"


def test_suspend_with_unknown_kind_is_422(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "suspend", {"kind": "magic", "reason": "x"}, **htmx)
    assert resp.status_code == 422
    assert fresh(accepted).state == "accepted"


def test_resume_when_not_suspended_is_409(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "resume", {}, **htmx)
    assert resp.status_code == 409
    assert "status-error" in resp.content.decode()


def test_reviewer_may_not_decide_403(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "decide", {"outcome": "approve"}, **htmx)
    assert resp.status_code == 403
    assert fresh(accepted).state == "accepted"


def test_chief_decides_and_extends(client, chief, accepted, htmx):
    client.force_login(chief.user)
    before = accepted.decision_due_date
    resp = post_action(client, accepted, "extend", {"working_days": "5", "reason": "需补充现场核查"}, **htmx)
    assert resp.status_code == 200, resp.content.decode()[:500]
    assert fresh(accepted).decision_due_date > before
    resp = post_action(client, accepted, "extend", {"working_days": "2", "reason": "again"}, **htmx)
    assert resp.status_code == 409  # only once (art. 42)
    resp = post_action(client, accepted, "decide", {"outcome": "approve", "opinion": "同意"}, **htmx)
    assert resp.status_code == 200
    assert fresh(accepted).state == "decided"


def test_deny_needs_reasons(client, chief, accepted, htmx):
    client.force_login(chief.user)
    assert post_action(client, accepted, "decide", {"outcome": "deny"}, **htmx).status_code == 422
    assert post_action(client, accepted, "decide", {"outcome": "maybe"}, **htmx).status_code == 422
    assert post_action(client, accepted, "decide", {"outcome": "deny", "opinion": "不符合条件"},
                       **htmx).status_code == 200
    assert fresh(accepted).outcome == "deny"


def test_return_with_reason(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    assert post_action(client, accepted, "return", {"reason": ""}, **htmx).status_code == 422
    resp = post_action(client, accepted, "return", {"reason": "现场踏勘不符合条件"}, **htmx)
    assert resp.status_code == 200
    assert fresh(accepted).state == "returned"


def test_extension_request_reaches_the_chiefs_inbox(client, reviewer, chief, accepted, htmx):
    client.force_login(reviewer.user)
    page = client.get(f"/workbench/cases/{accepted.number}/").content.decode()
    assert "extension_request" in page
    resp = post_action(client, accepted, "extension_request", {"working_days": "5", "reason": "需专家论证"},
                       **htmx)
    assert resp.status_code == 200, resp.content.decode()[:500]
    note = Notification.objects.get(recipient=chief.user, channel="inbox")
    assert accepted.number in note.text and "需专家论证" in note.text
    # Asking again the same day sends nothing new.
    post_action(client, accepted, "extension_request", {"working_days": "5", "reason": "需专家论证"}, **htmx)
    assert Notification.objects.filter(recipient=chief.user).count() == 1
    assert post_action(client, accepted, "extension_request", {"working_days": "99", "reason": "x"},
                       **htmx).status_code == 422


def test_unknown_action_and_get_are_refused(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    assert post_action(client, accepted, "explode", {}, **htmx).status_code == 404
    assert client.get(f"/workbench/cases/{accepted.number}/actions/review/").status_code == 405


def test_outsider_cannot_act(client, outsider, accepted, htmx):
    client.force_login(outsider.user)
    assert post_action(client, accepted, "review", {"opinion": "x"}, **htmx).status_code == 404
    assert fresh(accepted).state == "accepted"


def test_nul_in_text_is_not_a_500(client, reviewer, accepted, htmx):
    client.force_login(reviewer.user)
    resp = post_action(client, accepted, "review", {"opinion": "a\x00b"}, **htmx)
    assert resp.status_code == 422
