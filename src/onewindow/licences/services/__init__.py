"""Every write of the licence library, split by responsibility.

keys.py       seal keys: register (rotation), generate into a 0600 file, the key a seal signs with
issue.py      licence_issue_for_case (idempotent), licence types, the one signing path
lifecycle.py  revoke, replace (new version), the expiry sweep, verification counts
delivery.py   pickup (identity check), mail (tracking, receipt), locker (pickup code, expiry)
reuse.py      material_reuse_consent (免提交)
"""

from onewindow.licences.services.delivery import (
    DeliveryResult,
    licence_deliver,
    licence_delivery_confirm,
    licence_locker_collect,
)
from onewindow.licences.services.issue import licence_issue_for_case, licence_type_ensure
from onewindow.licences.services.keys import seal_key_generate, seal_key_register
from onewindow.licences.services.lifecycle import (
    licence_replace,
    licence_revoke,
    licence_verification_count,
    licences_sweep,
)
from onewindow.licences.services.reuse import material_reuse_consent

__all__ = [
    "DeliveryResult", "licence_deliver", "licence_delivery_confirm", "licence_issue_for_case",
    "licence_locker_collect", "licence_replace", "licence_revoke", "licence_type_ensure",
    "licence_verification_count", "licences_sweep", "material_reuse_consent", "seal_key_generate",
    "seal_key_register",
]
