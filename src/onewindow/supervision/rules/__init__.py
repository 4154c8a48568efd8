"""Anomaly rules (docs/supervision.md "Anomaly rules"). Each is a small function that returns its
findings; `rules_run` records them (one Anomaly per rule and subject). Enable, disable and tune
each with ONEWINDOW_SUPERVISION_RULES = {"<name>": {"enabled": False, "<param>": value}}."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onewindow.core.timeutil import now, today
from onewindow.supervision.conf import conf, rule_conf
from onewindow.supervision.rules import case_rules, staff_rules
from onewindow.supervision.rules.base import Finding, RuleContext, record


@dataclass(frozen=True)
class Rule:
    name: str
    label: Any
    find: Callable[[RuleContext], list[Finding]]
    defaults: dict[str, Any]


RULES: tuple[Rule, ...] = (
    Rule(
        "repeated_suspensions",
        _("Repeated suspensions of a case"),
        case_rules.repeated_suspensions,
        {"max_per_case": 2, "lookback_days": 90},
    ),
    Rule(
        "repeated_returns_by_reviewer",
        _("Many suspensions or returns by one reviewer"),
        staff_rules.repeated_returns_by_reviewer,
        {"max_per_reviewer": 5, "actions": ["suspend", "return"]},
    ),
    Rule(
        "immediate_not_same_day",
        _("Immediate case not concluded the same day"),
        case_rules.immediate_not_same_day,
        {"lookback_days": 30},
    ),
    Rule(
        "late_one_time_notice",
        _("No one-time notice within the notice days"),
        case_rules.late_one_time_notice,
        {"lookback_days": 60},
    ),
    Rule(
        "extension_without_reason",
        _("Extension without a reason"),
        case_rules.extension_without_reason,
        {"lookback_days": 180},
    ),
    Rule(
        "material_beyond_list",
        _("Material demanded beyond the published list"),
        case_rules.material_beyond_list,
        {"lookback_days": 30},
    ),
    Rule(
        "resident_without_hall_cases",
        _("Item resident in the hall without hall cases (明进暗不进)"),
        staff_rules.resident_without_hall_cases,
        {"hall_channels": ["window", "village_proxy"]},
    ),
    Rule(
        "licence_not_issued",
        _("Result not issued within 10 working days of the decision"),
        case_rules.licence_not_issued,
        {"lookback_days": 120},
    ),
    Rule(
        "action_outside_hours",
        _("Case action outside working hours"),
        staff_rules.action_outside_hours,
        {"lookback_days": 2, "max_per_run": 5000},
    ),
)
RULE_NAMES = tuple(r.name for r in RULES)
RULE_LABELS = {r.name: r.label for r in RULES}


def rule_params(rule: Rule) -> dict[str, Any]:
    params = rule_conf(rule.name, rule.defaults)
    if rule.name == "action_outside_hours":
        params.setdefault("start", conf("WORK_START"))
        params.setdefault("end", conf("WORK_END"))
    return params


def rules_run(*, only: list[str] | None = None) -> dict[str, int]:
    """Run every enabled rule (or those named); returns new anomalies per rule. Idempotent."""
    counts: dict[str, int] = {}
    moment, day = now(), today()
    for rule in RULES:
        if only and rule.name not in only:
            continue
        params = rule_params(rule)
        if not params.get("enabled", True):
            continue
        findings = rule.find(RuleContext(today=day, now=moment, params=params))
        with transaction.atomic():
            counts[rule.name] = record(rule=rule.name, findings=findings, at=moment)
    return counts
