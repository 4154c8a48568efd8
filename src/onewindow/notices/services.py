"""Interface stub — replaced by the notices work. Signatures are the contract the cases app calls."""

from __future__ import annotations

NOTICE_KINDS = ("acceptance", "one_time", "refusal", "joint_acceptance", "suspension", "extension",
                "decision", "out_of_remit")


def notice_request(*, case, kind: str, event=None, by=None) -> None:
    """Ask for the notice PDF of `kind` for `case` (about `event`, a CaseEvent). Runs after commit;
    idempotent per (case, kind, event)."""
    return None
