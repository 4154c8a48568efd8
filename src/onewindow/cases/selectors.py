"""Reads of cases: what a staff member may see, one case with its history, keyset pages, and the
public progress lookup."""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from onewindow.cases.models import Case, CaseEvent, CaseMaterial, DepartmentTask
from onewindow.cases.services._base import case_not_found
from onewindow.cases.states import AGENT, CHIEF, CLERK, ISSUER, MANAGER, REVIEWER
from onewindow.network.models import Role, Staff
from onewindow.network.selectors import centre_descendants

CENTRE_READERS = {CLERK, ISSUER, MANAGER, AGENT, Role.SUPERVISOR}


def cases_visible(*, staff: Staff) -> QuerySet[Case]:
    """Cases `staff` may see: the centre's cases for front-desk, issuing, manager, proxy and
    supervisor roles (supervisors also the centres below theirs); the department's cases, the
    assigned ones and joint cases with a task of the department for reviewers and chiefs; escalated
    cases a proxy agent follows."""
    roles = staff.role_codes()
    q = Q(pk__in=[])
    if roles & CENTRE_READERS:
        q |= Q(centre_id=staff.centre_id)
    if Role.SUPERVISOR in roles:
        q |= Q(centre_id__in=[c.pk for c in centre_descendants(centre=staff.centre)])
    if Role.DEPARTMENT_ADMIN in roles and staff.department_id:
        q |= Q(department_id=staff.department_id)
    if roles & {REVIEWER, CHIEF}:
        q |= Q(reviewer_id=staff.pk)
        if staff.department_id:
            q |= Q(centre_id=staff.centre_id, department_id=staff.department_id)
            q |= Q(Exists(DepartmentTask.objects.filter(case=OuterRef("pk"),
                                                        department_id=staff.department_id)))
        q |= Q(Exists(DepartmentTask.objects.filter(case=OuterRef("pk"), assignee_id=staff.pk)))
    if AGENT in roles:
        q |= Q(proxy_agent_id=staff.pk)
    return Case.objects.filter(q)


def case_for(*, staff: Staff, number: str) -> Case:
    """One visible case by number; 404 whether it does not exist or is not the caller's to see."""
    case = (cases_visible(staff=staff).filter(number=number)
            .select_related("centre", "department", "item", "item_version", "applicant", "receiving_clerk",
                            "reviewer", "proxy_agent", "parent").first())
    if case is None:
        raise case_not_found(number)
    return case


def case_detail(*, case: Case) -> Case:
    """The case with events (and their actors), materials, tasks and suspensions prefetched."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        [case],
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor").order_by("seq")),
        Prefetch("materials", queryset=CaseMaterial.objects.select_related("material")
                 .order_by("material__position", "material_id")),
        Prefetch("tasks", queryset=DepartmentTask.objects.select_related("department", "item", "assignee")),
        "suspensions", "children")
    return case


@dataclass
class CasePage:
    cases: list[Case]
    next_cursor: str | None


def _cursor_encode(case: Case) -> str:
    raw = f"{int(case.expedited)}.{case.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[bool, int] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        flag, pk = raw.split(".")
        return flag == "1", int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def case_page(*, staff: Staff, state: str = "", centre: int | None = None, department: int | None = None,
              cursor: str = "", limit: int = 20) -> CasePage:
    """Keyset page, green-channel cases first, then newest first (ORDER BY expedited DESC, id DESC)."""
    from onewindow.core.errors import Invalid

    qs = cases_visible(staff=staff)
    if state:
        qs = qs.filter(state=state)
    if centre:
        qs = qs.filter(centre_id=centre)
    if department:
        qs = qs.filter(department_id=department)
    if cursor:
        key = _cursor_decode(cursor)
        if key is None:
            raise Invalid("invalid_cursor", "分页游标无效", "Invalid cursor")
        expedited, pk = key
        qs = qs.filter(Q(expedited=expedited, pk__lt=pk) | Q(expedited=False) if expedited
                       else Q(expedited=False, pk__lt=pk))
    rows = list(qs.select_related("item", "applicant", "centre").order_by("-expedited", "-pk")[:limit + 1])
    next_cursor = _cursor_encode(rows[limit - 1]) if len(rows) > limit else None
    return CasePage(cases=rows[:limit], next_cursor=next_cursor)


def verify_matches(case: Case, verify: str) -> bool:
    """The last 4 characters of the applicant's ID number or phone (case-insensitive, constant time)."""
    verify = (verify or "").strip().upper()
    if len(verify) != 4:
        return False
    candidates = [case.applicant.id_number[-4:].upper()]
    if len(case.applicant.phone or "") >= 4:
        candidates.append(case.applicant.phone[-4:].upper())
    # Compare against every candidate so the time does not tell which one matched.
    results = [hmac.compare_digest(verify.encode(), c.encode()) for c in candidates]
    return any(results)


PROGRESS_MAX_FAILURES = 20
PROGRESS_LOCK_SECONDS = 15 * 60


def progress_lookup(*, number: str, verify: str) -> Case:
    """The case for the public progress page, or the same 404 for an unknown number and a wrong
    verification code (no oracle). After PROGRESS_MAX_FAILURES wrong codes for one number within
    PROGRESS_LOCK_SECONDS every code gets the 404 (the 4 characters cannot be guessed by trying)."""
    from django.core.cache import cache

    number = (number or "").strip()[:40]
    fail_key = f"cases:progress-fail:{number}"
    if (cache.get(fail_key) or 0) >= PROGRESS_MAX_FAILURES:
        raise case_not_found()
    case = (Case.objects.filter(number=number).select_related("applicant", "item_version", "item")
            .prefetch_related(Prefetch("events", queryset=CaseEvent.objects.order_by("seq")
                                       .only("case_id", "seq", "action", "from_state", "to_state", "at")))
            .first()) if number else None
    if case is None or not verify_matches(case, verify):
        if cache.add(fail_key, 1, PROGRESS_LOCK_SECONDS) is False:
            try:
                cache.incr(fail_key)
            except ValueError:
                cache.set(fail_key, 1, PROGRESS_LOCK_SECONDS)
        raise case_not_found()
    return case
