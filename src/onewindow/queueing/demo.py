"""Demo data of the queue, for `manage.py load_demo` (add `load_demo_queue` to demo.steps.STEPS
after load_staff). Idempotent: lines and rules by natural key, a simulated day only when that day
has no tickets, appointments by phone and day.

What it makes:
- queue lines for the demo city, county, townships and villages (by theme, by window kind, and the
  county's dedicated windows by listed windows), with the county's settings;
- appointment rules: county working days 09:00–17:30 in half hours with uninterrupted lunchtime
  service at reduced capacity, county Saturday mornings (seed 001 #13); townships working days with
  the lunch break closed;
- the previous working day at the county hall and at 柳塘镇, simulated minute by minute through the
  services (arrivals peaking mid-morning and mid-afternoon, green channel, appointment check-ins,
  no-shows after three calls, service times per line), so KPIs and predictions have history;
- a live queue for today at the county hall (some waiting, some at the windows) for the board;
- appointments for the coming days, Saturday included.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from onewindow.calendar.services import is_working_day
from onewindow.core.errors import DomainError, NotFound
from onewindow.core.timeutil import now
from onewindow.network.models import Centre, CentreLevel, DutyStatus, Staff, Theme, Window, WindowKind
from onewindow.queueing.models import (
    Appointment,
    AppointmentRule,
    AppointmentStatus,
    DayType,
    QueueLine,
    QueueSettings,
    Ticket,
)
from onewindow.queueing.selectors import lines_served
from onewindow.queueing.services import (
    appointment_book,
    appointment_check_in,
    ticket_call_next,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_serve_start,
    ticket_take,
)
from onewindow.queueing.services.config import appointment_rule_save, queue_line_save, queue_settings_save

T = dt.time


@dataclass(frozen=True)
class LineDef:
    code: str
    name: str
    prefix: str
    theme: str = ""
    kind: str = ""
    windows: tuple[str, ...] = ()
    minutes: int = 10  # typical service time, also the default before history
    share: float = 0.1  # share of the day's arrivals
    description: str = ""


S, R, P, I_ = Theme.SOCIAL, Theme.REGISTRATION, Theme.PRODUCTION, Theme.INVESTMENT
COUNTY_LINES = (
    LineDef(
        "social",
        "社会民生",
        "A",
        S,
        minutes=8,
        share=0.30,
        description="社保、医保、户籍证明、民政、公积金等",
    ),
    LineDef("registration", "登记注册", "B", R, minutes=15, share=0.14, description="企业开办、变更、注销"),
    LineDef(
        "production", "生产经营", "C", P, minutes=12, share=0.10, description="食品、药品、交通运输等经营许可"
    ),
    LineDef("investment", "投资建设", "D", I_, minutes=20, share=0.05, description="工程建设项目审批"),
    LineDef(
        "issuing",
        "综合发证",
        "E",
        kind=WindowKind.ISSUING,
        minutes=4,
        share=0.12,
        description="领取证照、结果",
    ),
    LineDef("property", "不动产登记", "F", windows=("Z01", "Z02", "Z03"), minutes=18, share=0.12),
    LineDef("tax", "税务", "G", windows=("Z04", "Z05"), minutes=10, share=0.08),
    LineDef("police", "公安户政", "H", windows=("Z06", "Z07"), minutes=9, share=0.06),
    LineDef("assisted", "帮办代办(老年人、残疾人)", "J", kind=WindowKind.ASSISTED, minutes=15, share=0.03),
)
CITY_LINES = (
    LineDef("general", "综合受理", "A", kind=WindowKind.COMPREHENSIVE, minutes=12, share=0.8),
    LineDef("issuing", "综合发证", "E", kind=WindowKind.ISSUING, minutes=4, share=0.2),
)
TOWNSHIP_LINES = (
    LineDef("social", "社会民生(卫生健康、民生保障、涉军)", "A", S, minutes=8, share=0.55),
    LineDef("registration", "市场准入", "B", R, minutes=12, share=0.15),
    LineDef("production", "农业、林业、水利、自然资源", "C", P, minutes=12, share=0.12),
    LineDef("investment", "城乡建设", "D", I_, minutes=15, share=0.08),
    LineDef("police", "公安户籍", "H", windows=("07",), minutes=9, share=0.10),
)
VILLAGE_LINES: tuple[LineDef, ...] = (
    LineDef("proxy", "便民代办", "A", kind=WindowKind.ASSISTED, minutes=10, share=1.0),
)
LINES_BY_LEVEL: dict[str, tuple[LineDef, ...]] = {
    CentreLevel.CITY: CITY_LINES,
    CentreLevel.COUNTY: COUNTY_LINES,
    CentreLevel.TOWNSHIP: TOWNSHIP_LINES,
}

# Arrivals per hour at the county hall by opening hour: mid-morning and mid-afternoon peaks.
COUNTY_PROFILE = {9: 34, 10: 38, 11: 24, 12: 6, 13: 8, 14: 22, 15: 28, 16: 20, 17: 6}
TOWNSHIP_PROFILE = {8: 3, 9: 8, 10: 7, 11: 4, 14: 4, 15: 6, 16: 4, 17: 1}
NO_SHOW_RATE = 0.04
PRIORITY_RATE = 0.08
DEMO_PHONES = [f"1390000{n:04d}" for n in range(100)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "桂兰",
)


def _demo_centres() -> dict[str, Centre]:
    from onewindow.demo import refs

    return refs.centres()


def _lines_for(centre: Centre, defs: tuple[LineDef, ...]) -> list[QueueLine]:
    windows = {w.number: w for w in Window.objects.filter(centre=centre)}
    out = []
    for position, d in enumerate(defs):
        listed = [windows[n] for n in d.windows if n in windows]
        if d.windows and not listed:
            continue  # e.g. 云溪乡 has no police window
        line = QueueLine.objects.filter(centre=centre, code=d.code).first()
        if line is None:
            line = queue_line_save(
                line=QueueLine(
                    centre=centre,
                    code=d.code,
                    name=d.name,
                    prefix=d.prefix,
                    theme=d.theme,
                    window_kind=d.kind,
                    description=d.description,
                    position=position,
                    default_service_minutes=d.minutes,
                ),
                windows=listed,
            )
        out.append(line)
    return out


def _rule(centre, line, day_type, start, end, capacity, *, weekdays=(), lunch=None, lunch_capacity=0) -> int:
    if AppointmentRule.objects.filter(line=line, day_type=day_type, start=start).exists():
        return 0
    appointment_rule_save(
        rule=AppointmentRule(
            centre=centre,
            line=line,
            day_type=day_type,
            weekdays=list(weekdays),
            start=start,
            end=end,
            slot_minutes=30,
            capacity=capacity,
            lunch_start=lunch[0] if lunch else None,
            lunch_end=lunch[1] if lunch else None,
            lunch_capacity=lunch_capacity,
        )
    )
    return 1


def _rules(centre: Centre, lines: list[QueueLine], level: str) -> int:
    made = 0
    for line in lines:
        if level in (CentreLevel.COUNTY, CentreLevel.CITY):
            # 午间不间断服务 and Saturday appointments (seed 001 #13).
            made += _rule(
                centre, line, DayType.WORKING, T(9), T(17, 30), 3, lunch=(T(12), T(13, 30)), lunch_capacity=1
            )
            if line.theme or line.code in ("property", "police"):
                made += _rule(centre, line, DayType.WEEKEND, T(9), T(12), 2, weekdays=[6])
        elif level == CentreLevel.TOWNSHIP:
            made += _rule(centre, line, DayType.WORKING, T(8, 30), T(17, 30), 2, lunch=(T(12), T(14)))
    return made


def _previous_working_day(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _aware(day: dt.date, minute: float) -> dt.datetime:
    """Minutes after midnight on `day` as an aware datetime (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime.combine(day, T(0)) + dt.timedelta(minutes=minute))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _arrivals(
    rng: random.Random,
    lines: list[QueueLine],
    defs: dict[str, LineDef],
    profile: dict[int, int],
    scale: float,
) -> list[tuple[float, QueueLine, list[str]]]:
    weights = [defs[line.code].share for line in lines]
    out = []
    for hour, per_hour in profile.items():
        for _ in range(max(0, round(per_hour * scale * rng.uniform(0.85, 1.15)))):
            minute = hour * 60 + rng.uniform(0, 59)
            line = rng.choices(lines, weights=weights)[0]
            flags = (
                [rng.choice(["disabled", "pregnant", "service_member"])]
                if rng.random() < PRIORITY_RATE
                else []
            )
            out.append((minute, line, flags))
    return sorted(out, key=lambda a: a[0])


