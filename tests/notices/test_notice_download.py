from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from onewindow.notices.services import notice_request
from tests.factories import UserFactory
from tests.notices.factories import event_for


@pytest.fixture
def notice(case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = notice_request(case=case, kind="acceptance", event=event_for(case, "accept"))
    made.refresh_from_db()
    return made


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_staff_of_the_centre_download_the_pdf(notice, clerk, django_assert_max_num_queries):
    url = reverse("notices:download", args=[notice.pk])
    client = client_for(clerk.user)
    with django_assert_max_num_queries(8):
        resp = client.get(url)
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    body = b"".join(resp.streaming_content)
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == notice.sha256
    assert f'filename="{notice.case.number}-acceptance.pdf"' in resp["Content-Disposition"]


def test_other_centre_gets_404(notice, outsider):
    resp = client_for(outsider.user).get(reverse("notices:download", args=[notice.pk]))
    assert resp.status_code == 404


def test_a_login_without_staff_profile_gets_404(notice):
    resp = client_for(UserFactory(username="citizen")).get(reverse("notices:download", args=[notice.pk]))
    assert resp.status_code == 404


def test_anonymous_is_sent_to_login(notice):
    url = reverse("notices:download", args=[notice.pk])
    resp = Client().get(url)
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("login"))


def test_pending_or_unknown_notice_is_404(case, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        pending = notice_request(case=case, kind="acceptance")
    client = client_for(clerk.user)
    assert client.get(reverse("notices:download", args=[pending.pk])).status_code == 404
    assert client.get(reverse("notices:download", args=[pending.pk + 1000])).status_code == 404


def test_only_get(notice, clerk):
    assert client_for(clerk.user).post(reverse("notices:download", args=[notice.pk])).status_code == 405
