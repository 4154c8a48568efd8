"""THE table of indicators: code, name, formula, seed target and where the target comes from.

Targets are the seeds' (seed 001 附件1–4 as summarised in DOMAIN §7, seed 002 §四(二)). An indicator
without a target is reported as a figure only (met = None). Rates are fractions 0..1.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str | Promise
    formula: str | Promise
    unit: str  # count | rate | days | minutes
    target: float | None = None
    op: str = ">="  # how actual compares with target to pass
    seed: str = ""

    def met(self, value: float | None) -> bool | None:
        if self.target is None or value is None:
            return None
        return value >= self.target - 1e-9 if self.op == ">=" else value <= self.target + 1e-9


Ind = Indicator
INDICATORS: tuple[Indicator, ...] = (
    Ind("received", _("Cases received"), _("receive events in the period"), "count", seed="seed 002 §四(二)"),
    Ind("accepted", _("Cases accepted"), _("accept, deemed acceptance and completed supplements"), "count",
      seed="seed 002 §四(二)"),
    Ind("decided", _("Cases decided"), _("decisions (approve or deny) made in the period"), "count",
      seed="seed 002 §四(二)"),
    Ind("concluded", _("Cases concluded"), _("conclude events in the period"), "count", seed="DOMAIN §7"),
    Ind("refused", _("Cases not accepted"), _("refusals and out-of-remit answers"), "count",
        seed="DOMAIN §7"),
    Ind("returned", _("Cases returned"), _("returns after acceptance (退办)"), "count", seed="seed 001 #8"),
    Ind("on_time_rate", _("On-time rate"), _("decisions on or before the decision due date ÷ decisions"),
      "rate", target=1.0, seed="seed 001 #8"),
    Ind("early_rate", _("Early-completion rate"),
      _("decisions before the promised due date ÷ decisions"), "rate", target=0.70, seed="seed 001 #8"),
    Ind("avg_working_days", _("Average working days used"),
      _("working days from acceptance to decision ÷ decisions (pauses not subtracted)"), "days",
      seed="seed 001 #8"),
    Ind("residency_rate", _("Residency rate (进驻率)"),
      _("active items resident in the hall ÷ active items of the centres"), "rate", target=0.95,
      seed="seed 001 #4"),
    Ind("any_window_rate", _("Any-window intake rate (综合窗口受理率)"),
      _("active items accepted at any comprehensive window ÷ active items"), "rate", target=0.70,
      seed="seed 001 #5"),
    Ind("items_with_cases_rate", _("Items with real cases"),
      _("active items with at least one case received in the period ÷ active items"), "rate", target=0.90,
      seed="seed 001 #5"),
    Ind("guide_review_rate", _("Guide-review compliance"),
      _("published items whose guide was reviewed at least 4 times in the last year ÷ published items"),
      "rate", target=1.0, seed="seed 001 #16"),
    Ind("evaluations", _("Evaluations"), _("evaluations given in the period"), "count", seed="DOMAIN §6"),
    Ind("good_rate", _("Good-review rate"),
      _("evaluations rated 基本满意 or better ÷ evaluations"), "rate", seed="DOMAIN §6; seed 002 §四(二)"),
    Ind("complaints", _("Complaints received"), _("complaints, reports and cannot-do reports received"),
      "count", seed="DOMAIN §6"),
    Ind("complaints_on_time_rate", _("Complaints answered on time"),
      _("complaints closed by their due date ÷ complaints due in the period"), "rate", target=1.0,
      seed="DOMAIN §6"),
    Ind("queue_tickets", _("Queue tickets"), _("tickets taken in the period"), "count", seed="DOMAIN §8"),
    Ind("queue_wait_minutes", _("Average waiting time"), _("mean minutes from ticket to first call"),
      "minutes", seed="DOMAIN §8"),
)

_BY_CODE = {i.code: i for i in INDICATORS}


def by_code(code: str) -> Indicator:
    return _BY_CODE[code]
