"""Demo cases: a few hundred cases in every state over the demo catalogue, made through the services
(the same path the API takes). Deterministic for a seed; a second run skips (the demo applicants
carry a marker address). For the `load_demo` STEPS (onewindow.demo.steps)."""

from __future__ import annotations

import logging
import random

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from stdnum.cn import ric

from onewindow.cases import services as svc
from onewindow.cases.models import Case
from onewindow.cases.states import State
from onewindow.catalogue.models import BundleComponent, ItemVersion, ServiceItem
from onewindow.core.errors import DomainError
from onewindow.core.timeutil import today
from onewindow.fees.selectors import fees_due
from onewindow.network.models import Authorisation, Centre, CentreLevel, Role, Staff

logger = logging.getLogger(__name__)

MARKER = "（演示数据）"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明",
         "超",
         "秀兰", "霞", "平", "刚", "桂英", "建华", "海燕", "志强"]
# How often each final state appears (concluded cases dominate a real hall's history).
WEIGHTS = {
    State.DRAFT: 1, State.SUBMITTED: 2, State.RECEIVED: 2, State.SUPPLEMENT_REQUIRED: 3, State.ACCEPTED: 4,
    State.IN_REVIEW: 5, State.SUSPENDED: 2, State.DECIDED: 3, State.ISSUED: 2, State.DELIVERED: 1,
    State.CONCLUDED: 10, State.REFUSED: 2, State.WITHDRAWN: 1, State.RETURNED: 1, State.ESCALATED: 1,
}


# Real GB/T 2260 prefixes: python-stdnum checks the birth place, and the demo regions (90…) are fictional.
ID_REGIONS = ("110105", "110108", "310110")


def _resident_id(rng: random.Random, region: str) -> str:
    born = f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = f"{rng.choice(ID_REGIONS)}{born}{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


class _Cast:
    """Who does what at the demo county centre, found by role (not by username)."""

    def __init__(self, centre: Centre):
        def first(role, **kw):
            return (Staff.objects.filter(centre=centre, roles__role=role, **kw).select_related("user")
                    .order_by("pk").first())

        clerk = first(Role.CLERK)
        if clerk is None:
            raise LookupError("no intake clerk at the demo county centre")
        self.centre = centre
        self.clerk: Staff = clerk
        self.issuer: Staff = first(Role.ISSUER) or clerk
        self.chiefs: dict[int, Staff] = {}
        self.reviewers: dict[int, Staff] = {}
        for staff in Staff.objects.filter(centre=centre, department__isnull=False).prefetch_related("roles"):
            roles, department_id = staff.role_codes(), staff.department_id
            if department_id is None:
                continue
            if Role.CHIEF_REPRESENTATIVE in roles and Authorisation.objects.filter(
                    staff=staff, department_id=department_id, revoked=False).exists():
                self.chiefs.setdefault(department_id, staff)
            if Role.REVIEWER in roles and staff.civil_servant:
                self.reviewers.setdefault(department_id, staff)


def _items(cast: _Cast) -> tuple[list[ItemVersion], list[ItemVersion]]:
    """Versions in force of (plain items, joint bundles) of the centre whose departments can review
    and decide them."""
    bundles = BundleComponent.objects.filter(bundle=OuterRef("pk"))
    qs = (ServiceItem.objects.filter(centre=cast.centre, active=True, current_version__isnull=False)
          .annotate(is_bundle=Exists(bundles)).select_related("current_version").order_by("implementation_code"))
    plain: list[ItemVersion] = []
    joint: list[ItemVersion] = []
    for item in qs:
        version = item.current_version
        if version is None:
            continue
        version.item = item
        if item.is_bundle:
            departments = set(BundleComponent.objects.filter(bundle=item)
                              .values_list("component__department_id", flat=True))
            if departments <= set(cast.chiefs):
                joint.append(version)
        elif (item.department_id in cast.chiefs and item.department_id in cast.reviewers
              and version.case_class != "joint"):
            plain.append(version)
    return plain, joint