@dataclass
class _Desk:
    window: Window
    staff: Staff
    ticket: Ticket | None = None
    phase: str = ""  # "called" (waiting for the person), "serving"
    next_at: float = 0.0  # minute of the next action
    no_show: bool = False


def _simulate_day(
    centre: Centre,
    lines: list[QueueLine],
    defs: dict[str, LineDef],
    day: dt.date,
    profile: dict[int, int],
    scale: float,
    rng: random.Random,
    until: float | None = None,
) -> int:
    """Run the hall from opening to closing (or `until`, minutes after midnight) through the services."""
    desks = [
        _Desk(window=s.window, staff=s)  # type: ignore[arg-type]  # window__isnull=False
        for s in Staff.objects.filter(
            centre=centre, window__isnull=False, window__active=True, duty_status=DutyStatus.ON_DUTY
        )
        .select_related("window")
        .order_by("window__number")
    ]
    # Who waits where, kept in memory so that idle windows only call when someone waits for them.
    waiting = {line.pk: 0 for line in lines}
    serves = {
        desk.window.pk: [line.pk for line in lines_served(lines=lines, windows=[desk.window])]
        for desk in desks
    }
    arrivals = _arrivals(rng, lines, defs, profile, scale)
    appointments = list(Appointment.objects.filter(centre=centre, day=day, status=AppointmentStatus.BOOKED))
    check_ins = sorted(
        ((a.start.hour * 60 + a.start.minute - rng.uniform(5, 30), a) for a in appointments),
        key=lambda x: x[0],
    )
    end = until if until is not None else max(profile) * 60 + 75
    taken = 0
    minute = min(profile) * 60 - 10.0
    while minute < end:
        at = _aware(day, minute)
        while arrivals and arrivals[0][0] <= minute:
            _, line, flags = arrivals.pop(0)
            ticket_take(line=line, source="kiosk", priority_reasons=flags, at=at)
            waiting[line.pk] += 1
            taken += 1
        while check_ins and check_ins[0][0] <= minute:
            _, appointment = check_ins.pop(0)
            try:
                appointment_check_in(appointment=appointment, at=at)
                waiting[appointment.line_id] += 1
                taken += 1
            except DomainError:
                pass  # arrived outside the check-in window: goes home (a no-show for the sweep)
        for desk in desks:
            if desk.next_at > minute:
                continue
            ticket = desk.ticket
            if ticket is not None and desk.phase == "called":
                if desk.no_show:
                    if ticket.call_count < 3:
                        ticket = ticket_recall(ticket=ticket, by=desk.staff, at=at)
                        desk.ticket, desk.next_at = ticket, minute + 1
                        continue
                    ticket_no_show(ticket=ticket, by=desk.staff, at=at)
                    desk.ticket = None
                else:
                    desk.ticket = ticket_serve_start(ticket=ticket, by=desk.staff, at=at)
                    typical = defs[ticket.line.code].minutes if ticket.line.code in defs else 10
                    desk.phase, desk.next_at = "serving", minute + rng.lognormvariate(math.log(typical), 0.45)
                    continue
            elif ticket is not None and desk.phase == "serving":
                ticket_finish(ticket=ticket, by=desk.staff, at=at)
                desk.ticket = None
            closing = until is None and minute > end - 15  # the last quarter hour: call nobody new
            if closing or not any(waiting[pk] for pk in serves[desk.window.pk]):
                desk.next_at = minute + 0.5
                continue
            try:
                called = ticket_call_next(window=desk.window, by=desk.staff, at=at)
            except (NotFound, DomainError):
                desk.next_at = minute + 1
                continue
            waiting[called.line_id] -= 1
            desk.ticket, desk.phase = called, "called"
            desk.no_show = rng.random() < NO_SHOW_RATE
            desk.next_at = minute + rng.uniform(0.5, 1.5)
        minute += 0.5
    if until is not None:
        # A live hall: a few people have just come in and wait.
        for i in range(6):
            ticket_take(line=lines[i % min(3, len(lines))], source="kiosk", at=_aware(day, end))
            taken += 1
    return taken


