"""Configurable limits and tags of the feedback app. Each reads a Django setting when set (see
docs/feedback.md "Configuration"), so a centre can change them without code."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULTS = {
    "ONEWINDOW_FEEDBACK_VERIFY_DAYS": 1,      # verify a bad review within 1 working day
    "ONEWINDOW_FEEDBACK_RECTIFY_DAYS": 15,    # rectify within at most 15 working days
    "ONEWINDOW_FEEDBACK_REPLY_DAYS": 2,       # reply to the citizen after rectification
    "ONEWINDOW_FEEDBACK_VISIT_DAYS": 5,       # return visit after the reply
    "ONEWINDOW_FEEDBACK_COMPLAINT_DAYS": 10,  # a complaint is answered within 10 working days
    "ONEWINDOW_FEEDBACK_APPEAL_DAYS": 10,     # an appeal is accepted up to 10 working days after closing
    "ONEWINDOW_FEEDBACK_MAX_APPEALS": 1,
    "ONEWINDOW_FEEDBACK_INVITE_HOURS": 72,    # lifetime of an SMS evaluation link
    "ONEWINDOW_FEEDBACK_WINDOW_MINUTES": 30,  # the window evaluator offers events this recent only
}


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


# Tags per level (configurable with ONEWINDOW_FEEDBACK_TAGS = {level: [code, ...]}); codes are stable,
# labels are translated. Good levels praise, bad levels name the problem.
TAG_LABELS = {
    "efficient": _("Efficient"),
    "friendly": _("Friendly attitude"),
    "clear_guidance": _("Clear guidance"),
    "one_visit": _("Done in one visit"),
    "online": _("Convenient online"),
    "slow": _("Slow"),
    "attitude": _("Poor attitude"),
    "repeat_visits": _("Had to come back several times"),
    "unclear_guidance": _("Unclear guidance"),
    "extra_materials": _("Materials demanded beyond the list"),
    "not_done": _("Could not get it done"),
}
GOOD_TAGS = ["efficient", "friendly", "clear_guidance", "one_visit", "online"]
BAD_TAGS = ["slow", "attitude", "repeat_visits", "unclear_guidance", "extra_materials", "not_done"]
DEFAULT_TAGS = {5: GOOD_TAGS, 4: GOOD_TAGS, 3: GOOD_TAGS + ["slow", "unclear_guidance"], 2: BAD_TAGS,
                1: BAD_TAGS}


def tags_for(level: int) -> list[str]:
    configured = getattr(settings, "ONEWINDOW_FEEDBACK_TAGS", None) or {}
    tags = configured.get(level) or configured.get(str(level)) or DEFAULT_TAGS.get(level, [])
    return list(tags)


def all_tags() -> list[str]:
    seen: list[str] = []
    for level in (5, 4, 3, 2, 1):
        seen += [t for t in tags_for(level) if t not in seen]
    return seen


def tag_label(code: str) -> str:
    return str(TAG_LABELS.get(code, code))
