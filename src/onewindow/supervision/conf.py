"""Supervision settings (ONEWINDOW_SUPERVISION_*), read at call time so tests can override them.

README "Configuration" lists them; docs/supervision.md explains each rule's parameters.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Colours: yellow when at most YELLOW_DAYS working days remain, or when at least
    # YELLOW_USED_PERCENT % of the case's limit (promised + extension) is used; red when overdue.
    "YELLOW_DAYS": 2,
    "YELLOW_USED_PERCENT": 80,
    # Warnings notified per sweep run (the rest wait for the next run: a run stays bounded).
    "NOTIFY_BATCH": 100,
    # Seconds one run spends notifying at most (the batch stops early when they are used up).
    "NOTIFY_SECONDS": 20,
    # A full run (every open case) at least this often; the runs between look at changed cases.
    "FULL_MINUTES": 60,
    # Seconds a sweep holds its lock at most (a crashed run frees it after this).
    "LOCK_SECONDS": 300,
    # Anomaly rules: {"rule name": {"enabled": bool, parameters...}}; missing keys use rules' defaults.
    "RULES": {},
    # Working hours for the "action outside working hours" rule.
    "WORK_START": "08:30",
    "WORK_END": "17:30",
}


def conf(name: str) -> Any:
    return getattr(settings, f"ONEWINDOW_SUPERVISION_{name}", DEFAULTS[name])


def rule_conf(rule: str, defaults: dict[str, Any]) -> dict[str, Any]:
    """The rule's parameters: its defaults overlaid with ONEWINDOW_SUPERVISION_RULES[rule]."""
    return {"enabled": True, **defaults, **(conf("RULES").get(rule) or {})}