def _book_ahead(
    centre: Centre,
    lines: list[QueueLine],
    start_day: dt.date,
    days: int,
    count: int,
    rng: random.Random,
    at: dt.datetime,
) -> int:
    """Bookings by demo phones over `days` days from start_day (Saturday included), unless a run
    already booked there."""
    made = 0
    bookable = [line for line in lines if line.appointments_enabled and line.appointment_rules.exists()]
    last_day = start_day + dt.timedelta(days=days - 1)
    if (
        not bookable
        or Appointment.objects.filter(
            centre=centre, day__gte=start_day, day__lte=last_day, phone__in=DEMO_PHONES
        ).exists()
    ):
        return 0  # booked by an earlier run
    for i in range(count):
        day = start_day + dt.timedelta(days=i % days)
        phone = DEMO_PHONES[(i * 7 + centre.pk) % len(DEMO_PHONES)]
        line = rng.choice(bookable)
        start = rng.choice(
            [T(9), T(9, 30), T(10), T(10, 30), T(11), T(14), T(14, 30), T(15), T(15, 30), T(12, 30)]
        )
        try:
            appointment_book(line=line, day=day, start=start, name=_name(rng), phone=phone, at=at)
            made += 1
        except DomainError:
            continue  # no such slot that day (weekend hours, holiday) or full
    return made


