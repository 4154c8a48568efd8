"""Reads of the public side of the online service hall (no login).

Guides come from the catalogue's public reads (catalogue.listing: published, active items and the
version in force), so the portal shows exactly what the counter works from. Progress comes from
cases.selectors.progress_lookup; appointments from the queueing selectors.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from onewindow.calendar.services import is_working_day
from onewindow.catalogue.listing import public_items
from onewindow.catalogue.models import ServiceItem
from onewindow.catalogue.search import normalise_query
from onewindow.core.errors import Invalid, NotFound
from onewindow.core.timeutil import now
from onewindow.network.models import Centre, Department, Theme
from onewindow.portal.models import Article, ArticleKind, ArticleStatus, LifeEvent
from onewindow.queueing.models import Appointment, QueueLine
from onewindow.queueing.selectors import appointment_by_code, booking_days, queue_settings, rule_specs

PER_PAGE = 20
MAX_TERMS = 8
MAX_QUERY = 100

# --- home and browsing ------------------------------------------------------------------------------


def theme_counts() -> list[tuple[str, str, int]]:
    """(code, label, number of public items) of every theme, in the catalogue's order."""
    counts = dict(public_items().values_list("theme").annotate(n=Count("id")).values_list("theme", "n"))
    return [(code, str(label), counts.get(code, 0)) for code, label in Theme.choices]


def departments_with_items() -> list[Department]:
    """Departments with at least one public item (each carries `item_count`), by centre then name."""
    return list(Department.objects.filter(items__in=public_items()).annotate(item_count=Count("items"))
                .select_related("centre").order_by("centre_id", "code"))


def life_events() -> list[LifeEvent]:
    return list(LifeEvent.objects.filter(active=True))


def life_event(*, slug: str) -> LifeEvent:
    event = LifeEvent.objects.filter(slug=slug[:40], active=True).first() if slug else None
    if event is None:
        raise NotFound("life_event_not_found", "未找到该主题服务", "No such life event")
    return event


def item_ids_for_event(event: LifeEvent) -> list[int]:
    """Public items whose version in force carries one of the event's tags. One query; the tag test
    runs here because SQLite has no JSON containment lookup (the list is the published catalogue,
    hundreds of rows, read as two columns)."""
    tags = set(event.tag_list)
    rows = public_items().values_list("pk", "current_version__life_events")
    return [pk for pk, events in rows if tags.intersection(events or [])]


@dataclass
class GuidePage:
    items: list[ServiceItem]
    count: int
    page: int
    pages: int
    query: str


def _terms(q: str) -> list[str]:
    q = (q or "").replace("\x00", "")[:MAX_QUERY]
    terms = normalise_query(q).split()
    if len(terms) > MAX_TERMS:
        raise Invalid("too_many_terms", "搜索词过多", "Too many search terms", detail={"max": MAX_TERMS})
    return terms


def guide_search(*, q: str = "", theme: str = "", department: int | None = None,
                 event: LifeEvent | None = None, page: int = 1, per_page: int = PER_PAGE) -> GuidePage:
    """Public items matching every search term (name, codes, keywords, full pinyin, pinyin initials:
    the catalogue's search_text) and the chosen theme, department and life event; numbered pages
    (simpler than cursors for people who go back and forth)."""
    qs: QuerySet[ServiceItem] = public_items()
    for term in _terms(q):
        qs = qs.filter(search_text__contains=term)
    if theme:
        qs = qs.filter(theme=theme[:20])
    if department:
        qs = qs.filter(department_id=department)
    if event is not None:
        qs = qs.filter(pk__in=item_ids_for_event(event))
    count = qs.count()
    pages = max(1, -(-count // per_page))
    page = min(max(1, page), pages)
    rows = list(qs.select_related("current_version", "department", "centre")
                .order_by("implementation_code")[(page - 1) * per_page: page * per_page])
    return GuidePage(items=rows, count=count, page=page, pages=pages, query=" ".join(_terms(q)))


# --- articles ---------------------------------------------------------------------------------------


def articles_published(*, kind: str = "", centre: int | None = None) -> QuerySet[Article]:
    """Articles the public may read: published and their publication time has come."""
    qs = Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now())
    if kind in ArticleKind.values:
        qs = qs.filter(kind=kind)
    if centre:
        qs = qs.filter(centre_id=centre)
    return qs.select_related("centre")


def article_public(*, pk: int) -> Article:
    article = articles_published().filter(pk=pk).first() if 0 < pk < 2**62 else None
    if article is None:
        raise NotFound("article_not_found", "未找到该信息", "No such article")
    return article


# --- appointments -----------------------------------------------------------------------------------


def booking_centres() -> list[Centre]:
    """Active centres with at least one active line that takes appointments."""
    return list(Centre.objects.filter(active=True, queue_lines__active=True,
                                      queue_lines__appointments_enabled=True)
                .distinct().order_by("region_id", "id"))


def booking_lines(*, centre: Centre) -> list[QueueLine]:
    return list(QueueLine.objects.filter(centre=centre, active=True, appointments_enabled=True)
                .order_by("position", "prefix"))


@dataclass(frozen=True)
class BookingDay:
    day: dt.date
    working: bool
    open: bool  # the line has slots that day (weekend slots only where the centre opens them)


def booking_day_list(*, line: QueueLine) -> list[BookingDay]:
    """Every day of the booking horizon with whether the line's rules open slots that day."""
    first, last = booking_days(settings=queue_settings(centre=line.centre_id), at=now())
    out = []
    day = first
    while day <= last:
        opens = bool(rule_specs(line=line, day=day))
        out.append(BookingDay(day=day, working=is_working_day(day), open=opens))
        day += dt.timedelta(days=1)
    return out


def appointment_for(*, code: str, phone: str) -> Appointment:
    """The appointment with this booking code whose phone is `phone`; the same NotFound when either
    is wrong, so the pair cannot be probed one half at a time."""
    phone = (phone or "").strip().replace(" ", "").replace("-", "")
    try:
        appointment = appointment_by_code(code=code)
    except NotFound:
        appointment = None
    if appointment is None or not hmac.compare_digest(appointment.phone.encode(), phone.encode()):
        raise NotFound("appointment_not_found", "未找到与预约码和手机号码相符的预约",
                       "No appointment matches this code and phone number")
    return appointment


