"""The shape of a province's year of cases (docs/scale.md "Province data"): seeded and deterministic.

Each case walks a valid path of cases/states.py; where it stops depends on its age, so that old cases
are concluded and recent ones spread over the working states as on a real morning.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# Weekday weights (Monday busiest) and month weights (Spring Festival dip, year-end rush): DOMAIN §10.
WEEKDAY = {0: 1.25, 1: 1.1, 2: 1.0, 3: 1.0, 4: 0.85, 5: 0.15, 6: 0.1}
MONTH = {1: 0.9, 2: 0.6, 3: 1.05, 4: 1.0, 5: 0.95, 6: 1.0, 7: 1.05, 8: 1.0, 9: 1.0, 10: 0.8, 11: 1.05,
         12: 1.2}
# Minutes after midnight of a visit: morning and afternoon peaks of the hall.
HOURS = [(8 * 60 + 30, 3), (9 * 60, 10), (10 * 60, 12), (11 * 60, 6), (14 * 60, 8), (15 * 60, 9),
         (16 * 60, 5)]
CHANNELS = [("window", 62), ("online", 30), ("village_proxy", 6), ("mail", 2)]
LEVELS = [(5, 93), (4, 4), (3, 1.5), (2, 0.8), (1, 0.7)]
EVAL_CHANNELS = [("window", 55), ("sms", 30), ("web", 15)]


@dataclass
class Step:
    action: str
    from_state: str
    to_state: str
    day: dt.date
    role: str


_CUM: dict[int, tuple[list, list[float]]] = {}


def weighted(rng: random.Random, pairs):
    """One value of [(value, weight), ...]; cumulative weights cached (the generator's hot path)."""
    key = id(pairs)
    if key not in _CUM:
        values, total, cum = [p for p, _ in pairs], 0.0, []
        for _, w in pairs:
            total += w
            cum.append(total)
        _CUM[key] = (values, cum)
    values, cum = _CUM[key]
    return rng.choices(values, cum_weights=cum)[0]


def day_weights(days: list[dt.date], is_working) -> list[float]:
    return [(WEEKDAY[d.weekday()] if is_working(d) else 0.02) * MONTH[d.month] for d in days]


def apportion(total: int, weights: list[float]) -> list[int]:
    """Integer counts summing exactly to total, proportional to weights (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    rest = total - sum(counts)
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[:rest]:
        counts[i] += 1
    return counts


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


def path(rng: random.Random, *, received: dt.date, promised_days: int, today: dt.date, add_wd) -> tuple[
        list[Step], str]:
    """The events of one case up to `today` and its outcome ('' while open). add_wd(day, n) is the
    n-th working day after day."""
    steps = [Step("receive", "", "received", received, "clerk")]
    roll = rng.random()
    if roll < 0.03:
        steps.append(Step("refuse", "received", "refused", received, "clerk"))
        return steps, "refused"
    accepted = received
    if roll < 0.11:  # incomplete: a one-time notice, then the supplement accepts it
        steps.append(Step("notice", "received", "supplement_required", received, "clerk"))
        accepted = add_wd(received, rng.randint(1, 5))
        if accepted > today:
            return steps, ""
        steps.append(Step("supplement", "supplement_required", "accepted", accepted, "clerk"))
    else:
        steps.append(Step("accept", "received", "accepted", received, "clerk"))
    if roll > 0.99:  # withdrawn at the applicant's request
        day = add_wd(accepted, rng.randint(0, 3))
        if day <= today:
            steps.append(Step("withdraw", "accepted", "withdrawn", day, "clerk"))
            return steps, "withdrawn"
    if promised_days == 0:  # immediate: decided and handed over at the window
        steps += [Step("decide", "accepted", "decided", accepted, "clerk"),
                  Step("issue", "decided", "issued", accepted, "clerk"),
                  Step("deliver", "issued", "delivered", accepted, "clerk"),
                  Step("conclude", "delivered", "concluded", accepted, "clerk")]
        return steps, "approve"
    span = max(1, promised_days)
    review_day = add_wd(accepted, rng.randint(0, max(0, span // 3)))
    if review_day > today:
        return steps, ""
    steps.append(Step("review", "accepted", "in_review", review_day, "reviewer"))
    state = "in_review"
    decide_day = add_wd(accepted, max(1, int(span * rng.uniform(0.2, 0.95))))
    if rng.random() < 0.03:  # field survey / expert review: the clock pauses
        start = add_wd(review_day, 1)
        end = add_wd(start, rng.randint(2, 10))
        if start <= today:
            steps.append(Step("suspend", "in_review", "suspended", start, "reviewer"))
            state = "suspended"
            if end > today:
                return steps, ""
            steps.append(Step("resume", "suspended", "in_review", end, "reviewer"))
            state = "in_review"
            decide_day = max(decide_day, add_wd(end, 1))
    if decide_day > today:
        return steps, ""
    if rng.random() < 0.005:
        steps.append(Step("return", state, "returned", decide_day, "chief_representative"))
        return steps, "returned"
    denied = rng.random() < 0.02
    steps.append(Step("decide", state, "decided", decide_day, "chief_representative"))
    if denied:
        steps.append(Step("conclude", "decided", "concluded", decide_day, "issuer"))
        return steps, "deny"
    issue_day = add_wd(decide_day, rng.choice((0, 0, 1, 1, 2, 3)))
    if issue_day > today:
        return steps, "approve"
    steps.append(Step("issue", "decided", "issued", issue_day, "issuer"))
    deliver_day = add_wd(issue_day, rng.choice((0, 0, 0, 1, 2, 5)))
    if deliver_day > today:
        return steps, "approve"
    steps += [Step("deliver", "issued", "delivered", deliver_day, "issuer"),
              Step("conclude", "delivered", "concluded", deliver_day, "issuer")]
    return steps, "approve"


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(rng: random.Random, region: str) -> str:
    """A GB 11643 resident ID with a valid check digit (fictional: random birth date and serial)."""
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
    body = f"{region[:6]:0<6}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    total = sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]