def _has_tickets(centre: Centre, day: dt.date) -> bool:
    return Ticket.objects.filter(centre=centre, day=day).exists()


@transaction.atomic
def load_demo_queue(*, today: dt.date | None = None, seed: int = 6) -> str:
    """The queue's demo data (module docstring). Returns a one-line summary."""
    moment = now()
    today = today or timezone.localdate(moment)
    rng = random.Random(seed)
    centres = _demo_centres()
    all_lines: dict[str, list[QueueLine]] = {}
    rules = 0
    for key, centre in centres.items():
        all_lines[key] = _lines_for(centre, LINES_BY_LEVEL.get(centre.level, VILLAGE_LINES))
        rules += _rules(centre, all_lines[key], centre.level)
    county = centres.get("county")
    if county is None:
        return "no demo network: run load_network and load_staff first"
    if not QueueSettings.objects.filter(centre=county).exists():
        queue_settings_save(settings=QueueSettings(centre=county))
    county_defs = {d.code: d for d in COUNTY_LINES}
    town_defs = {d.code: d for d in TOWNSHIP_LINES}

    past = _previous_working_day(today)
    simulated = 0
    for key, by_code, profile in (
        ("county", county_defs, COUNTY_PROFILE),
        ("liutang", town_defs, TOWNSHIP_PROFILE),
    ):
        sim_centre = centres.get(key)
        if sim_centre is None or _has_tickets(sim_centre, past):
            continue
        # Bookings made two days before for the simulated day, checked in on the day.
        _book_ahead(
            sim_centre, all_lines[key], past, 1, 12, rng, _aware(past - dt.timedelta(days=2), 10 * 60)
        )
        simulated += _simulate_day(sim_centre, all_lines[key], by_code, past, profile, 1.0, rng)

    live = 0
    local = timezone.localtime(moment)
    minute_now = local.hour * 60 + local.minute
    if today == local.date() and minute_now >= 9 * 60 + 20 and not _has_tickets(county, today):
        # Today's hall up to now (after closing: up to 10:30): the last quarter hour's tickets wait
        # and some are at the windows, so the board and the kiosk have something to show.
        until = min(minute_now, 17 * 60) if minute_now <= 17 * 60 else 10 * 60 + 30
        live = _simulate_day(
            county, all_lines["county"], county_defs, today, COUNTY_PROFILE, 0.7, rng, until=until
        )

    booked = _book_ahead(county, all_lines["county"], today + dt.timedelta(days=1), 7, 40, rng, moment)
    booked += (
        _book_ahead(
            centres["liutang"], all_lines["liutang"], today + dt.timedelta(days=1), 5, 10, rng, moment
        )
        if "liutang" in centres
        else 0
    )
    lines = sum(len(v) for v in all_lines.values())
    return (
        f"{lines} queue lines, {rules} new slot rules, {simulated} tickets on {past.isoformat()}, "
        f"{live} today, {booked} new appointments"
    )
