"""JSON API of the supervision app (mounted in onewindow.api.root at /api/v1/supervision).

GET /cases      the board: open cases with their colour (bearer auth, scoped like the page)
GET /anomalies  what the anomaly rules found
GET /duty/{key} the public on-duty board of a centre (no auth)
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from ninja import Query, Router, Schema

from onewindow.api.root import bearer
from onewindow.core.permissions import acting_staff
from onewindow.core.schemas import ERRORS, ErrorOut
from onewindow.supervision import selectors
from onewindow.supervision.rules import RULE_LABELS, RULE_NAMES
from onewindow.supervision.schemas import AnomalyOut, AnomalyPageOut, BoardCaseOut, BoardPageOut, DutyOut

router = Router(tags=["supervision"])


def case_url(number: str) -> str | None:
    try:
        return reverse("workbench:case_detail", args=[number])
    except NoReverseMatch:
        return None


class BoardFilters(Schema):
    colour: str = ""
    centre: int | None = None
    department: int | None = None
    item: int | None = None
    staff: int | None = None
    cursor: str = ""
    limit: int = 50


@router.get(
    "/cases",
    response={200: BoardPageOut, **ERRORS},
    auth=bearer,
    summary="Open cases with their clock colour",
)
def board(request, filters: Query[BoardFilters]):
    staff = acting_staff(request.user)
    page = selectors.board_page(
        staff=staff,
        colour=filters.colour,
        centre=filters.centre,
        department=filters.department,
        item=filters.item,
        reviewer=filters.staff,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {
        "results": [
            BoardCaseOut(
                number=c.number,
                item=c.item.name,
                centre=c.centre_id,
                department=c.department_id,
                reviewer=c.reviewer_id,
                state=c.state,
                colour=c.colour,
                accepted_on=c.accepted_on,
                due_date=c.decision_due_date,
                remaining_working_days=selectors.remaining_working_days(c),
                url=case_url(c.number),
            )
            for c in page.cases
        ],
        "next_cursor": page.next_cursor,
    }


class AnomalyFilters(Schema):
    rule: str = ""
    centre: int | None = None
    cursor: int | None = None
    limit: int = 50


@router.get(
    "/anomalies",
    response={200: AnomalyPageOut, **ERRORS},
    auth=bearer,
    summary="Anomalies found by the rules",
)
def anomalies(request, filters: Query[AnomalyFilters]):
    from onewindow.core.errors import Invalid

    staff = acting_staff(request.user)
    if filters.rule and filters.rule not in RULE_NAMES:
        raise Invalid(
            "invalid_rule",
            "规则名称无效",
            "Unknown rule",
            detail={"rule": filters.rule[:40], "allowed": list(RULE_NAMES)},
        )
    rows, next_cursor = selectors.anomaly_page(
        staff=staff, rule=filters.rule, centre=filters.centre, cursor=filters.cursor, limit=filters.limit
    )
    return {
        "results": [
            AnomalyOut(
                id=a.pk,
                rule=a.rule,
                label=str(RULE_LABELS.get(a.rule, a.rule)),
                subject=a.subject,
                case=a.case.number if a.case else None,
                staff=a.staff.name if a.staff else None,
                item=a.item.name if a.item else None,
                centre=a.centre_id,
                period=a.period,
                detail=a.detail,
                first_seen=a.first_seen,
            )
            for a in rows
        ],
        "next_cursor": next_cursor,
    }


@router.get(
    "/duty/{key}",
    response={200: list[DutyOut], 404: ErrorOut, 422: ErrorOut},
    auth=None,
    summary="Public on-duty board of a centre",
)
def duty(request, key: str):
    return selectors.duty_board(centre=selectors.duty_centre(key))
