"""Reads of the counter (前台综合受理): item search, the tailored material list, the ID check, the
clerk's window ticket and "my counter today". Every read is scoped to the clerk's centre."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from onewindow.cases.models import Case
from onewindow.cases.selectors import case_detail, case_for, cases_visible
from onewindow.cases.states import State
from onewindow.catalogue.models import CaseClass, ItemVersion, Material, ServiceItem, Situation, VersionStatus
from onewindow.catalogue.search import normalise_query
from onewindow.catalogue.selectors import items_available_at, materials_for, version_in_force
from onewindow.core.errors import DomainError, Invalid
from onewindow.core.identifiers import mask_id, validate_resident_id, validate_uscc
from onewindow.core.timeutil import now, today
from onewindow.network.models import Staff
from onewindow.network.selectors import active_authorisations
from onewindow.notices.models import Notice
from onewindow.notices.selectors import notices_for
from onewindow.queueing.models import Ticket
from onewindow.queueing.models.tickets import AT_WINDOW_STATUSES

SEARCH_LIMIT = 10
MAX_TERMS = 8


def item_search(*, staff: Staff, q: str, limit: int = SEARCH_LIMIT) -> list[ServiceItem]:
    """Published items the clerk's centre handles (its own and delegated ones) whose name, code or
    pinyin (full or initials) contains every term of q. One query."""
    terms = normalise_query((q or "").replace("\x00", ""))[:100].split()[:MAX_TERMS]
    if not terms:
        return []
    qs = items_available_at(centre=staff.centre).filter(current_version__status=VersionStatus.PUBLISHED)
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    return list(qs.order_by("name", "implementation_code")[:limit])


def counter_item(*, staff: Staff, code: str) -> tuple[ServiceItem, ItemVersion]:
    """The item (by implementation code) the clerk's centre may take in, with its version in force."""
    code = (code or "").strip()[:40]
    item = (items_available_at(centre=staff.centre).filter(implementation_code=code).first()
            if code and "\x00" not in code else None)
    version = version_in_force(item=item, on=today()) if item is not None else None
    if item is None or version is None:
        raise Invalid("unknown_item", "事项不存在或本中心不可办理",
                      "Unknown item, or not handled at this centre", detail={"item": code})
    return item, version


@dataclass
class MaterialLine:
    material: Material
    required: bool
    default: str


@dataclass
class IntakeForm:
    item: ServiceItem
    version: ItemVersion
    situations: list[Situation]
    answers: dict[int, int]
    lines: list[MaterialLine]
    may_conclude: bool
    fees: list = field(default_factory=list)


def parse_answers(data) -> dict[int, int]:
    """situation_<id>=<option id> pairs of a form (bad numbers are ignored; the service checks the
    pairs against the version)."""
    answers: dict[int, int] = {}
    for key in data:
        if not key.startswith("situation_"):
            continue
        sid, oid = key.removeprefix("situation_"), str(data.get(key) or "")
        if sid.isdigit() and oid.isdigit() and len(sid) < 12 and len(oid) < 12:
            answers[int(sid)] = int(oid)
    return answers


def may_conclude_at_once(*, staff: Staff, version: ItemVersion, item: ServiceItem) -> bool:
    """即办: an immediate item, and the clerk holds a direct-approval authorisation of its department."""
    return (version.case_class == CaseClass.IMMEDIATE
            and active_authorisations(staff=staff).filter(department_id=item.department_id,
                                                          direct_approval=True).exists())


