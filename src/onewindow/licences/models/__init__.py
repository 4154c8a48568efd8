"""E-licences (DOMAIN §4, docs/licences.md).

library.py   LicenceType, SealKey (public keys of the seals), LicenceSerial (serial counters)
licence.py   Licence (signed record + PDF), LicenceEvent (the audit trail)
handover.py  LicenceDelivery (pickup, mail, locker), ReuseConsent (免提交)
"""

from onewindow.licences.models.handover import (
    DeliveryMethod,
    DeliveryStatus,
    LicenceDelivery,
    ReuseConsent,
)
from onewindow.licences.models.library import LicenceSerial, LicenceType, SealKey
from onewindow.licences.models.licence import (
    HolderIdType,
    Licence,
    LicenceEvent,
    LicenceEventKind,
    LicenceStatus,
)

__all__ = [
    "DeliveryMethod", "DeliveryStatus", "HolderIdType", "Licence", "LicenceDelivery", "LicenceEvent",
    "LicenceEventKind", "LicenceSerial", "LicenceStatus", "LicenceType", "ReuseConsent", "SealKey",
]
