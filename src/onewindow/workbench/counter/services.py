"""The counter's outcomes, composed from the cases services (no case rule is decided here).

One intake at the window ends in exactly one outcome, all or nothing: the case is received (the
clerk becomes its first-contact owner), its scans are attached, the called ticket is linked, and
then it is accepted, given the one-time notice, refused, or — for an immediate item and a clerk
with a direct-approval authorisation — decided and concluded at once (即办).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from onewindow.cases import services as cases
from onewindow.cases.models import Case, Outcome
from onewindow.cases.services.issue import licence_due
from onewindow.cases.states import State
from onewindow.core.errors import Conflict, Invalid
from onewindow.network.models import Staff
from onewindow.queueing.models import Ticket
from onewindow.queueing.services import ticket_link_case

OUTCOMES = ("accept", "notice", "refuse", "conclude")


@dataclass
class CounterResult:
    case: Case
    outcome: str
    missing: list[dict] = field(default_factory=list)
    # What "conclude at once" reached: concluded, delivered, or decided (fees still due).
    reached: str = ""


def _attach(*, case: Case, by: Staff, uploads: Mapping[int, object]) -> None:
    for material_id, upload in uploads.items():
        cases.attachment_add(case=case, by=by, upload=upload, material_id=material_id)


@transaction.atomic
def counter_intake(*, by: Staff, outcome: str, item_code: str, applicant: cases.ApplicantIn,
                   materials: Sequence[cases.MaterialIn], situation_answers: dict[int, int] | None = None,
                   uploads: Mapping[int, object] | None = None, reason: str = "",
                   ticket: Ticket | None = None) -> CounterResult:
    """Receive at the window and apply the clerk's outcome; any failure writes nothing."""
    if outcome not in OUTCOMES:
        raise Invalid("invalid_outcome", "受理结果无效", "Unknown counter outcome",
                      detail={"outcome": outcome[:20], "allowed": list(OUTCOMES)})
    if outcome == "refuse" and not (reason or "").strip():
        # Checked first so that a refusal without its written reason leaves nothing behind.
        raise Invalid("reason_required", "必须填写理由", "A written reason is required",
                      detail={"field": "reason"})
    # accept=False for a refusal: the case stays received (or, with something missing, the service
    # gives the one-time notice art. 32 requires) and is then refused in writing.
    result = cases.case_intake(by=by, item_code=item_code, applicant=applicant, materials=materials,
                               situation_answers=situation_answers, accept=outcome != "refuse")
    case = result.case
    if ticket is not None:
        ticket_link_case(ticket=ticket, case=case, by=by)
    _attach(case=case, by=by, uploads=uploads or {})
    if outcome == "accept" and case.state != State.ACCEPTED:
        raise Conflict("materials_missing", "材料不齐全，请出具一次性告知书",
                       "Materials are missing: give the one-time notice", detail={"missing": result.missing})
    if outcome == "notice" and case.state != State.SUPPLEMENT_REQUIRED:
        raise Conflict("nothing_missing", "材料齐全，无需补正", "No material is missing")
    if outcome == "refuse":
        case = cases.case_refuse(case=case, by=by, reason=reason)
    reached = ""
    if outcome == "conclude":
        case, reached = _conclude_at_once(case=case, by=by, missing=result.missing)
    return CounterResult(case=case, outcome=outcome, missing=result.missing, reached=reached)


def _conclude_at_once(*, case: Case, by: Staff, missing: list[dict]) -> tuple[Case, str]:
    """即办: decide (the decide service checks the class and the authorisation), then hand the result
    over on the spot to the applicant in person; with fees still due the case waits, decided, for
    the issuing window."""
    from onewindow.fees.selectors import fees_due

    if case.state != State.ACCEPTED:
        raise Conflict("materials_missing", "材料不齐全，请出具一次性告知书",
                       "Materials are missing: give the one-time notice", detail={"missing": missing})
    case = cases.case_decide(case=case, by=by, outcome=Outcome.APPROVE, opinion="即办件，当场办结")
    if not case.item_version.result_type:
        return cases.case_conclude(case=case, by=by), State.CONCLUDED
    if fees_due(case=case) > 0 or (licence_due(case) and case.applicant.kind != "person"):
        # Fees first; an organisation's licence goes to a collector whose identity the issuing
        # window checks (the delivery records whose document was seen).
        return case, State.DECIDED
    case = cases.case_issue(case=case, by=by)
    detail: dict | str
    if licence_due(case):
        detail = {"recipient_name": case.applicant.name, "id_type": case.applicant.id_type,
                  "id_number": case.applicant.id_number}
    else:
        detail = case.applicant.name
    case = cases.case_deliver(case=case, by=by, method="pickup", detail=detail)
    if case.state == State.DELIVERED:
        case = cases.case_conclude(case=case, by=by)
    return case, case.state


@transaction.atomic
def counter_supplement(*, by: Staff, case: Case, materials: Sequence[cases.MaterialIn],
                       uploads: Mapping[int, object] | None = None) -> Case:
    """The applicant is back with the missing materials: scans first, then the supplement (accepted
    when complete; the clock starts then)."""
    _attach(case=case, by=by, uploads=uploads or {})
    return cases.case_supplement(case=case, by=by, materials=materials)
