"""Rules about single cases: each is one set-based query, parameters in docs/supervision.md."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from onewindow.cases.models import Case, CaseClass, CaseEvent, CaseMaterial, Outcome, State
from onewindow.supervision.rules.base import Finding, RuleContext


def repeated_suspensions(ctx: RuleContext) -> list[Finding]:
    """A case suspended `max_per_case` times or more (seed 001 #8: pauses must follow rules)."""
    since = ctx.today - dt.timedelta(days=ctx.params["lookback_days"])
    rows = (
        CaseEvent.objects.filter(action="suspend", at__date__gte=since)
        .values("case_id")
        .annotate(n=Count("id"))
        .filter(n__gte=ctx.params["max_per_case"])
        .values_list("case_id", "n", "case__centre_id")
    )
    return [
        Finding(subject=f"case:{pk}", case_id=pk, centre_id=centre, detail={"suspensions": n})
        for pk, n, centre in rows
    ]


def immediate_not_same_day(ctx: RuleContext) -> list[Finding]:
    """An immediate case (即办件) accepted on a past day and not concluded on that day."""
    since = ctx.today - dt.timedelta(days=ctx.params["lookback_days"])
    rows = (
        Case.objects.filter(case_class=CaseClass.IMMEDIATE, accepted_on__gte=since, accepted_on__lt=ctx.today)
        .filter(Q(handled_on__isnull=True) | Q(handled_on__gt=F("accepted_on")))
        .values_list("pk", "centre_id", "accepted_on", "handled_on")
    )
    return [
        Finding(
            subject=f"case:{pk}",
            case_id=pk,
            centre_id=centre,
            detail={"accepted_on": str(acc), "handled_on": handled.isoformat() if handled else None},
        )
        for pk, centre, acc, handled in rows
    ]


def late_one_time_notice(ctx: RuleContext) -> list[Finding]:
    """No one-time notice within the item's notice days (art. 32): a notice given after its due
    day, an application deemed accepted by the sweep, or one still waiting past its due day."""
    since = ctx.today - dt.timedelta(days=ctx.params["lookback_days"])
    base = Case.objects.filter(received_on__gte=since, notice_due_date__isnull=False)
    late = (
        base.filter(one_time_notice_at__isnull=False)
        .annotate(notice_day=TruncDate("one_time_notice_at"))
        .filter(notice_day__gt=F("notice_due_date"))
    )
    waiting = base.filter(
        one_time_notice_at__isnull=True,
        state__in=[State.RECEIVED, State.SUPPLEMENT_REQUIRED],
        notice_due_date__lt=ctx.today,
    )
    deemed = base.filter(events__action="deemed_accept")
    found: dict[int, Finding] = {}
    for kind, qs in (("late", late), ("waiting", waiting), ("deemed_accepted", deemed)):
        for pk, centre, due in qs.values_list("pk", "centre_id", "notice_due_date"):
            found.setdefault(
                pk,
                Finding(
                    subject=f"case:{pk}",
                    case_id=pk,
                    centre_id=centre,
                    detail={"kind": kind, "notice_due_date": str(due)},
                ),
            )
    return list(found.values())


def extension_without_reason(ctx: RuleContext) -> list[Finding]:
    """An extension (art. 42) with no written reason on the case or on its extend event."""
    since = ctx.today - dt.timedelta(days=ctx.params["lookback_days"])
    on_case = Case.objects.filter(extension_days__gt=0, accepted_on__gte=since).filter(
        Q(extension_reason="") | Q(extension_reason__regex=r"^\s+$")
    )
    on_event = Case.objects.filter(events__action="extend", events__reason="", events__at__date__gte=since)
    found = {
        pk: Finding(subject=f"case:{pk}", case_id=pk, centre_id=centre, detail={"extension_days": days})
        for qs in (on_case, on_event)
        for pk, centre, days in qs.values_list("pk", "centre_id", "extension_days")
    }
    return list(found.values())


def material_beyond_list(ctx: RuleContext) -> list[Finding]:
    """A material asked of the applicant that is not in the case's published guide (seed 001 #7:
    no materials beyond the list): a checklist line of another version's material."""
    since = ctx.today - dt.timedelta(days=ctx.params["lookback_days"])
    rows = (
        CaseMaterial.objects.filter(case__received_on__gte=since)
        .exclude(material__version_id=F("case__item_version_id"))
        .values_list("case_id", "case__centre_id", "material__name")
    )
    found: dict[int, Finding] = {}
    for pk, centre, name in rows:
        finding = found.setdefault(
            pk, Finding(subject=f"case:{pk}", case_id=pk, centre_id=centre, detail={"materials": []})
        )
        finding.detail["materials"].append(name)
    return list(found.values())


def licence_not_issued(ctx: RuleContext) -> list[Finding]:
    """Art. 44: an approved case whose result was not issued within 10 working days of the decision
    (issue_due_date): still waiting past it, or issued after it."""
    approved = Case.objects.filter(
        outcome=Outcome.APPROVE,
        issue_due_date__isnull=False,
        decided_on__gte=ctx.today - dt.timedelta(days=ctx.params["lookback_days"]),
    )
    waiting = approved.filter(state=State.DECIDED, issue_due_date__lt=ctx.today)
    late = (
        approved.filter(issued_at__isnull=False)
        .annotate(issued_day=TruncDate("issued_at"))
        .filter(issued_day__gt=F("issue_due_date"))
    )
    found = {
        pk: Finding(
            subject=f"case:{pk}",
            case_id=pk,
            centre_id=centre,
            detail={"issue_due_date": str(due), "issued": issued is not None},
        )
        for qs in (waiting, late)
        for pk, centre, due, issued in qs.values_list("pk", "centre_id", "issue_due_date", "issued_at")
    }
    return list(found.values())
