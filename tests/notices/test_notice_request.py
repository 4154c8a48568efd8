from __future__ import annotations

import pytest

from onewindow.core.errors import Invalid
from onewindow.notices import services
from onewindow.notices.models import Notice, NoticeKind, NoticeStatus
from onewindow.notices.render.kinds import TEMPLATES
from onewindow.notices.selectors import notices_for
from onewindow.notices.services import NOTICE_KINDS, notice_generate, notice_request
from tests.notices.factories import CaseFactory, event_for


def pdf_files(media):
    return sorted(p.name for p in (media / "notices").rglob("*.pdf")) if (media / "notices").exists() else []


def test_every_kind_has_a_template_and_a_choice():
    assert set(NOTICE_KINDS) == set(NoticeKind.values) == set(TEMPLATES)


def test_generation_waits_for_the_commit(case, clerk, media, django_capture_on_commit_callbacks):
    event = event_for(case, "accept")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice = notice_request(case=case, kind="acceptance", event=event, by=clerk.user)
        assert Notice.objects.get().status == NoticeStatus.PENDING
    assert len(callbacks) == 1
    assert pdf_files(media) == []  # nothing rendered inside the transaction

    callbacks[0]()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.READY
    assert notice.requested_by == clerk
    assert notice.generated_at is not None
    assert len(notice.sha256) == 64
    assert pdf_files(media) == [f"{case.number}-acceptance-{event.pk}.pdf"]


def test_rolled_back_transition_leaves_no_notice(case, media, django_capture_on_commit_callbacks):
    from django.db import transaction

    event = event_for(case, "accept")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notice_request(case=case, kind="acceptance", event=event)
                raise RuntimeError("the transition failed after asking for the notice")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Notice.objects.exists()
    assert pdf_files(media) == []


def test_two_requests_one_row_one_file(case, media, django_capture_on_commit_callbacks):
    event = event_for(case, "accept")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = notice_request(case=case, kind="acceptance", event=event)
    with django_capture_on_commit_callbacks(execute=True) as again:
        second = notice_request(case=case, kind="acceptance", event=event)

    assert first.pk == second.pk
    assert len(callbacks) == 1 and again == []
    assert Notice.objects.count() == 1
    assert len(pdf_files(media)) == 1
    # A retried task finds it ready and does nothing.
    notice_generate(notice_id=first.pk)
    assert len(pdf_files(media)) == 1


def test_unique_without_an_event_too(case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        a = notice_request(case=case, kind="acceptance")
        b = notice_request(case=case, kind="acceptance")
        c = notice_request(case=case, kind="acceptance", event=event_for(case, "accept"))
    assert a.pk == b.pk != c.pk
    assert Notice.objects.count() == 2


def test_failed_render_is_recorded_and_retried(case, monkeypatch, media, django_capture_on_commit_callbacks):
    def broken(notice):
        raise ValueError("template exploded")

    monkeypatch.setattr(services, "_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_request(case=case, kind="refusal", event=event_for(case, "refuse", reason="x"))
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.FAILED
    assert "template exploded" in notice.error
    assert pdf_files(media) == []

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice_request(case=case, kind="refusal", event=notice.event)
    assert len(callbacks) == 1
    notice.refresh_from_db()
    assert (notice.status, notice.error) == (NoticeStatus.READY, "")


def test_bad_requests(case, department):
    with pytest.raises(Invalid) as exc:
        notice_request(case=case, kind="love_letter")
    assert exc.value.code == "invalid_notice_kind"
    other = CaseFactory(department=department)
    with pytest.raises(Invalid) as exc:
        notice_request(case=case, kind="acceptance", event=event_for(other, "accept"))
    assert exc.value.code == "event_not_of_case"
    assert not Notice.objects.exists()


def test_generate_unknown_notice_is_a_no_op(db):
    assert notice_generate(notice_id=987654) is None


def test_notices_for(case, department, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        a = notice_request(case=case, kind="one_time")
        b = notice_request(case=case, kind="acceptance")
        notice_request(case=CaseFactory(department=department), kind="acceptance")
    assert list(notices_for(case=case)) == [a, b]