def _applicant(rng: random.Random, region: str) -> svc.ApplicantIn:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return svc.ApplicantIn(kind="person", name=name, id_type="resident_id",
                           id_number=_resident_id(rng, region), phone=f"139{rng.randint(0, 99999999):08d}",
                           address=f"青禾县示例路{rng.randint(1, 300)}号{MARKER}")


def _drive(target: str, *, cast: _Cast, version: ItemVersion, rng: random.Random) -> Case:
    item = version.item
    materials = list(version.materials.all())
    required = [m for m in materials if m.required and m.source != "licence_library"]
    lines = [svc.MaterialIn(material=m.pk, provided=rng.choice(["original", "original", "copy",
                                                                "electronic"]))
             for m in required]
    clerk, chief = cast.clerk, cast.chiefs[item.department_id]
    reviewer = cast.reviewers.get(item.department_id) or chief
    applicant = _applicant(rng, cast.centre.region_id)

    def intake(**kw):
        return svc.case_intake(by=clerk, item_code=item.implementation_code, applicant=applicant,
                               materials=kw.pop("materials", lines), **kw).case

    if target == State.DRAFT:
        return intake(draft=True)
    if target == State.SUBMITTED:
        return intake(channel="online")
    if target == State.RECEIVED:
        return intake(accept=False)
    if target == State.SUPPLEMENT_REQUIRED:
        return intake(materials=lines[1:] if len(lines) > 1 else [])
    if target == State.REFUSED:
        case = intake(accept=False)
        if rng.random() < 0.3:
            return svc.case_out_of_remit(case=case, by=clerk, competent_body="澜川市自然资源局",
                                         reason="该事项由市级部门办理")
        return svc.case_refuse(case=case, by=clerk, reason="申请内容不符合法定条件")
    if target == State.WITHDRAWN:
        return svc.case_withdraw(case=intake(), by=clerk, reason="申请人书面申请撤回")
    case = intake()
    if case.state != State.ACCEPTED or target == State.ACCEPTED:
        return case
    if case.case_class == "joint":
        return _drive_joint(target, case=case, cast=cast)
    svc.case_assign(case=case, by=chief, reviewer_id=reviewer.pk)
    case = svc.case_review(case=case, by=reviewer, opinion="材料齐全，符合受理条件，建议准予")
    if target == State.IN_REVIEW:
        return case
    if target == State.SUSPENDED:
        return svc.case_suspend(case=case, by=reviewer, kind=rng.choice(["field_survey", "expert_review",
                                                                         "testing"]),
                                reason="需现场核查经营场所")
    if target == State.RETURNED:
        return svc.case_return(case=case, by=chief, reason="现场核查不具备法定条件")
    if target == State.ESCALATED:
        svc.case_escalate(case=case, by=chief, reason="超出本级审批权限，报上级审批")
        case.refresh_from_db()
        return case
    denied = target in (State.DECIDED, State.CONCLUDED) and rng.random() < 0.1
    outcome = "deny" if denied else "approve"
    opinion = "不符合法定条件，不予许可" if denied else "符合条件，准予许可"
    case = svc.case_decide(case=case, by=chief, outcome=outcome, opinion=opinion)
    if target == State.DECIDED:
        return case
    if outcome == "deny" or not version.result_type:
        return svc.case_conclude(case=case, by=cast.issuer)
    case = _pay_and_issue(case, cast)
    if target == State.ISSUED:
        return case
    method = rng.choice(["pickup", "mail", "locker"])
    detail = _delivery_detail(case, method, rng)
    case = svc.case_deliver(case=case, by=cast.issuer, method=method, detail=detail)
    if case.state == State.DELIVERED and target == State.CONCLUDED:
        case = svc.case_conclude(case=case, by=cast.issuer)
    return case


