"""Reads of the unified issuing window (统一窗口出件): what is ready to issue, what waits for its
handover, and one case with its licence checked against the decision. Scoped to the centre."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from onewindow.cases.models import Case, Outcome
from onewindow.cases.selectors import case_for, cases_visible
from onewindow.cases.services.issue import case_licence, licence_due
from onewindow.cases.states import State
from onewindow.core.identifiers import mask_id
from onewindow.fees.models import FeeAssessment, Payment, PaymentStatus
from onewindow.fees.selectors import fees_due
from onewindow.licences.models import DeliveryStatus, Licence, LicenceDelivery
from onewindow.licences.selectors import DecisionCheck, check_against_decision
from onewindow.network.models import Staff
from onewindow.workbench.counter.selectors import case_url

LIST_LIMIT = 100
_MONEY: DecimalField = DecimalField(max_digits=12, decimal_places=2)


def _sum_of(qs) -> Coalesce:
    total = qs.order_by().values("case").annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total, output_field=_MONEY), Value(Decimal("0")), output_field=_MONEY)


def issuing_queue(*, staff: Staff) -> QuerySet[Case]:
    """Decided approvals and issued cases of the centre, each with `assessed` and `paid` (one query),
    oldest decision first: art. 44 counts 10 working days from the decision."""
    assessed = _sum_of(FeeAssessment.objects.filter(case=OuterRef("pk"), waived=False))
    paid = _sum_of(Payment.objects.filter(case=OuterRef("pk"), status=PaymentStatus.SUCCEEDED))
    return (cases_visible(staff=staff)
            .filter(centre_id=staff.centre_id, outcome=Outcome.APPROVE,
                    state__in=[State.DECIDED, State.ISSUED])
            .select_related("item", "applicant")
            .annotate(assessed=assessed, paid=paid)
            .order_by("issue_due_date", "decided_at", "pk")[:LIST_LIMIT])


@dataclass
class IssuingLists:
    ready: list[Case] = field(default_factory=list)
    unpaid: list[Case] = field(default_factory=list)
    issued: list[Case] = field(default_factory=list)


def issuing_lists(*, staff: Staff) -> IssuingLists:
    lists = IssuingLists()
    for case in issuing_queue(staff=staff):
        case.fees_due = max(case.assessed - case.paid, Decimal("0"))  # type: ignore[attr-defined]
        if case.state == State.ISSUED:
            lists.issued.append(case)
        elif case.fees_due > 0:  # type: ignore[attr-defined]
            lists.unpaid.append(case)
        else:
            lists.ready.append(case)
    return lists


@dataclass
class IssuingCase:
    case: Case
    fees_due: Decimal
    licence: Licence | None
    licence_expected: bool
    check: DecisionCheck | None
    delivery: LicenceDelivery | None
    case_url: str | None

    @property
    def applicant_id_masked(self) -> str:
        return mask_id(self.case.applicant.id_number)

    @property
    def delivery_method_label(self) -> str:
        from onewindow.workbench.issuing.forms import METHOD_CHOICES

        method = self.case.delivery_method
        return str(dict(METHOD_CHOICES).get(method, method))

    @property
    def may_issue(self) -> bool:
        return (self.case.state == State.DECIDED and self.case.outcome == Outcome.APPROVE
                and self.fees_due <= 0 and (self.check is None or self.check.ok))

    @property
    def pending_mail(self) -> bool:
        return self.delivery is not None and self.delivery.status == DeliveryStatus.PENDING \
            and self.delivery.method == "mail"


def issuing_case(*, staff: Staff, number: str) -> IssuingCase:
    """One case of the centre at the issuing window; 404 when it is not the staff member's to see.
    The licence (signed when the approval committed) is checked against the decision before the
    issue button is offered; case_issue checks it again under the lock."""
    case = case_for(staff=staff, number=(number or "")[:40])
    if case.centre_id != staff.centre_id:
        from onewindow.cases.services._base import case_not_found

        raise case_not_found(case.number)
    licence = case_licence(case)
    check = check_against_decision(licence=licence, case=case) if licence is not None else None
    delivery = (LicenceDelivery.objects.filter(licence__case_id=case.pk).order_by("-pk").first()
                if licence is not None else None)
    return IssuingCase(case=case, fees_due=fees_due(case=case), licence=licence,
                       licence_expected=case.outcome == Outcome.APPROVE and licence_due(case), check=check,
                       delivery=delivery, case_url=case_url(case.number))
