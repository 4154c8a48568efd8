"""SMS evaluation links: the token is texted once, stored hashed, works once and expires."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.feedback.models import EvaluationInvite
from onewindow.feedback.services import (
    evaluation_invite_send,
    evaluation_submit,
    evaluation_submit_with_token,
)
from onewindow.notifications.models import Notification


def test_invite_texts_a_link_and_stores_only_the_hash(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite, token = evaluation_invite_send(event=event)
    sms = Notification.objects.get(channel="sms")
    assert sms.address == "13900001111"
    assert f"/feedback/e/{token}/" in sms.text
    assert token not in EvaluationInvite.objects.values_list("token_hash", flat=True)
    assert invite.expires_at - invite.created_at == dt.timedelta(hours=72)


def test_token_works_once(event):
    _invite, token = evaluation_invite_send(event=event)
    e = evaluation_submit_with_token(token=token, level=5, tags=["friendly"])
    assert (e.channel, e.event) == ("sms", event)
    with pytest.raises(Conflict) as err:
        evaluation_submit_with_token(token=token, level=1)
    assert err.value.code == "invite_used"


def test_token_expires(frozen, event):
    _invite, token = evaluation_invite_send(event=event)
    frozen.shift(dt.timedelta(hours=72, seconds=1))
    with pytest.raises(Conflict) as err:
        evaluation_submit_with_token(token=token, level=5)
    assert err.value.code == "invite_expired"


def test_unknown_token(event):
    with pytest.raises(NotFound):
        evaluation_submit_with_token(token="nope", level=5)


def test_failed_submit_does_not_use_the_token(event):
    _invite, token = evaluation_invite_send(event=event)
    with pytest.raises(Invalid):
        evaluation_submit_with_token(token=token, level=5, tags=["attitude"])
    assert evaluation_submit_with_token(token=token, level=5).level == 5


def test_no_invite_for_an_evaluated_event(event):
    evaluation_submit(level=4, channel="window", event=event)
    with pytest.raises(Conflict):
        evaluation_invite_send(event=event)


def test_case_invite_goes_to_the_applicant(case):
    invite, _token = evaluation_invite_send(case=case)
    assert invite.phone == "13800001234"
