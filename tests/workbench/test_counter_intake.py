"""POST /workbench/counter/intake/: each outcome through the cases services, the first-contact owner,
the scans, the ticket, the notice PDF, and bad input answered in the page (never a 500)."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.models import Attachment, Case, CaseEvent
from onewindow.network.models import Role
from onewindow.notices.models import Notice
from onewindow.queueing.models import TicketCase
from tests.factories import AuthorisationFactory
from tests.workbench.counter_support import (  # noqa: F401 - fixtures
    HTMX,
    PERSON_ID,
    frozen,
    immediate_version,
    intake_data,
    version,
)

URL = "/workbench/counter/intake/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def post(client, data, htmx=True, **kw):
    headers = HTMX if htmx else {}
    return client.post(URL, data, **headers, **kw)


def test_accept_complete_materials(client, clerk, version, frozen, django_capture_on_commit_callbacks):
    client.force_login(clerk.user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = post(client, intake_data(version))
    page = resp.content.decode()
    assert resp.status_code == 200, page
    case = Case.objects.get()
    assert case.state == "accepted"
    assert case.receiving_clerk == clerk                      # first-contact responsibility
    assert 'role="status"' in page and case.number in page
    assert "data-first-contact" in page and clerk.name in page
    assert PERSON_ID not in page                              # masked on the answer
    notice = Notice.objects.get(case=case, kind="acceptance")
    assert notice.status == "ready"
    # In a test the PDF renders when the test's transaction "commits", after the answer: the
    # answer polls the notices until they are ready.
    assert f'hx-get="/workbench/counter/cases/{case.number}/notices/"' in page
    notices = client.get(f"/workbench/counter/cases/{case.number}/notices/", **HTMX).content.decode()
    assert f"/notices/{notice.pk}/download/" in notices       # print it at once
    assert client.get(f"/notices/{notice.pk}/download/")["Content-Type"] == "application/pdf"
    assert 'id="counter-side" hx-swap-oob="true"' in page     # "my counter today" refreshed


def test_accept_with_a_missing_material_writes_nothing(client, clerk, version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version, missing=[version.m_id]))
    assert resp.status_code == 409
    assert resp["HX-Retarget"] == "#action-errors"
    assert "一次性告知" in resp.content.decode()
    assert not Case.objects.exists()


def test_one_time_notice_lists_every_missing_material(client, clerk, version, frozen,
                                                      django_capture_on_commit_callbacks):
    client.force_login(clerk.user)
    data = intake_data(version, outcome="notice", missing=[version.m_id, version.m_form])
    with django_capture_on_commit_callbacks(execute=True):
        resp = post(client, data)
    page = resp.content.decode()
    assert resp.status_code == 200, page
    case = Case.objects.get()
    assert case.state == "supplement_required"
    assert {m["name"] for m in case.missing} == {"申请书", "身份证明"}
    assert "申请书" in page and "身份证明" in page
    assert Notice.objects.get(case=case, kind="one_time").status == "ready"
    page = client.get(f"/workbench/counter/cases/{case.number}/").content.decode()
    assert 'data-notice="one_time"' in page


def test_notice_with_nothing_missing_is_refused(client, clerk, version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version, outcome="notice"))
    assert resp.status_code == 409 and not Case.objects.exists()


def test_refuse_needs_a_reason(client, clerk, version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version, outcome="refuse"))
    assert resp.status_code == 422 and not Case.objects.exists()


def test_refuse_in_writing(client, clerk, version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version, outcome="refuse", reason="申请事项依法不需要取得行政许可"))
    assert resp.status_code == 200, resp.content.decode()
    case = Case.objects.get()
    assert case.state == "refused" and case.reason == "申请事项依法不需要取得行政许可"
    assert list(case.events.values_list("action", flat=True)) == ["receive", "refuse"]
    assert Notice.objects.filter(case=case, kind="refusal").exists()


def test_situation_answer_makes_the_lease_required(client, clerk, version, frozen):
    client.force_login(clerk.user)
    data = intake_data(version, outcome="notice")
    data[f"situation_{version.situation.pk}"] = version.opt_rented.pk
    resp = post(client, data)
    assert resp.status_code == 200
    case = Case.objects.get()
    assert [m["name"] for m in case.missing] == ["租赁合同"]
    assert case.situation_answers == {str(version.situation.pk): version.opt_rented.pk}


def test_scans_are_attached_to_their_material(client, clerk, version, frozen):
    client.force_login(clerk.user)
    data = intake_data(version)
    data[f"scan_{version.m_form.pk}"] = SimpleUploadedFile("申请书.png", PNG, content_type="image/png")
    resp = post(client, data)
    assert resp.status_code == 200, resp.content.decode()
    att = Attachment.objects.get()
    assert att.case_material.material_id == version.m_form.pk and att.content_type == "image/png"


def test_a_scan_of_a_forbidden_type_writes_nothing(client, clerk, version, frozen):
    client.force_login(clerk.user)
    data = intake_data(version)
    data[f"scan_{version.m_form.pk}"] = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="image/png")
    resp = post(client, data)
    assert resp.status_code == 422 and not Case.objects.exists()


@pytest.mark.parametrize("change", [
    {"id_number": "110105194912310021"},      # wrong check digit
    {"kind": "organisation"},                 # a resident ID is no USCC
    {"name": ""},                             # required
    {"outcome": "approve"},                   # not an outcome of the counter
    {"item": "11990101MB0000001X4999"},       # no such item
    {"ticket": "abc"},
    {"ticket": "999999"},                     # no such ticket at this centre
    {"material_999999": "original"},          # not in the item's list
    {"name": "张\x00三"},
])
def test_bad_input_is_answered_never_a_500(client, clerk, version, frozen, change):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version) | change)
    assert resp.status_code in (404, 409, 422), resp.content.decode()
    assert 'role="alert"' in resp.content.decode()
    assert not Case.objects.exists()


def test_plain_post_without_htmx_redirects_to_the_case(client, clerk, version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version), htmx=False)
    case = Case.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/workbench/counter/cases/{case.number}/"
    assert client.get(resp["Location"]).status_code == 200


def test_plain_post_error_renders_a_page(client, clerk, version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(version, missing=[version.m_id]), htmx=False)
    assert resp.status_code == 409 and "<html" in resp.content.decode()


def test_the_called_ticket_is_linked(client, clerk, version, frozen):
    from onewindow.queueing import services as queue
    from onewindow.queueing.models import QueueLine, TicketSource

    line = QueueLine.objects.create(centre=clerk.centre, code="ZH", prefix="A", name="综合受理")
    line.windows.add(clerk.window)
    ticket = queue.ticket_take(line=line, source=TicketSource.KIOSK)
    queue.ticket_call_next(window=clerk.window, by=clerk)
    client.force_login(clerk.user)
    page = client.get("/workbench/counter/").content.decode()
    assert ticket.number in page
    resp = post(client, intake_data(version, ticket=ticket.pk))
    assert resp.status_code == 200, resp.content.decode()
    assert TicketCase.objects.get().case == Case.objects.get()


def test_conclude_at_once_for_an_authorised_clerk(client, clerk, department, immediate_version, frozen):
    AuthorisationFactory(staff=clerk, department=department, direct_approval=True)
    client.force_login(clerk.user)
    form = client.get("/workbench/counter/form/", {"item": immediate_version.item.implementation_code},
                      **HTMX).content.decode()
    assert 'data-action="conclude"' in form
    resp = post(client, intake_data(immediate_version, outcome="conclude"))
    assert resp.status_code == 200, resp.content.decode()
    case = Case.objects.get()
    # 证明 without a licence type: decided, issued and handed over in person, then concluded.
    assert case.state == "concluded"
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions[:3] == ["receive", "accept", "decide"] and actions[-1] == "conclude"


def test_conclude_at_once_without_authorisation_writes_nothing(client, clerk, immediate_version, frozen):
    client.force_login(clerk.user)
    resp = post(client, intake_data(immediate_version, outcome="conclude"))
    assert resp.status_code == 403 and not Case.objects.exists()


def test_outsider_cannot_use_a_ticket_of_this_centre(client, outsider, clerk, version, frozen):
    from onewindow.queueing import services as queue
    from onewindow.queueing.models import QueueLine, TicketSource

    line = QueueLine.objects.create(centre=clerk.centre, code="ZH", prefix="A", name="综合受理")
    ticket = queue.ticket_take(line=line, source=TicketSource.KIOSK)
    client.force_login(outsider.user)
    resp = post(client, intake_data(version, ticket=ticket.pk))
    assert resp.status_code in (404, 422) and not Case.objects.exists()


def test_clerk_of_a_village_proxy_role_only_cannot_intake(client, agent, version, frozen):
    assert Role.PROXY_AGENT in agent.role_codes()
    client.force_login(agent.user)
    assert post(client, intake_data(version)).status_code == 403


def test_dates_are_working_days(client, clerk, version, frozen):
    client.force_login(clerk.user)
    post(client, intake_data(version))
    case = Case.objects.get()
    assert case.received_on == dt.date(2026, 3, 9)
    assert case.decision_due_date == dt.date(2026, 3, 23)  # 10 working days after Monday 9 March
