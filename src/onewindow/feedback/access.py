"""Who may evaluate or complain about a case from the citizen side: the citizen account that owns
it (cases.selectors_citizen), or whoever knows the last 4 characters of the applicant's ID or phone
(the public progress check, with its lockout)."""

from __future__ import annotations

from onewindow.cases.models import Case
from onewindow.cases.selectors import progress_lookup
from onewindow.core.errors import Conflict, NotFound

# A case can be evaluated once the citizen has been served (not while a draft or awaiting pre-review).
NOT_YET_SERVED = ("draft", "submitted")


def citizen_cases(user):
    try:
        from onewindow.cases.selectors_citizen import cases_visible_to_citizen
    except ImportError:  # the citizen accounts are not installed: only the verification code works
        return Case.objects.none()
    return cases_visible_to_citizen(user=user)


def case_of_citizen(*, user, number: str) -> Case | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return citizen_cases(user).filter(number=(number or "")[:40]).select_related(
        "applicant", "centre", "department", "receiving_clerk__window").first()


def case_for_evaluation(*, number: str, user=None, verify: str = "") -> Case:
    """The case a citizen evaluates; NotFound (the same for unknown and not-yours) otherwise."""
    case = case_of_citizen(user=user, number=number)
    if case is None:
        if not verify:
            raise NotFound("case_not_found", "未找到办件", "Case not found")
        case = progress_lookup(number=number, verify=verify)
        case = Case.objects.select_related("applicant", "centre", "department",
                                           "receiving_clerk__window").get(pk=case.pk)
    if case.state in NOT_YET_SERVED:
        raise Conflict("case_not_served_yet", "办件尚未受理，暂不能评价", "The case has not been served yet")
    return case
