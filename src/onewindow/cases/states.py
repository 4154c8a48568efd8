"""THE state table of a case: every state, every allowed transition and the roles that may make it.

Every transition service looks its move up here (`transition_for`) and nothing else decides whether
a move is allowed; the tests are parametrised over this table and docs/cases.md is generated from it
(`python -m onewindow.cases.states`).

Model (seed 002 §二(二)): front desk accepts, back office reviews by category, one window issues
(前台综合受理、后台分类审批、统一窗口出件).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted online, awaiting pre-review")
    RECEIVED = "received", _("Received")
    SUPPLEMENT_REQUIRED = "supplement_required", _("Supplement required")
    ACCEPTED = "accepted", _("Accepted")
    IN_REVIEW = "in_review", _("In review")
    SUSPENDED = "suspended", _("Suspended")
    DECIDED = "decided", _("Decided")
    ISSUED = "issued", _("Issued")
    DELIVERED = "delivered", _("Delivered")
    CONCLUDED = "concluded", _("Concluded")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETURNED = "returned", _("Returned")
    ESCALATED = "escalated", _("Escalated to a higher level")


# The pseudo state before a case exists (the source of the creating transitions).
NEW = ""

# Roles (network.models.Role values) plus "system" for moves made by the software itself
# (the art. 32 sweep, automatic conclusion on delivery, the last joint task, the higher case).
CLERK = "clerk"
REVIEWER = "reviewer"
CHIEF = "chief_representative"
ISSUER = "issuer"
AGENT = "proxy_agent"
MANAGER = "centre_manager"
SYSTEM = "system"
# A citizen or organisation member acting online on their own case (cases/services/online.py). Not a
# staff role: no Staff holds it, so the staff services never take a move as a citizen.
CITIZEN = "citizen"

TERMINAL = frozenset({State.CONCLUDED, State.REFUSED, State.WITHDRAWN, State.RETURNED})
# States before acceptance: the statutory clock has not started.
PRE_ACCEPTANCE = frozenset({State.DRAFT, State.SUBMITTED, State.RECEIVED, State.SUPPLEMENT_REQUIRED})
# States in which the back office works on the case.
WORKING = frozenset({State.ACCEPTED, State.IN_REVIEW, State.SUSPENDED})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (the move is still recorded)
    roles: tuple[str, ...]
    # Other targets the service may choose (e.g. a supplement that is still incomplete).
    alternatives: tuple[str, ...] = ()
    note: str = ""


S = State
T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    # -- front desk (前台综合受理)
    T("draft", (NEW,), S.DRAFT, (CLERK, AGENT, CITIZEN),
      note="an online application saved before submission"),
    T("submit", (NEW, S.DRAFT), S.SUBMITTED, (CLERK, AGENT, CITIZEN),
      note="online application, awaits pre-review"),
    T("receive", (NEW, S.SUBMITTED), S.RECEIVED, (CLERK, AGENT, SYSTEM),
      note="materials received at the window (system: forwarded from a lower centre)"),
    T("notice", (S.SUBMITTED, S.RECEIVED), S.SUPPLEMENT_REQUIRED, (CLERK,),
      note="one-time notice listing every missing material (art. 32)"),
    T("supplement", (S.SUPPLEMENT_REQUIRED,), S.ACCEPTED, (CLERK, AGENT, CITIZEN),
      alternatives=(S.SUPPLEMENT_REQUIRED,),
      note="accepted when complete; the clock starts then (citizen: resubmits, stays until pre-review)"),
    T("accept", (S.SUBMITTED, S.RECEIVED), S.ACCEPTED, (CLERK,), note="acceptance notice with the due date"),
    T("deemed_accept", (S.RECEIVED, S.SUPPLEMENT_REQUIRED), S.ACCEPTED, (SYSTEM,),
      note="no one-time notice within notice_days: accepted as of receipt (art. 32)"),
    T("refuse", (S.SUBMITTED, S.RECEIVED, S.SUPPLEMENT_REQUIRED), S.REFUSED, (CLERK, CHIEF),
      note="不予受理 in writing with the reason"),
    T("out_of_remit", (S.SUBMITTED, S.RECEIVED, S.SUPPLEMENT_REQUIRED), S.REFUSED, (CLERK, CHIEF),
      note="not this body's remit: names the competent body"),
    T("withdraw", (S.DRAFT, S.SUBMITTED, S.RECEIVED, S.SUPPLEMENT_REQUIRED, S.ACCEPTED, S.IN_REVIEW,
                   S.SUSPENDED), S.WITHDRAWN, (CLERK, AGENT, CITIZEN), note="at the applicant's request"),
    # -- back office (后台分类审批)
    T("assign", (S.ACCEPTED, S.IN_REVIEW), S.IN_REVIEW, (CHIEF, MANAGER)),
    T("review", (S.ACCEPTED, S.IN_REVIEW), S.IN_REVIEW, (REVIEWER, CHIEF),
      note="an opinion at a review step"),
    T("suspend", (S.ACCEPTED, S.IN_REVIEW), S.SUSPENDED, (REVIEWER, CHIEF),
      note="special procedure (art. 45) or field survey: the clock pauses"),
    T("resume", (S.SUSPENDED,), S.IN_REVIEW, (REVIEWER, CHIEF), note="the clock runs again"),
    T("extend", (S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED), None, (CHIEF, MANAGER),
      note="once, at most max_extension_days (art. 42)"),
    T("decide", (S.ACCEPTED, S.IN_REVIEW), S.DECIDED, (CHIEF, CLERK),
      note="within the authorisation; a clerk only for immediate cases with direct approval"),
    T("task_assign", (S.ACCEPTED, S.IN_REVIEW), S.IN_REVIEW, (CHIEF, MANAGER), note="joint cases"),
    T("task_decide", (S.ACCEPTED, S.IN_REVIEW), S.IN_REVIEW, (CHIEF,), alternatives=(S.DECIDED,),
      note="joint cases: the last task decides the parent"),
    T("meeting", (S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED), None, (CHIEF, MANAGER),
      note="joint review meeting record (联审会议)"),
    T("forward", (S.RECEIVED,), S.ESCALATED, (AGENT, CLERK),
      note="village proxy (代办): sent on to the competent centre; the agent follows it"),
    T("escalate", (S.ACCEPTED, S.IN_REVIEW), S.ESCALATED, (CHIEF, MANAGER),
      note="forwarded to the higher level (art. 43); a proxy agent follows it"),
    T("return", (S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED), S.RETURNED, (CHIEF, REVIEWER),
      note="退办 after acceptance, with the written reason"),
    T("attach", (S.DRAFT, S.SUBMITTED, S.RECEIVED, S.SUPPLEMENT_REQUIRED, S.ACCEPTED, S.IN_REVIEW,
                 S.SUSPENDED, S.DECIDED, S.ISSUED), None, (CLERK, AGENT, REVIEWER, CHIEF, ISSUER, CITIZEN),
      note="a scanned or uploaded file (POST .../attachments; citizen: in draft or supplement_required)"),
    # -- unified issuing window (统一窗口出件)
    T("pay", (S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED, S.DECIDED, S.ISSUED), None, (CLERK, ISSUER)),
    T("issue", (S.DECIDED,), S.ISSUED, (ISSUER, CLERK), note="fees paid; art. 44: within 10 working days"),
    T("deliver", (S.ISSUED,), S.DELIVERED, (ISSUER, CLERK),
      note="pickup, mail, locker, or back to the village that forwarded it"),
    T("deliver", (S.ESCALATED,), S.DELIVERED, (AGENT, CLERK),
      note="village proxy: the result the competent centre sent back is handed over in the village"),
    T("conclude", (S.DELIVERED, S.DECIDED), S.CONCLUDED, (ISSUER, CLERK, SYSTEM),
      note="from decided only when there is nothing to issue (a denial, or no result document)"),
    T("conclude", (S.ESCALATED,), S.CONCLUDED, (SYSTEM, AGENT, CLERK),
      note="the higher level has concluded the case"),
)

_BY_KEY: dict[tuple[str, str], Transition] = {}
for _t in TRANSITIONS:
    for _source in _t.sources:
        key = (_t.action, _source)
        if key in _BY_KEY:  # one row per (action, source): the table is a function
            raise RuntimeError(f"duplicate transition {key}")
        _BY_KEY[key] = _t

ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(t.action for t in TRANSITIONS))
# Actions the case-action endpoint accepts (creation goes through POST /cases).
CASE_ACTIONS: tuple[str, ...] = tuple(a for a in ACTIONS if a not in {"draft", "deemed_accept", "attach"})
ALL_STATES: tuple[str, ...] = tuple(State.values)


def transition_for(action: str, state: str) -> Transition | None:
    return _BY_KEY.get((action, state))


def roles_for_action(action: str) -> frozenset[str]:
    return frozenset(r for t in TRANSITIONS if t.action == action for r in t.roles)


def table_markdown() -> str:
    """The table as Markdown, for docs/cases.md."""
    lines = ["| action | from | to | roles | note |", "|---|---|---|---|---|"]
    for t in TRANSITIONS:
        sources = ", ".join(s or "(new)" for s in t.sources)
        target = t.target or "(unchanged)"
        if t.alternatives:
            target += " or " + ", ".join(t.alternatives)
        lines.append(f"| `{t.action}` | {sources} | {target} | {', '.join(t.roles)} | {t.note} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(table_markdown())