def _drive_joint(target: str, *, case: Case, cast: _Cast) -> Case:
    tasks = list(case.tasks.order_by("position"))
    done = tasks if target not in (State.IN_REVIEW, State.SUSPENDED, State.RETURNED,
                                   State.ESCALATED) else tasks[:1]
    for task in done:
        svc.task_decide(case=case, by=cast.chiefs[task.department_id], task_id=task.pk, outcome="approve",
                        opinion="本部门审查同意")
    case.refresh_from_db()
    if case.state == State.DECIDED and target in (State.ISSUED, State.DELIVERED, State.CONCLUDED):
        case = _pay_and_issue(case, cast)
        if target != State.ISSUED:
            case = svc.case_deliver(case=case, by=cast.issuer, method="pickup",
                                    detail=_delivery_detail(case, "pickup", None))
    return case


def _pay_and_issue(case: Case, cast: _Cast) -> Case:
    if fees_due(case=case) > 0:
        # 一口式收费: the applicant pays at the window before the result is issued.
        case = svc.case_pay(case=case, by=cast.issuer, method="cash", reference=f"DEMO-{case.number}")
    return svc.case_issue(case=case, by=cast.issuer)


def _delivery_detail(case: Case, method: str, rng) -> dict[str, str]:
    """What the issuing window records: the applicant's own ID checked at pickup, a tracked parcel,
    or a locker cell (the licence library checks each against the licence's holder)."""
    applicant = case.applicant
    if method == "mail":
        return {"address": applicant.address or "青禾县城关镇人民路 1 号", "carrier": "EMS",
                "tracking_number": f"EMS{rng.randint(10**9, 10**10 - 1)}", "recipient_name": applicant.name,
                "phone": applicant.phone or "13800000000"}
    if method == "locker":
        return {"locker": f"A-{rng.randint(1, 40)}"}
    return {"id_type": applicant.id_type, "id_number": applicant.id_number, "recipient_name": applicant.name}


def load_demo_cases(*, count: int = 300, seed: int = 2026) -> str:
    """Create `count` demo cases in every state at the demo county centre (skips when present)."""
    if Case.objects.filter(applicant__address__endswith=MARKER).exists():
        return "demo cases already present"
    centre = (Centre.objects.filter(level=CentreLevel.COUNTY, active=True)
              .filter(Q(items__current_version__isnull=False)).order_by("pk").first())
    if centre is None:
        return "no county centre with items: load the network and the catalogue first"
    try:
        cast = _Cast(centre)
    except LookupError as exc:
        return str(exc)
    plain, joint = _items(cast)
    if not plain:
        return "no reviewable item at the demo county centre"
    rng = random.Random(seed)
    states = list(WEIGHTS)
    plan = states + rng.choices(states, weights=[WEIGHTS[s] for s in states], k=max(count - len(states), 0))
    made: dict[str, int] = {}
    skipped = 0
    for n, target in enumerate(plan[:count]):
        use_joint = joint and n % 15 == 7 and target not in (State.ESCALATED,)
        pool = joint if use_joint else plain
        if target in (State.ISSUED, State.DELIVERED):
            # Only a version with a result document issues; only one that does not conclude on
            # delivery stays delivered.
            pool = [v for v in plain if v.result_type and not (
                target == State.DELIVERED and v.conclude_on_delivery)] or pool
        version = rng.choice(pool)
        if target == State.ESCALATED and centre.parent_id is None:
            target = State.IN_REVIEW
        try:
            with transaction.atomic():
                case = _drive(target, cast=cast, version=version, rng=rng)
        except DomainError as exc:
            # e.g. an item whose chief lacks a power: the demo carries on
            logger.info("demo case %s (%s) skipped: %s", n, target, exc)
            skipped += 1
            continue
        made[case.state] = made.get(case.state, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(made.items()))
    return f"{sum(made.values())} demo cases on {today():%Y-%m-%d} ({summary}); skipped {skipped}"

