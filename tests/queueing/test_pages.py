"""The public hall pages: kiosk (take a ticket, check in), display board and its live fragment,
the ticket page (screen, print, phone) and the appointment page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import onewindow.queueing
from onewindow.queueing.models import Ticket
from onewindow.queueing.services import appointment_book, ticket_call_next, ticket_recall
from tests.queueing.conftest import DAY, ELDER_ID, at

STATIC = Path(onewindow.queueing.__file__).parent / "static" / "queueing"


def test_kiosk_shows_a_big_button_per_line_with_waiting_counts(client, centre, lines, take, frozen):
    take(lines[0]), take(lines[0])
    page = client.get(f"/queue/{centre.pk}/kiosk", HTTP_COOKIE="django_language=en").content.decode()
    assert page.count('class="kiosk-button"') == 3
    for name in ("社会民生", "登记注册", "综合发证", centre.name):
        assert name in page
    assert "2 people waiting" in page and "0 people waiting" in page
    assert 'name="id_number"' in page and 'value="pregnant"' in page and 'value="elderly"' not in page
    assert "<script>" not in page


def test_kiosk_takes_a_ticket_and_sends_to_the_print_page(client, centre, social, frozen):
    resp = client.post(
        f"/queue/{centre.pk}/kiosk", {"line": "social", "id_number": ELDER_ID, "priority": ["disabled"]}
    )
    ticket = Ticket.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/queue/ticket/{ticket.token}?print=1"
    assert (ticket.source, ticket.priority_reasons) == ("kiosk", ["disabled", "elderly"])


def test_kiosk_shows_the_error_in_words(client, centre, social, frozen):
    resp = client.post(f"/queue/{centre.pk}/kiosk", {"line": "social", "id_number": "110105194912310021"})
    assert resp.status_code == 422
    assert "居民身份证号码无效" in resp.content.decode()
    assert "110105194912310021" not in resp.content.decode()  # a public screen: the ID is not shown again
    assert not Ticket.objects.exists()
    assert client.post(f"/queue/{centre.pk}/kiosk", {"line": "nope"}).status_code == 404


def test_kiosk_check_in_by_code_or_scanned_url(client, centre, social, weekday_rule, frozen):
    appointment = appointment_book(
        line=social, day=DAY, start=dt.time(9, 30), name="赵六", phone="13800138000", at=at(8)
    )
    scanned = f"https://hall.example/queue/appointment/{appointment.code.lower()}"
    resp = client.post(f"/queue/{centre.pk}/kiosk/check-in", {"code": scanned})
    ticket = Ticket.objects.get(appointment=appointment)
    assert resp.status_code == 302 and ticket.token in resp["Location"]
    bad = client.post(f"/queue/{centre.pk}/kiosk/check-in", {"code": "ZZZZZZZZZZ"})
    assert bad.status_code == 404 and "kiosk-error" in bad.content.decode()


def test_unknown_centre_is_404(client, db):
    assert client.get("/queue/424242/kiosk").status_code == 404
    assert client.get("/queue/424242/board").status_code == 404


def test_board_shows_calls_and_next_numbers(client, centre, social, take, window, clerk, frozen):
    for minute in range(4):
        take(social, at_=at(8, minute))
    ticket_call_next(window=window, by=clerk)
    page = client.get(f"/queue/{centre.pk}/board").content.decode()
    assert f'hx-get="/queue/{centre.pk}/board/live"' in page and 'hx-trigger="every 2s"' in page
    assert "queueing/board.js" in page and "<script>" not in page
    assert 'data-spoken="请A零零一号，到A零一号窗口办理"' in page
    assert "A002 A003 A004" in page


def test_board_fragment_changes_key_on_recall(client, centre, social, take, window, clerk, frozen):
    take(social, at_=at(8, 0))
    ticket = ticket_call_next(window=window, by=clerk)
    first = client.get(f"/queue/{centre.pk}/board/live")
    assert first["Cache-Control"] == "no-store"
    assert f'data-call-key="{ticket.pk}-1"' in first.content.decode()
    ticket_recall(ticket=ticket, by=clerk)
    assert f'data-call-key="{ticket.pk}-2"' in client.get(f"/queue/{centre.pk}/board/live").content.decode()


def test_board_fragment_query_count(
    client, centre, lines, take, window, clerk, frozen, django_assert_max_num_queries
):
    for minute in range(30):
        take(lines[minute % 3], at_=at(8, minute))
    ticket_call_next(window=window, by=clerk)
    with django_assert_max_num_queries(4):
        assert client.get(f"/queue/{centre.pk}/board/live").status_code == 200


def test_board_js_speaks_chinese_from_a_static_file():
    js = (STATIC / "board.js").read_text(encoding="utf-8")
    assert "speechSynthesis" in js and '"zh-CN"' in js and "htmx:afterSwap" in js and "data-call-key" in js


def test_ticket_page_prints_and_follows_the_queue(client, centre, social, take, frozen):
    take(social, at_=at(8, 0))
    ticket = take(social, at_=at(8, 1), priority_reasons=["pregnant"])
    resp = client.get(f"/queue/ticket/{ticket.token}?print=1")
    page = resp.content.decode()
    assert resp.status_code == 200 and resp["Cache-Control"] == "private, no-store"
    assert "A002" in page and "社会民生" in page and 'data-autoprint="1"' in page
    assert "<svg" in page and "queueing/ticket.js" in page and "<script>" not in page
    assert f'hx-get="/queue/ticket/{ticket.token}/live"' in page
    assert f'href="/queue/{centre.pk}/kiosk" data-return' in page  # the kiosk comes back after printing
    live = client.get(f"/queue/ticket/{ticket.token}/live", HTTP_COOKIE="django_language=en").content.decode()
    assert "1 person ahead of you" in live and "About 10 minutes" in live
    assert client.get("/queue/ticket/nope").status_code == 404


def test_called_ticket_page_names_the_window_and_stops_polling(
    client, centre, social, take, window, clerk, frozen
):
    ticket = take(social, at_=at(8, 0))
    ticket_call_next(window=window, by=clerk)
    page = client.get(f"/queue/ticket/{ticket.token}/live", HTTP_COOKIE="django_language=en").content.decode()
    assert "Please go to window A01" in page and "hx-get" in page  # still open: keeps polling
    ticket.refresh_from_db()
    ticket.status = "finished"
    ticket.save()
    assert "hx-get" not in client.get(f"/queue/ticket/{ticket.token}/live").content.decode()


def test_appointment_page_shows_the_check_in_qr(client, centre, social, weekday_rule, frozen):
    appointment = appointment_book(
        line=social, day=DAY, start=dt.time(10), name="钱七", phone="13800138000", at=at(8)
    )
    page = client.get(f"/queue/appointment/{appointment.code}").content.decode()
    assert appointment.code in page and "<svg" in page and "09:00" in page and "10:15" in page
    assert "钱七" not in page and "13800138000" not in page
    assert client.get("/queue/appointment/NOPE").status_code == 404


@pytest.mark.parametrize("name", ["queue.css", "board.js", "ticket.js"])
def test_static_files_exist(name):
    assert (STATIC / name).stat().st_size > 100
