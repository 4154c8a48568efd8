"""The clerk's day at the counter: "my counter today", resuming a case in supplement_required
(supplement → accept), the case page at the counter, scope, query counts, the window ticket."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.models import Attachment, Case
from tests.cases.conftest import complete
from tests.factories import StaffFactory, UserFactory
from tests.workbench.counter_support import HTMX, frozen, intake, version  # noqa: F401 - fixtures

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def supplement_case(clerk, version):
    case = intake(clerk, version, materials=complete(version, skip=(version.m_id,))).case
    assert case.state == "supplement_required"
    return case


def test_my_counter_today_lists_the_clerks_cases_only(client, clerk, centre, version, frozen):
    from onewindow.network.models import Role

    mine = intake(clerk, version).case
    colleague = StaffFactory(user=UserFactory(username="clerk2"), centre=centre, roles=[Role.CLERK])
    theirs = intake(colleague, version).case
    client.force_login(clerk.user)
    page = client.get("/workbench/counter/today/", **HTMX).content.decode()
    assert mine.number in page and theirs.number not in page


def test_my_counter_today_query_count(client, clerk, version, frozen, django_assert_max_num_queries):
    for _ in range(5):
        intake(clerk, version)
    supplement_case(clerk, version)
    client.force_login(clerk.user)
    client.get("/workbench/counter/today/", **HTMX)
    # session, user, staff, roles, today's cases, waiting supplements: whatever the number of cases
    with django_assert_max_num_queries(6):
        resp = client.get("/workbench/counter/today/", **HTMX)
    assert resp.content.decode().count("/workbench/counter/cases/") == 7


def test_counter_page_query_count(client, clerk, version, frozen, django_assert_max_num_queries):
    for _ in range(5):
        intake(clerk, version)
    client.force_login(clerk.user)
    client.get("/workbench/counter/")
    with django_assert_max_num_queries(8):
        assert client.get("/workbench/counter/").status_code == 200


def test_resume_supplement_to_accept(client, clerk, version, frozen):
    case = supplement_case(clerk, version)
    client.force_login(clerk.user)
    page = client.get("/workbench/counter/").content.decode()
    assert f"/workbench/counter/cases/{case.number}/" in page and "data-resume" in page
    page = client.get(f"/workbench/counter/cases/{case.number}/").content.decode()
    assert 'data-action="supplement"' in page and "身份证明" in page
    assert "data-first-contact" in page and clerk.name in page
    data = {f"material_{version.m_id.pk}": "original",
            f"scan_{version.m_id.pk}": SimpleUploadedFile("id.png", PNG, content_type="image/png")}
    resp = client.post(f"/workbench/counter/cases/{case.number}/supplement/", data, **HTMX)
    page = resp.content.decode()
    assert resp.status_code == 200, page
    case.refresh_from_db()
    assert case.state == "accepted" and case.accepted_on is not None
    assert 'role="status"' in page and 'data-state="accepted"' in page
    assert Attachment.objects.get(case=case).case_material.material_id == version.m_id.pk


def test_supplement_still_incomplete_stays(client, clerk, version, frozen):
    case = supplement_case(clerk, version)
    client.force_login(clerk.user)
    resp = client.post(f"/workbench/counter/cases/{case.number}/supplement/",
                       {f"material_{version.m_id.pk}": "missing"}, **HTMX)
    assert resp.status_code == 200
    case.refresh_from_db()
    assert case.state == "supplement_required"


def test_supplement_cannot_demand_a_new_material(client, clerk, version, frozen):
    case = supplement_case(clerk, version)
    client.force_login(clerk.user)
    resp = client.post(f"/workbench/counter/cases/{case.number}/supplement/",
                       {f"material_{version.m_id.pk}": "original",
                        f"material_{version.m_form.pk}": "missing"}, **HTMX)
    assert resp.status_code == 422 and 'role="alert"' in resp.content.decode()


def test_supplement_of_an_accepted_case_is_a_conflict(client, clerk, version, frozen):
    case = intake(clerk, version).case
    client.force_login(clerk.user)
    resp = client.post(f"/workbench/counter/cases/{case.number}/supplement/", {}, **HTMX)
    assert resp.status_code == 409


def test_case_of_another_centre_is_not_found(client, outsider, clerk, version, frozen):
    case = intake(clerk, version).case
    client.force_login(outsider.user)
    assert client.get(f"/workbench/counter/cases/{case.number}/").status_code == 404
    resp = client.post(f"/workbench/counter/cases/{case.number}/supplement/", {}, **HTMX)
    assert resp.status_code == 404
    assert Case.objects.get().state == "accepted"


def test_unknown_case_number(client, clerk, db):
    client.force_login(clerk.user)
    assert client.get("/workbench/counter/cases/NOPE/").status_code == 404


def test_call_next_and_serve(client, clerk, frozen):
    from onewindow.queueing import services as queue
    from onewindow.queueing.models import QueueLine, TicketSource

    line = QueueLine.objects.create(centre=clerk.centre, code="ZH", prefix="A", name="综合受理")
    line.windows.add(clerk.window)
    ticket = queue.ticket_take(line=line, source=TicketSource.KIOSK)
    client.force_login(clerk.user)
    resp = client.post("/workbench/counter/ticket/call/", **HTMX)
    page = resp.content.decode()
    assert resp.status_code == 200 and ticket.number in page and 'role="status"' in page
    resp = client.post(f"/workbench/counter/ticket/{ticket.pk}/serve/", **HTMX)
    ticket.refresh_from_db()
    assert resp.status_code == 200 and ticket.status == "serving"
    # Nobody else waits: the queue service says so, in the page.
    resp = client.post("/workbench/counter/ticket/call/", **HTMX)
    assert resp.status_code == 404 and resp["HX-Retarget"] == "#action-errors"