def intake_form(*, staff: Staff, code: str, answers: dict[int, int] | None = None,
                chosen: dict[int, str] | None = None) -> IntakeForm:
    """What the intake form shows for one item: its situation questions and the material list the
    answers tailor (materials_for: required ones plus those the answers add, minus removed ones)."""
    item, version = counter_item(staff=staff, code=code)
    situations = list(Situation.objects.filter(version=version).prefetch_related("options")
                      .order_by("position", "id"))
    answers = answers or {}
    try:
        needed = {m.pk for m in materials_for(version=version, answers=answers)}
    except DomainError:
        answers, needed = {}, {m.pk for m in materials_for(version=version, answers={})}
    materials = list(version.materials.all())
    chosen = chosen or {}
    lines = [MaterialLine(material=m, required=m.pk in needed,
                          default=chosen.get(m.pk) or ("licence_library" if m.source == "licence_library"
                                                       else "missing"))
             for m in materials]
    return IntakeForm(item=item, version=version, situations=situations, answers=answers, lines=lines,
                      may_conclude=may_conclude_at_once(staff=staff, version=version, item=item),
                      fees=list(version.fees.all()))


@dataclass(frozen=True)
class IdCheck:
    ok: bool
    kind: str
    number: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    age: int | None = None
    error: str = ""


def id_check(*, kind: str, number: str, language: str = "zh-hans") -> IdCheck:
    """Instant check-digit validation: a resident ID (GB 11643) with the birth date and sex it
    implies, or a unified social credit code (GB 32100) for an organisation."""
    number = (number or "").strip().upper()[:30]
    if not number:
        return IdCheck(ok=False, kind=kind)
    try:
        if kind == "organisation":
            return IdCheck(ok=True, kind=kind, number=validate_uscc(number))
        info = validate_resident_id(number)
    except DomainError as exc:
        text = exc.message if language.startswith("zh") else exc.message_en
        return IdCheck(ok=False, kind=kind, error=text)
    day, born = today(), info.birth_date
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return IdCheck(ok=True, kind=kind, number=info.number, birth_date=info.birth_date, sex=info.sex, age=age)


def window_ticket(*, staff: Staff) -> Ticket | None:
    """Today's ticket called to or served at the clerk's window (a called ticket starts an intake)."""
    if staff.window_id is None:
        return None
    return (Ticket.objects.select_related("line")
            .filter(window_id=staff.window_id, centre_id=staff.centre_id, day=timezone.localdate(now()),
                    status__in=AT_WINDOW_STATUSES)
            .order_by("-called_at", "-id").first())


def my_counter_today(*, staff: Staff, limit: int = 50) -> QuerySet[Case]:
    """The clerk's cases received today (first-contact owner), newest first. One query."""
    return (cases_visible(staff=staff).filter(receiving_clerk=staff, received_on=today())
            .select_related("item", "applicant").order_by("-pk")[:limit])


def my_supplements(*, staff: Staff, limit: int = 50) -> QuerySet[Case]:
    """The clerk's cases waiting for a supplement (any day): resumed when the applicant comes back."""
    return (cases_visible(staff=staff).filter(receiving_clerk=staff, state=State.SUPPLEMENT_REQUIRED)
            .select_related("item", "applicant").order_by("notice_due_date", "pk")[:limit])


@dataclass
class CounterCase:
    case: Case
    notices: list[Notice]
    case_url: str | None
    attachments: list = field(default_factory=list)

    @property
    def notices_pending(self) -> bool:
        return any(n.status == "pending" for n in self.notices)

    @property
    def applicant_id_masked(self) -> str:
        return mask_id(self.case.applicant.id_number)


def case_url(number: str) -> str | None:
    """The shared case page of workbench-backoffice, when it is installed."""
    try:
        return reverse("workbench:case_detail", args=[number])
    except NoReverseMatch:
        return None


def counter_case(*, staff: Staff, number: str) -> CounterCase:
    """One case of the clerk's centre with its checklist, notices and scans (404 otherwise)."""
    case = case_detail(case=case_for(staff=staff, number=(number or "")[:40]))
    from django.db.models import prefetch_related_objects

    from onewindow.cases.models import Attachment

    prefetch_related_objects([case], Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
    return CounterCase(case=case, notices=list(notices_for(case=case)), case_url=case_url(case.number),
                       attachments=list(case.attachments.all()))
